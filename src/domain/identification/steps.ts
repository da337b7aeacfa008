import { procedure, REVIEW_FORM_LABELS, villageProcedure, type DecisionResult, type NoticeResult, type ReviewForm, type ReviewResult } from "../procedure.js";

/**
 * The identification path after a village proposes monitoring (seed 001 一(二)3 (2)–(6),
 * 一(三)1): the steps, the values their fields take, who records each, and the words each
 * is told in — English codes in the API, Chinese on every screen.
 */
const PATH = procedure({
  consent: { label: "授权承诺书", recorders: ["village_cadre"] },
  data_comparison: { label: "信息比对", recorders: ["county"] },
  ...villageProcedure({ notice: "村内公示", countyDecision: "县级审定" }),
  system_entry: { label: "系统录入", recorders: ["county"] },
  plan: { label: "帮扶计划", recorders: ["village_cadre"] },
});
/** The steps in the path's order; each with what staff read and who records it (issue 16, Roles). */
export const IDENTIFICATION_STEPS = PATH.steps;
export type IdentificationStep = (typeof IDENTIFICATION_STEPS)[number];
export const STEP_LABELS = PATH.labels;
export const mayRecord = PATH.mayRecord;

/** 信息比对: low-income households compared before need not be compared again (seed 001 一(二)3(2)). */
export const COMPARISON_RESULTS = ["consistent", "inconsistent", "previously_compared"] as const;
export type ComparisonResult = (typeof COMPARISON_RESULTS)[number];
export const COMPARISON_RESULT_LABELS: Record<ComparisonResult, string> = {
  consistent: "比对无异常",
  inconsistent: "比对发现不一致",
  previously_compared: "已比对过，不重复比对",
};

/** The three kinds of monitored household (监测对象类型). */
export const HOUSEHOLD_KINDS = ["unstable", "marginal", "sudden_hardship"] as const;
export type HouseholdKind = (typeof HOUSEHOLD_KINDS)[number];
export const HOUSEHOLD_KIND_LABELS: Record<HouseholdKind, string> = {
  unstable: "脱贫不稳定户",
  marginal: "边缘易致贫户",
  sudden_hardship: "突发严重困难户",
};

export const MEASURE_KINDS = [
  "industry",
  "employment",
  "public_job",
  "microcredit",
  "education",
  "medical",
  "housing",
  "water",
  "social_assistance",
  "temporary_aid",
  "other",
] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];
export const MEASURE_KIND_LABELS: Record<MeasureKind, string> = {
  industry: "产业",
  employment: "就业",
  public_job: "公益岗位",
  microcredit: "小额信贷",
  education: "教育",
  medical: "医疗",
  housing: "住房",
  water: "饮水",
  social_assistance: "兜底保障",
  temporary_aid: "临时救助",
  other: "其他",
};

/** 开发式帮扶: a household with labour capacity gets at least one (seed 001 一(三)1). */
export const DEVELOPMENTAL_MEASURES: readonly MeasureKind[] = ["industry", "employment", "public_job", "microcredit"];

export interface Measure {
  kind: MeasureKind;
  text: string;
}

/** A step as recorded: its China date ("YYYY-MM-DD", the day it happened) and its fields. */
export type IdentificationRecord = { date: string } & (
  | { step: "consent"; signed: boolean; reason?: string }
  | { step: "data_comparison"; result: ComparisonResult; note?: string }
  | { step: "village_review"; form: ReviewForm; result: ReviewResult; note?: string }
  | { step: "notice" }
  | { step: "notice_objection"; text: string }
  | { step: "notice_result"; result: NoticeResult; note?: string }
  | { step: "township_review"; result: ReviewResult; note?: string }
  | { step: "county_decision"; result: DecisionResult; kind?: HouseholdKind; announcement?: string; reason?: string }
  | { step: "system_entry" }
  | { step: "plan"; labourCapacity: boolean; measures: readonly Measure[] }
);

/** A record of one given step. */
export type RecordOf<S extends IdentificationStep> = Extract<IdentificationRecord, { step: S }>;

/**
 * The household's own timeline, in plain words: what happened, never who objected or any
 * other household's data. `undefined` for steps the household is not told about.
 */
export function householdTimelineText(record: IdentificationRecord): string | undefined {
  switch (record.step) {
    case "consent":
      return record.signed ? "您已签署授权承诺书" : "您没有签署授权承诺书，这次不纳入监测";
    case "data_comparison":
      return undefined;
    case "village_review":
      return record.result === "agree"
        ? `村里召开${REVIEW_FORM_LABELS[record.form]}进行了评议，同意纳入监测`
        : `村里召开${REVIEW_FORM_LABELS[record.form]}进行了评议，这次没有同意纳入监测`;
    case "notice":
      return "村里开始公示拟纳入监测名单，公示5天";
    case "notice_objection":
      return undefined;
    case "notice_result":
      return record.result === "objection_upheld" ? "公示中有人提出异议，经核实异议成立，这次不纳入监测" : "公示已结束";
    case "township_review":
      return record.result === "agree" ? "乡镇已审核同意，报县里审定" : "乡镇审核没有同意，这次不纳入监测";
    case "county_decision":
      return record.result === "approved"
        ? `县里已批准，您家已纳入监测${record.kind ? `（${HOUSEHOLD_KIND_LABELS[record.kind]}）` : ""}，会为您家落实帮扶措施`
        : "县里审定没有批准，这次不纳入监测";
    case "system_entry":
      return "您家的信息已录入系统";
    case "plan":
      return `已为您家制定帮扶计划：${record.measures.map((m) => MEASURE_KIND_LABELS[m.kind]).join("、")}`;
  }
}
