import type { z } from "zod";
import { AreaCodeParamsSchema, AreaListSchema } from "./areas.js";
import { SignedInSchema, StaffSignInSchema, WechatSignInSchema } from "./auth.js";
import {
  MeSchema,
  PasswordChangeSchema,
  PhoneLinkedSchema,
  PhoneVerificationSchema,
  SubscriptionQuotaSchema,
  SubscriptionSchema,
  WechatLinkSchema,
} from "./me.js";
import {
  PolicyAskQuerySchema,
  PolicyAskReplySchema,
  PolicyIdParamsSchema,
  PolicyListQuerySchema,
  PolicyListSchema,
  PolicySheetSchema,
  PolicyVersionQuerySchema,
} from "./policies.js";
import {
  AcceptSchema,
  CloseSchema,
  CommentSchema,
  MyReportListSchema,
  OpinionSchema,
  QueuePageSchema,
  QueueQuerySchema,
  ReportCreateSchema,
  ReportDetailQuerySchema,
  ReportDetailSchema,
  ReportIdParamsSchema,
  ReportReceiptSchema,
  RiskTypeListSchema,
  TransferSchema,
  VisitSchema,
  WithdrawSchema,
} from "./reports.js";

/** One call a client makes: the route it reaches and the schemas of what goes in and comes back. */
export interface ClientCall {
  method: "get" | "post";
  path: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** What the client may rely on in the answer; none when it reads nothing of it. */
  response?: z.ZodType;
  /** Request headers the call sends (their names), e.g. the idempotency key of a report. */
  headers?: readonly string[];
}

const reportMove = (name: string, body: z.ZodType): ClientCall => ({
  method: "post",
  path: `/api/reports/:id/${name}`,
  params: ReportIdParamsSchema,
  body,
  response: ReportDetailSchema,
});

/**
 * The calls the mini-program makes. `npm run generate:client` writes its typed client
 * (miniprogram/src/utils/api-client.generated.ts) from this list; a test checks every entry
 * against the route the server declares (same method, path and schemas).
 */
export const MINIPROGRAM_CALLS = {
  signInWechat: { method: "post", path: "/api/auth/wechat", body: WechatSignInSchema, response: SignedInSchema },
  signInStaff: { method: "post", path: "/api/auth/staff", body: StaffSignInSchema, response: SignedInSchema },
  changePassword: { method: "post", path: "/api/me/password", body: PasswordChangeSchema, response: SignedInSchema },
  linkWechat: { method: "post", path: "/api/me/wechat", body: WechatLinkSchema },
  linkPhone: { method: "post", path: "/api/me/phone", body: PhoneVerificationSchema, response: PhoneLinkedSchema },
  me: { method: "get", path: "/api/me", response: MeSchema },
  subscriptionQuota: { method: "get", path: "/api/me/subscriptions", response: SubscriptionQuotaSchema },
  grantSubscriptions: { method: "post", path: "/api/me/subscriptions", body: SubscriptionSchema },
  myReports: { method: "get", path: "/api/me/reports", response: MyReportListSchema },
  riskTypes: { method: "get", path: "/api/risk-types", response: RiskTypeListSchema },
  areaChildren: { method: "get", path: "/api/areas/:code/children", params: AreaCodeParamsSchema, response: AreaListSchema },
  createReport: { method: "post", path: "/api/reports", body: ReportCreateSchema, response: ReportReceiptSchema, headers: ["Idempotency-Key"] },
  queue: { method: "get", path: "/api/queue", query: QueueQuerySchema, response: QueuePageSchema },
  report: { method: "get", path: "/api/reports/:id", params: ReportIdParamsSchema, query: ReportDetailQuerySchema, response: ReportDetailSchema },
  acceptReport: reportMove("accept", AcceptSchema),
  recordVisit: reportMove("visit", VisitSchema),
  giveOpinion: reportMove("opinion", OpinionSchema),
  transferReport: reportMove("transfer", TransferSchema),
  withdrawReport: reportMove("withdraw", WithdrawSchema),
  closeReport: reportMove("close", CloseSchema),
  addComment: reportMove("comments", CommentSchema),
  policies: { method: "get", path: "/api/policies", query: PolicyListQuerySchema, response: PolicyListSchema },
  askPolicy: { method: "get", path: "/api/policies/ask", query: PolicyAskQuerySchema, response: PolicyAskReplySchema },
  policy: { method: "get", path: "/api/policies/:id", params: PolicyIdParamsSchema, query: PolicyVersionQuerySchema, response: PolicySheetSchema },
} satisfies Record<string, ClientCall>;
