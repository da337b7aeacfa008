import { z } from "zod";
import { CHANNELS, OPINION_KINDS, RELATIONS, REPORT_STATUSES } from "../domain/report/lifecycle.js";
import { decodeCursor } from "../domain/report/queue-order.js";
import { RISK_TYPE_CODES } from "../domain/risk-types.js";
import { DEPARTMENTS } from "../domain/roles.js";

const riskTypeMessage = `风险类型不对，可选：${RISK_TYPE_CODES.join("、")}`;

const mobilePhone = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, "手机号应为11位数字，以1开头");

/** The fields of a report, before the rules that tie them together (an alert row extends these). */
export const ReportFieldsSchema = z.strictObject({
  villageCode: z.string().regex(/^\d{12}$/, "请选择所在的村（12位区划代码）"),
  riskTypes: z
    .array(z.enum(RISK_TYPE_CODES, { error: riskTypeMessage }))
    .min(1, "请至少选一种困难")
    .max(RISK_TYPE_CODES.length)
    .refine((a) => new Set(a).size === a.length, "风险类型有重复"),
  description: z.string().trim().max(500, "情况说明不能超过500个字").default(""),
  /** The household at risk: its head's name, and its own numbers when known (never the reporter's). */
  household: z.strictObject({
    name: z.string().trim().min(1, "请填写户主或当事人姓名").max(32, "姓名太长了"),
    phone: mobilePhone.optional(),
    idNumber: z
      .string()
      .trim()
      .transform((s) => s.toUpperCase())
      .optional(),
  }),
  /** Who reports, when it is not the household itself: their own contact. */
  reporter: z.strictObject({ phone: mobilePhone }).optional(),
  relation: z.enum(RELATIONS, { error: "与当事人的关系不对" }),
  channel: z.enum(CHANNELS, { error: "申报渠道不对" }),
  /** The reporter's statement: true for themselves, or that they report with the household's knowledge. */
  consent: z.strictObject({
    given: z.boolean({ error: "请说明是否同意申报声明" }),
    textVersion: z.string().min(1).max(32),
  }),
  /** 补录: the China day a paper application reached the village, when staff type it in later. */
  receivedOn: z.iso.date("收到日期格式应为 YYYY-MM-DD").optional(),
});

export const ReportCreateSchema = ReportFieldsSchema.refine((r) => r.relation !== "self" || Boolean(r.household.phone), {
  path: ["household", "phone"],
  message: "给自己家申报，请留一个联系电话",
});
export type ReportCreateInput = z.infer<typeof ReportCreateSchema>;

export const ReportIdParamsSchema = z.strictObject({ id: z.string().uuid("申报编号不对") });
export type ReportIdParams = z.infer<typeof ReportIdParamsSchema>;

const boolFlag = z.enum(["true", "false"]).transform((v) => v === "true");

export const QueueQuerySchema = z.strictObject({
  status: z
    .string()
    .transform((s) => s.split(","))
    .pipe(z.array(z.enum(REPORT_STATUSES, { error: "状态不对" })))
    .optional(),
  overdue: boolFlag.optional(),
  riskType: z.enum(RISK_TYPE_CODES, { error: riskTypeMessage }).optional(),
  villageCode: z
    .string()
    .regex(/^\d{12}$/, "村代码应为12位数字")
    .optional(),
  areaCode: z
    .string()
    .regex(/^\d{12}$/, "区划代码应为12位数字")
    .optional(),
  from: z.iso.date("日期格式应为 YYYY-MM-DD").optional(),
  to: z.iso.date("日期格式应为 YYYY-MM-DD").optional(),
  /** The previous page's nextCursor: the page after it (then `page` only numbers the page). */
  cursor: z
    .string()
    .max(200, "翻页位置不对，请从第一页重新看")
    .transform((text, ctx) => {
      const cursor = decodeCursor(text);
      if (!cursor) ctx.addIssue({ code: "custom", message: "翻页位置不对，请从第一页重新看" });
      return cursor ?? z.NEVER;
    })
    .optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, "每页最多100条").default(20),
});
export type QueueQuery = z.infer<typeof QueueQuerySchema>;

export const ReportDetailQuerySchema = z.strictObject({ reveal: boolFlag.optional() });
export type ReportDetailQuery = z.infer<typeof ReportDetailQuerySchema>;

export const AcceptSchema = z.strictObject({ note: z.string().trim().max(500).optional() });
export type AcceptInput = z.infer<typeof AcceptSchema>;

export const VisitSchema = z.strictObject({
  visitedAt: z.iso.datetime({ offset: true, error: "上门时间格式不对" }),
  note: z.string().trim().min(1, "请写下核查情况").max(1000),
});
export type VisitInput = z.infer<typeof VisitSchema>;

export const OpinionSchema = z.strictObject({
  kind: z.enum(OPINION_KINDS, { error: "办理意见类型不对" }),
  reason: z.string().trim().max(1000).optional(),
  policyRef: z.string().trim().max(255).optional(),
});
export type OpinionInput = z.infer<typeof OpinionSchema>;

export const TransferSchema = z.strictObject({
  to: z.enum(["township", "department"], { error: "只能转交乡镇或行业部门" }),
  department: z.enum(DEPARTMENTS).optional(),
  reason: z.string().trim().min(1, "请写明转交原因").max(500),
});
export type TransferInput = z.infer<typeof TransferSchema>;

export const TakeOverSchema = z.strictObject({ reason: z.string().trim().max(500).optional() });
export type TakeOverInput = z.infer<typeof TakeOverSchema>;

export const SendBackSchema = z.strictObject({ reason: z.string().trim().min(1, "请写明退回原因").max(500) });
export type SendBackInput = z.infer<typeof SendBackSchema>;

export const WithdrawSchema = z.strictObject({ reason: z.string().trim().max(500).optional() });
export type WithdrawInput = z.infer<typeof WithdrawSchema>;

export const CloseSchema = z.strictObject({ note: z.string().trim().max(500).optional() });
export type CloseInput = z.infer<typeof CloseSchema>;

export const CommentSchema = z.strictObject({ text: z.string().trim().min(1, "请写内容").max(1000) });
export type CommentInput = z.infer<typeof CommentSchema>;

// Responses, as the mini-program reads them: what a client may rely on (the server may say more).

const PlaceSchema = z.object({ code: z.string(), name: z.string() });

export const RiskTypeSchema = z.object({ code: z.enum(RISK_TYPE_CODES), label: z.string(), explanation: z.string() });
export const RiskTypeListSchema = z.object({ items: z.array(RiskTypeSchema) });

/**
 * What the reporter is told. `id`, `number` and `dueAt` are null when the report was added to another
 * household's open one the reporter may not see.
 */
export const ReportReceiptSchema = z.object({
  outcome: z.enum(["created", "added_to_open"]),
  id: z.string().nullable(),
  number: z.string().nullable(),
  status: z.enum(REPORT_STATUSES).nullable(),
  receivedAt: z.string(),
  dueAt: z.string().nullable(),
  village: PlaceSchema,
  household: z.object({ name: z.string() }),
  relation: z.enum(RELATIONS),
  duplicateOf: z.object({ id: z.string(), number: z.string() }).nullable(),
  message: z.string(),
});
export type ReportReceipt = z.infer<typeof ReportReceiptSchema>;

/** The deadline in the words and colour every screen uses (domain/report/due-words.ts). */
export const DueWordsSchema = z.object({ text: z.string(), tone: z.enum(["overdue", "soon", "plain", "answered"]) });

const DueClockSchema = z.object({ label: z.string(), due: DueWordsSchema });

export const QueueItemSchema = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(REPORT_STATUSES),
  statusLabel: z.string(),
  riskTypes: z.array(z.string()),
  riskTypeLabels: z.array(z.string()),
  village: PlaceSchema,
  household: z.object({ name: z.string(), phone: z.string() }),
  receivedAt: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  daysLeft: z.number().nullable().describe("Null once the handling opinion is given: the clock has stopped."),
  due: DueWordsSchema,
  identification: z
    .object({
      stage: z.string(),
      stageLabel: z.string(),
      next: z.object({ label: z.string().nullable(), holderLabel: z.string().nullable(), clock: DueClockSchema.nullable() }),
    })
    .nullable()
    .describe("After 拟纳入监测: the identification path's next step and the clock it answers to."),
});
export const QueuePageSchema = z.object({
  items: z.array(QueueItemSchema),
  total: z.number().nullable().describe("Null when a filter the counters do not know narrows the list (risk type, dates, a department's lane)"),
  page: z.number(),
  pageSize: z.number(),
  nextCursor: z.string().nullable().describe("Pass back as ?cursor= for the next page; null on the last one"),
});

export const ReportDetailSchema = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(REPORT_STATUSES),
  statusLabel: z.string(),
  riskTypes: z.array(z.string()),
  riskTypeLabels: z.array(z.string()),
  description: z.string().nullable(),
  relation: z.enum(RELATIONS),
  relationLabel: z.string().describe("Who reported, in words: 本人, 家庭成员, 邻居代报 …"),
  channel: z.enum(CHANNELS),
  village: PlaceSchema,
  household: z
    .object({ name: z.string(), phone: z.string().nullable(), idNumber: z.string().nullable() })
    .describe("The household at risk; its phone null when it has none (a neighbour reported without one)."),
  reporter: z.object({ relation: z.string(), phone: z.string().nullable() }).describe("The reporter's own phone, when they left one."),
  riskTypeAddedLabels: z.array(z.string()).nullable().describe("Risk types that came with later reports (追加); null where not shown."),
  receivedAt: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  daysLeft: z.number().nullable(),
  due: DueWordsSchema,
  opinion: z.object({ kind: z.enum(OPINION_KINDS), label: z.string(), reason: z.string().nullable(), policyRef: z.string().nullable() }).nullable(),
  reportedByMe: z.boolean(),
  mayReveal: z.boolean().describe("Whether this account may reach the household by its full number (the 打电话 button)."),
  enteredAt: z.string().nullable().describe("补录: when a back-dated paper application was typed in; null otherwise."),
  timeline: z.array(
    z.object({ at: z.string(), from: z.string().nullable(), to: z.string().nullable(), label: z.string(), note: z.string().nullable(), actorRole: z.string() }),
  ),
});
export type ReportDetail = z.infer<typeof ReportDetailSchema>;

/**
 * One of 我的申报: the household's own report ("household": status, opinion and reason, timeline), or
 * one the person reported for someone else ("reporter": how far it got and when, nothing more).
 */
export const MyReportSchema = z.object({
  view: z.enum(["household", "reporter", "staff"]),
  id: z.string().nullable().describe("Null on a report added to another household's open case: the number is that household's."),
  number: z.string().nullable(),
  status: z.enum(REPORT_STATUSES),
  statusLabel: z.string(),
  household: z.object({ name: z.string() }),
  relation: z.enum(RELATIONS),
  relationLabel: z.string(),
  riskTypes: z.array(z.string()),
  riskTypeLabels: z.array(z.string()),
  receivedAt: z.string(),
  dueAt: z.string().optional(),
  village: PlaceSchema,
  opinion: z
    .object({ kind: z.enum(OPINION_KINDS), label: z.string(), reason: z.string().nullable() })
    .nullable()
    .optional(),
  timeline: z.array(z.object({ at: z.string(), label: z.string() })).optional(),
  dates: z
    .object({ received: z.string(), accepted: z.string().nullable(), answered: z.string().nullable(), closed: z.string().nullable() })
    .optional()
    .describe("The reporter's view: received / accepted / answered / closed, each when it happened."),
  mayWithdraw: z.boolean(),
});
export const MyReportListSchema = z.object({ items: z.array(MyReportSchema) });
