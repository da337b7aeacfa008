import { chinaMonthDay } from "../china-time.js";
import type { DeadlineRule } from "../report/clock.js";
import type { WorkingDayCalendar } from "../holidays.js";
import { addMonths, noticeWindow } from "../identification/period.js";
import { badField, dateProblem, insideNotice, noticeResultConflict, outOfOrder, type StepCheck, type StepProblem } from "../identification/step-check.js";
import { CLEARANCE_CONDITIONS, CLEARANCE_STEP_LABELS, STEADY_MONTHS, type ClearanceRecord, type ClearanceRecordOf, type ClearanceStep } from "./steps.js";

/** Where a household's clearance stands: the step it waits for, `cleared`, or how it ended. */
export const CLEARANCE_STAGES = [
  "village_study",
  "visit",
  "village_review",
  "notice",
  "notice_open",
  "notice_result",
  "township_review",
  "county_decision",
  "information_update",
  "cleared",
  "ended",
] as const;
export type ClearanceStage = (typeof CLEARANCE_STAGES)[number];

/** Why a clearance ended with the household still monitored. */
export const CLEARANCE_END_REASONS = ["conditions_not_met", "review_disagreed", "objection_upheld", "township_disagreed", "rejected"] as const;
export type ClearanceEndReason = (typeof CLEARANCE_END_REASONS)[number];
export const CLEARANCE_END_REASON_LABELS: Record<ClearanceEndReason, string> = {
  conditions_not_met: "入户核实时风险消除条件尚未全部满足，继续监测帮扶",
  review_disagreed: "民主评议未通过，继续监测帮扶",
  objection_upheld: "公示异议成立，继续监测帮扶",
  township_disagreed: "乡镇初审未同意，继续监测帮扶",
  rejected: "县级审定未批准，继续监测帮扶",
};

export interface ClearanceContext {
  /** The China day the household was identified (its county approval): nothing precedes it. */
  identifiedOn: string;
  rule: DeadlineRule;
  calendar: WorkingDayCalendar;
}

export interface ClearanceState {
  stage: ClearanceStage;
  ended?: { reason: ClearanceEndReason; date: string };
}

/** The next step on the main line after each one (objections sit inside the notice). */
type LineStep = Exclude<ClearanceStep, "notice_objection">;
const LINE: readonly LineStep[] = [
  "village_study",
  "visit",
  "village_review",
  "notice",
  "notice_result",
  "township_review",
  "county_decision",
  "information_update",
];

/** The recorded steps of the main line by name (each once), and the objections. */
type Recorded = Partial<Record<LineStep, ClearanceRecord>> & { objections: ClearanceRecordOf<"notice_objection">[] };

function recorded(records: readonly ClearanceRecord[]): Recorded {
  const r: Recorded = { objections: [] };
  for (const x of records) {
    if (x.step === "notice_objection") r.objections.push(x);
    else r[x.step] ??= x;
  }
  return r;
}

/** How a recorded step ends the clearance, if it does. */
function endingOf(x: ClearanceRecord): ClearanceEndReason | null {
  if (x.step === "visit" && !CLEARANCE_CONDITIONS.every((c) => x[c])) return "conditions_not_met";
  if (x.step === "village_review" && x.result === "disagree") return "review_disagreed";
  if (x.step === "notice_result" && x.result === "objection_upheld") return "objection_upheld";
  if (x.step === "township_review" && x.result === "disagree") return "township_disagreed";
  if (x.step === "county_decision" && x.result === "rejected") return "rejected";
  return null;
}

/** Where the clearance stands on `today` (a China day). */
export function clearanceState(records: readonly ClearanceRecord[], ctx: ClearanceContext, today: string): ClearanceState {
  const r = recorded(records);
  for (const step of LINE) {
    const x = r[step];
    if (!x) {
      if (step === "notice_result" && r.notice)
        return { stage: today <= noticeWindow(r.notice.date, ctx.rule, ctx.calendar).lastDay ? "notice_open" : "notice_result" };
      return { stage: step };
    }
    const reason = endingOf(x);
    if (reason) return { stage: "ended", ended: { reason, date: x.date } };
  }
  return { stage: "cleared" };
}

/**
 * Whether `next` may be recorded after `records` on `today`: the main line in order, each
 * step once, dated not in the future and not before the step before it, nothing after the
 * notice dated inside it, and the income steady for six months before the village proposed
 * the clearance (its study).
 */
export function checkClearanceStep(
  records: readonly ClearanceRecord[],
  next: ClearanceRecord,
  ctx: ClearanceContext,
  today: string,
): StepCheck<ClearanceStage> {
  const { stage } = clearanceState(records, ctx, today);
  const fail = (problem: StepProblem): StepCheck<ClearanceStage> => ({ ok: false, stage, problem });
  if (stage === "ended") return fail(outOfOrder("clearance_ended", "这次风险消除已经结束，继续监测帮扶；需要时请重新开始"));
  if (stage === "cleared") return fail(outOfOrder("already_cleared", "这户已经标注风险消除"));
  const r = recorded(records);
  const label = CLEARANCE_STEP_LABELS[next.step];

  let notBefore: string;
  let previousLabel: string;
  if (next.step === "notice_objection") {
    if (!r.notice) return fail(outOfOrder("step_out_of_order", `要先完成“${CLEARANCE_STEP_LABELS.notice}”，才能记录“${label}”`));
    if (r.notice_result) return fail(outOfOrder("notice_concluded", "公示结果已经填写，不能再记录异议"));
    notBefore = r.notice.date;
    previousLabel = "公示开始";
  } else {
    if (r[next.step]) return fail(outOfOrder("step_already_recorded", `“${label}”已经记录过了`));
    const index = LINE.indexOf(next.step);
    const expected = LINE.find((s) => !r[s])!;
    if (expected !== next.step) return fail(outOfOrder("step_out_of_order", `要先完成“${CLEARANCE_STEP_LABELS[expected]}”，才能记录“${label}”`));
    const previous = index > 0 ? r[LINE[index - 1]!] : undefined;
    notBefore = previous?.date ?? ctx.identifiedOn;
    previousLabel = previous ? CLEARANCE_STEP_LABELS[previous.step] : "认定为监测对象";
  }

  const dated = dateProblem(next.date, today, notBefore, previousLabel);
  if (dated) return fail(dated);
  if (r.notice) {
    const lastDay = noticeWindow(r.notice.date, ctx.rule, ctx.calendar).lastDay;
    if (next.step === "notice_objection" && next.date > lastDay) return fail(outOfOrder("objection_after_notice", "异议的日期要在公示期内"));
    if (next.step !== "notice_objection") {
      const open = insideNotice(next.date, lastDay);
      if (open) return fail(open);
    }
  }

  const field = fieldProblem(next, r);
  if (field) return fail(field);
  return { ok: true, stage, after: clearanceState([...records, next], ctx, today).stage };
}

function fieldProblem(next: ClearanceRecord, r: Recorded): StepProblem | null {
  if (next.step === "visit") {
    if (!(next.incomePerPerson >= 0)) return badField("incomePerPerson", "invalid_income", "请填写家庭年人均纯收入（元）");
    if (next.steadySince > next.date) return badField("steadySince", "steady_since_after_visit", "收入稳定的起始日期不能晚于入户核实的日期");
    // the proposal is the village's study: it must come six months after the income became steady
    const proposedOn = r.village_study?.date ?? next.date;
    const earliest = addMonths(next.steadySince, STEADY_MONTHS);
    if (next.incomeSteady && proposedOn < earliest)
      return badField(
        "steadySince",
        "income_not_steady_long_enough",
        `收入从${chinaMonthDay(next.steadySince)}起稳定，要到${earliest.slice(0, 4)}年${chinaMonthDay(earliest)}满半年，之后才能提出风险消除`,
      );
  }
  if (next.step === "notice_objection" && !next.text.trim()) return badField("text", "objection_text_required", "请写明异议的内容");
  if (next.step === "notice_result") return noticeResultConflict(r.objections.length, next.result);
  if (next.step === "county_decision") {
    if (next.result === "approved" && !next.announcement?.trim())
      return badField("announcement", "announcement_required", "批准时请填写政府网站公告的文号或链接");
    if (next.result === "rejected" && !next.reason?.trim()) return badField("reason", "rejection_reason_required", "不予批准时请写明原因");
  }
  return null;
}
