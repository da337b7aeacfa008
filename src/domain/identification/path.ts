import type { DeadlineRule } from "../report/clock.js";
import type { WorkingDayCalendar } from "../holidays.js";
import { noticeWindow } from "./period.js";
import { badField, dateProblem, insideNotice, noticeResultConflict, outOfOrder, type StepCheck, type StepProblem } from "./step-check.js";
import { DEVELOPMENTAL_MEASURES, STEP_LABELS, type IdentificationRecord, type IdentificationStep, type RecordOf } from "./steps.js";

/**
 * Where a case stands on the identification path: the step it waits for, or how it ended.
 * `notice_open` while the notice runs, `notice_result` once it has ended and waits for its
 * result; `entry_and_plan` after approval until both the system entry and the plan exist.
 */
export const IDENTIFICATION_STAGES = [
  "consent",
  "village_review",
  "notice",
  "notice_open",
  "notice_result",
  "township_review",
  "county_decision",
  "entry_and_plan",
  "identified",
  "ended",
] as const;
export type IdentificationStage = (typeof IDENTIFICATION_STAGES)[number];

export const STAGE_LABELS: Record<IdentificationStage, string> = {
  consent: "待签署授权承诺书",
  village_review: "待民主评议",
  notice: "待村内公示",
  notice_open: "公示中",
  notice_result: "待填写公示结果",
  township_review: "待乡镇初审",
  county_decision: "待县级审定",
  entry_and_plan: "待系统录入和帮扶计划",
  identified: "已认定为监测对象",
  ended: "未纳入监测",
};

/** Why a path ended without the household being identified. */
export const END_REASONS = ["consent_refused", "review_disagreed", "objection_upheld", "township_disagreed", "rejected"] as const;
export type EndReason = (typeof END_REASONS)[number];
export const END_REASON_LABELS: Record<EndReason, string> = {
  consent_refused: "农户未签署授权承诺书",
  review_disagreed: "民主评议未通过",
  objection_upheld: "公示异议成立",
  township_disagreed: "乡镇初审未同意",
  rejected: "县级审定未批准",
};

/** What the path needs to know about the report and the county. */
export interface IdentificationContext {
  /** The China day the report (the risk lead) was received. */
  receivedOn: string;
  /** The China day of the first visit, if any: consent may carry it or any later day. */
  visitedOn?: string;
  /** The China day of the `propose_monitoring` opinion: the village review cannot precede it. */
  proposedOn: string;
  /** Whether the county's townships do the first review (可视情况增加乡级初审, default on). */
  townshipReview: boolean;
  rule: DeadlineRule;
  calendar: WorkingDayCalendar;
}

export interface IdentificationState {
  stage: IdentificationStage;
  /** Set when the stage is `ended`. */
  ended?: { reason: EndReason; date: string };
}

/** The recorded steps by name: each happens once, except objections. */
interface Recorded {
  consent?: RecordOf<"consent">;
  comparison?: RecordOf<"data_comparison">;
  review?: RecordOf<"village_review">;
  notice?: RecordOf<"notice">;
  objections: RecordOf<"notice_objection">[];
  noticeResult?: RecordOf<"notice_result">;
  township?: RecordOf<"township_review">;
  decision?: RecordOf<"county_decision">;
  entry?: RecordOf<"system_entry">;
  plan?: RecordOf<"plan">;
}

function recorded(records: readonly IdentificationRecord[]): Recorded {
  const r: Recorded = { objections: [] };
  for (const x of records) {
    if (x.step === "consent") r.consent ??= x;
    else if (x.step === "data_comparison") r.comparison ??= x;
    else if (x.step === "village_review") r.review ??= x;
    else if (x.step === "notice") r.notice ??= x;
    else if (x.step === "notice_objection") r.objections.push(x);
    else if (x.step === "notice_result") r.noticeResult ??= x;
    else if (x.step === "township_review") r.township ??= x;
    else if (x.step === "county_decision") r.decision ??= x;
    else if (x.step === "system_entry") r.entry ??= x;
    else r.plan ??= x;
  }
  return r;
}

/** Where the case stands on `today` (a China day) given the steps recorded so far. */
export function identificationState(records: readonly IdentificationRecord[], ctx: IdentificationContext, today: string): IdentificationState {
  const r = recorded(records);
  const end = (reason: EndReason, date: string): IdentificationState => ({ stage: "ended", ended: { reason, date } });
  if (!r.consent) return { stage: "consent" };
  if (!r.consent.signed) return end("consent_refused", r.consent.date);
  if (!r.review) return { stage: "village_review" };
  if (r.review.result === "disagree") return end("review_disagreed", r.review.date);
  if (!r.notice) return { stage: "notice" };
  if (!r.noticeResult) return { stage: today <= noticeWindow(r.notice.date, ctx.rule, ctx.calendar).lastDay ? "notice_open" : "notice_result" };
  if (r.noticeResult.result === "objection_upheld") return end("objection_upheld", r.noticeResult.date);
  if (ctx.townshipReview) {
    if (!r.township) return { stage: "township_review" };
    if (r.township.result === "disagree") return end("township_disagreed", r.township.date);
  }
  if (!r.decision) return { stage: "county_decision" };
  if (r.decision.result === "rejected") return end("rejected", r.decision.date);
  if (!r.entry || !r.plan) return { stage: "entry_and_plan" };
  return { stage: "identified" };
}

const already = (step: IdentificationStep): StepProblem => outOfOrder("step_already_recorded", `“${STEP_LABELS[step]}”已经记录过了`);
const needsFirst = (first: IdentificationStep, step: IdentificationStep): StepProblem =>
  outOfOrder("step_out_of_order", `要先完成“${STEP_LABELS[first]}”，才能记录“${STEP_LABELS[step]}”`);
const required = (field: string, code: string, message: string): StepProblem => badField(field, code, message);

/** The step a new record must not predate, with its name, or the problem that forbids the step now. */
type Floor = { notBefore?: string; label: string } | StepProblem;

function floorOf(next: IdentificationRecord, r: Recorded, ctx: IdentificationContext): Floor {
  switch (next.step) {
    case "consent":
      if (r.consent) return already("consent");
      return ctx.visitedOn ? { notBefore: ctx.visitedOn, label: "上门核查" } : { notBefore: ctx.receivedOn, label: "申报" };
    case "data_comparison":
      if (r.comparison) return already("data_comparison");
      if (r.decision) return outOfOrder("step_out_of_order", "县级审定以后不再记录信息比对");
      if (!r.consent?.signed) return outOfOrder("consent_not_signed", "农户签署授权承诺书以后，才能进行信息比对");
      return { notBefore: r.consent.date, label: "授权承诺书" };
    case "village_review":
      if (r.review) return already("village_review");
      if (!r.consent?.signed) return outOfOrder("consent_not_signed", "农户签署授权承诺书以后，才能进行民主评议");
      return r.consent.date >= ctx.proposedOn ? { notBefore: r.consent.date, label: "授权承诺书" } : { notBefore: ctx.proposedOn, label: "办理意见" };
    case "notice":
      if (r.notice) return already("notice");
      if (!r.review) return needsFirst("village_review", "notice");
      return { notBefore: r.review.date, label: "民主评议" };
    case "notice_objection":
      if (!r.notice) return needsFirst("notice", "notice_objection");
      if (r.noticeResult) return outOfOrder("notice_concluded", "公示结果已经填写，不能再记录异议");
      return { notBefore: r.notice.date, label: "公示开始" };
    case "notice_result":
      if (r.noticeResult) return already("notice_result");
      if (!r.notice) return needsFirst("notice", "notice_result");
      return noticeResultConflict(r.objections.length, next.result) ?? { notBefore: r.notice.date, label: "公示开始" };
    case "township_review":
      if (!ctx.townshipReview) return outOfOrder("township_review_not_used", "本县没有设乡镇初审环节，请直接由县级审定");
      if (r.township) return already("township_review");
      if (!r.noticeResult) return needsFirst("notice_result", "township_review");
      return { notBefore: r.noticeResult.date, label: "公示结果" };
    case "county_decision": {
      if (r.decision) return already("county_decision");
      const previous = ctx.townshipReview ? r.township : r.noticeResult;
      if (!previous) return needsFirst(ctx.townshipReview ? "township_review" : "notice_result", "county_decision");
      // the county decides on the comparison's result too (seed 001 一(二)3(5))
      if (r.comparison && r.comparison.date > previous.date) return { notBefore: r.comparison.date, label: "信息比对" };
      return { notBefore: previous.date, label: STEP_LABELS[previous.step] };
    }
    case "system_entry":
      if (r.entry) return already("system_entry");
      if (!r.decision) return needsFirst("county_decision", "system_entry");
      return { notBefore: r.decision.date, label: "县级审定" };
    case "plan":
      if (r.plan) return already("plan");
      if (!r.review) return needsFirst("village_review", "plan");
      return { notBefore: r.review.date, label: "民主评议" };
  }
}

/** What a step's own fields must say (beyond their shape, which the edge checks). */
function fieldProblem(next: IdentificationRecord): StepProblem | null {
  if (next.step === "consent" && !next.signed && !next.reason?.trim())
    return required("reason", "consent_reason_required", "农户不同意签署授权承诺书时，请写明原因");
  if (next.step === "notice_objection" && !next.text.trim()) return required("text", "objection_text_required", "请写明异议的内容");
  if (next.step === "county_decision") {
    if (next.result === "approved" && !next.kind) return required("kind", "household_kind_required", "批准时请选择监测对象类型");
    if (next.result === "approved" && !next.announcement?.trim())
      return required("announcement", "announcement_required", "批准时请填写政府网站公告的文号或链接");
    if (next.result === "rejected" && !next.reason?.trim()) return required("reason", "rejection_reason_required", "不予批准时请写明原因，好告诉农户");
  }
  if (next.step === "plan") {
    if (next.measures.length === 0) return required("measures", "measures_required", "帮扶计划至少要有一项帮扶措施");
    if (next.labourCapacity && !next.measures.some((m) => DEVELOPMENTAL_MEASURES.includes(m.kind)))
      return required("measures", "developmental_measure_required", "有劳动能力的家庭，至少要落实一项产业、就业、公益岗位或小额信贷等开发式帮扶措施");
  }
  return null;
}

/**
 * Whether `next` may be recorded after `records` on `today` (a China day): the path not
 * ended, the steps it needs recorded, its date real, not in the future, not before the step
 * before it, and (for the notice's result and all after it) after the notice ended.
 */
export function checkIdentificationStep(
  records: readonly IdentificationRecord[],
  next: IdentificationRecord,
  ctx: IdentificationContext,
  today: string,
): StepCheck<IdentificationStage> {
  const { stage } = identificationState(records, ctx, today);
  const fail = (problem: StepProblem): StepCheck<IdentificationStage> => ({ ok: false, stage, problem });
  if (stage === "ended") return fail(outOfOrder("identification_ended", "这户的认定已经结束，不能再记录新的环节"));
  const r = recorded(records);
  const floor = floorOf(next, r, ctx);
  if ("code" in floor) return fail(floor);
  const dated = dateProblem(next.date, today, floor.notBefore, floor.label);
  if (dated) return fail(dated);
  if (r.notice && next.step !== "notice_objection" && next.step !== "plan" && next.step !== "data_comparison") {
    const lastDay = noticeWindow(r.notice.date, ctx.rule, ctx.calendar).lastDay;
    const open = insideNotice(next.date, lastDay);
    if (open) return fail(open);
  }
  if (next.step === "notice_objection" && r.notice) {
    const lastDay = noticeWindow(r.notice.date, ctx.rule, ctx.calendar).lastDay;
    if (next.date > lastDay) return fail(outOfOrder("objection_after_notice", "异议的日期要在公示期内"));
  }
  const field = fieldProblem(next);
  if (field) return fail(field);
  return { ok: true, stage, after: identificationState([...records, next], ctx, today).stage };
}
