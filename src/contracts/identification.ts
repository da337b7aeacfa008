import { z } from "zod";
import { DECISION_RESULTS, NOTICE_RESULTS, REVIEW_FORMS, REVIEW_RESULTS } from "../domain/procedure.js";
import { COMPARISON_RESULTS, HOUSEHOLD_KINDS, MEASURE_KINDS } from "../domain/identification/steps.js";

/**
 * The request bodies of `POST /api/reports/:id/identification` and
 * `POST /api/households/:id/clearance` (issue 16): one object per step, told apart by `step`,
 * field names and codes as the API states them. Shape only: the order of steps, the dates
 * against each other and the rules between fields are the domain's (identification/path.ts).
 */
const date = z.iso.date("日期格式应为 YYYY-MM-DD，例如 2026-06-04");
const note = z.string().trim().max(1000, "说明不能超过1000个字").optional();
const review = {
  form: z.enum(REVIEW_FORMS, { error: "评议方式不对，可选：村民会议、村民代表会议、村“两委”扩大会议" }),
  result: z.enum(REVIEW_RESULTS, { error: "评议结果应为同意或不同意" }),
  note,
};
const noticeResult = { result: z.enum(NOTICE_RESULTS, { error: "公示结果不对" }), note };
const objection = { text: z.string().trim().min(1, "请写明异议的内容").max(1000, "异议内容不能超过1000个字") };
const townshipReview = { result: z.enum(REVIEW_RESULTS, { error: "初审结果应为同意或不同意" }), note };
const announcement = z.string().trim().min(1).max(255, "公告文号或链接太长了").optional();
const reason = z.string().trim().max(1000, "原因不能超过1000个字").optional();

export const MeasureSchema = z.strictObject({
  kind: z.enum(MEASURE_KINDS, { error: "帮扶措施类型不对" }),
  text: z.string().trim().min(1, "请写明帮扶措施的内容").max(500, "措施内容不能超过500个字"),
});

export const IdentificationStepSchema = z.discriminatedUnion(
  "step",
  [
    z.strictObject({ step: z.literal("consent"), date, signed: z.boolean({ error: "请说明农户是否签署了授权承诺书" }), reason }),
    z.strictObject({ step: z.literal("data_comparison"), date, result: z.enum(COMPARISON_RESULTS, { error: "信息比对结果不对" }), note }),
    z.strictObject({ step: z.literal("village_review"), date, ...review }),
    z.strictObject({ step: z.literal("notice"), date }),
    z.strictObject({ step: z.literal("notice_objection"), date, ...objection }),
    z.strictObject({ step: z.literal("notice_result"), date, ...noticeResult }),
    z.strictObject({ step: z.literal("township_review"), date, ...townshipReview }),
    z.strictObject({
      step: z.literal("county_decision"),
      date,
      result: z.enum(DECISION_RESULTS, { error: "审定结果应为批准或不予批准" }),
      kind: z.enum(HOUSEHOLD_KINDS, { error: "监测对象类型不对，可选：脱贫不稳定户、边缘易致贫户、突发严重困难户" }).optional(),
      announcement,
      reason,
    }),
    z.strictObject({ step: z.literal("system_entry"), date }),
    z.strictObject({
      step: z.literal("plan"),
      date,
      labourCapacity: z.boolean({ error: "请说明家庭是否有劳动能力" }),
      measures: z.array(MeasureSchema).min(1, "帮扶计划至少要有一项帮扶措施").max(20, "帮扶措施最多20项"),
    }),
  ],
  { error: "环节不对" },
);
export type IdentificationStepInput = z.infer<typeof IdentificationStepSchema>;

export const ClearanceStepSchema = z.discriminatedUnion(
  "step",
  [
    z.strictObject({ step: z.literal("village_study"), date, note }),
    z.strictObject({
      step: z.literal("visit"),
      date,
      incomePerPerson: z.number({ error: "请填写家庭年人均纯收入（元）" }).nonnegative("收入不能是负数").max(10_000_000, "收入数额不对"),
      steadySince: date,
      incomeSteady: z.boolean({ error: "请确认收入是否超出监测范围并稳定半年以上" }),
      guaranteesSecure: z.boolean({ error: "请确认“三保障”及饮水安全是否持续巩固" }),
      riskGone: z.boolean({ error: "请确认风险是否已经消除" }),
    }),
    z.strictObject({ step: z.literal("village_review"), date, ...review }),
    z.strictObject({ step: z.literal("notice"), date }),
    z.strictObject({ step: z.literal("notice_objection"), date, ...objection }),
    z.strictObject({ step: z.literal("notice_result"), date, ...noticeResult }),
    z.strictObject({ step: z.literal("township_review"), date, ...townshipReview }),
    z.strictObject({
      step: z.literal("county_decision"),
      date,
      result: z.enum(DECISION_RESULTS, { error: "审定结果应为批准或不予批准" }),
      announcement,
      reason,
    }),
    z.strictObject({ step: z.literal("information_update"), date, note }),
  ],
  { error: "环节不对" },
);
export type ClearanceStepInput = z.infer<typeof ClearanceStepSchema>;

export const HouseholdIdParamsSchema = z.strictObject({ id: z.string().uuid("农户编号不对") });
export type HouseholdIdParams = z.infer<typeof HouseholdIdParamsSchema>;

export const RegisterQuerySchema = z.strictObject({
  status: z.enum(["monitored", "risk_cleared"], { error: "状态应为 monitored 或 risk_cleared" }).default("monitored"),
  villageCode: z
    .string()
    .regex(/^\d{12}$/, "村代码应为12位数字")
    .optional(),
  /** The page after this one: the last row's cursor. */
  after: z.string().max(64).optional(),
  pageSize: z.coerce.number().int().min(1).max(100, "每页最多100条").default(20),
});
export type RegisterQuery = z.infer<typeof RegisterQuerySchema>;

/** The open identification cases of the asker's area (监测认定 page), optionally one village's. */
export const CasesQuerySchema = z.strictObject({
  villageCode: z
    .string()
    .regex(/^\d{12}$/, "村代码应为12位数字")
    .optional(),
});
export type CasesQuery = z.infer<typeof CasesQuerySchema>;

/** Chinese names of the fields, for a 400 that names the field a person can recognise. */
export const IDENTIFICATION_FIELD_LABELS: Record<string, string> = {
  step: "环节",
  date: "日期",
  signed: "是否签署授权承诺书",
  reason: "原因",
  result: "结果",
  form: "评议方式",
  note: "说明",
  text: "异议内容",
  kind: "监测对象类型",
  announcement: "公告",
  labourCapacity: "是否有劳动能力",
  measures: "帮扶措施",
  "measures.kind": "帮扶措施类型",
  "measures.text": "帮扶措施内容",
  incomePerPerson: "家庭年人均纯收入",
  steadySince: "收入稳定的起始日期",
  incomeSteady: "收入条件",
  guaranteesSecure: "“三保障”及饮水安全",
  riskGone: "风险已消除",
  status: "状态",
  villageCode: "村",
  after: "翻页位置",
  pageSize: "每页条数",
};
