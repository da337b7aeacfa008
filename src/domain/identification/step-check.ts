import { chinaMonthDay } from "../china-time.js";
import type { NoticeResult } from "../procedure.js";

/**
 * Why a step cannot be recorded: 409 when it clashes with the steps already recorded (order,
 * dates, an open notice), 400 when a field of the step itself is wrong (naming the field).
 */
export interface StepProblem {
  status: 400 | 409;
  code: string;
  message: string;
  field?: string;
}

export type StepCheck<Stage> = { ok: true; stage: Stage; after: Stage } | { ok: false; stage: Stage; problem: StepProblem };

export const outOfOrder = (code: string, message: string): StepProblem => ({ status: 409, code, message });
export const badField = (field: string, code: string, message: string): StepProblem => ({ status: 400, code, message, field });

const isRealDay = (day: string): boolean => {
  const t = Date.parse(`${day}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === day;
};

/**
 * The date rules every step shares: a real date, not in the future, not before `notBefore`
 * (the step before it, named by `previousLabel`). `null` when the date is fine.
 */
export function dateProblem(date: string, today: string, notBefore: string | undefined, previousLabel: string): StepProblem | null {
  if (!isRealDay(date)) return badField("date", "invalid_date", "日期格式不对，应为“年-月-日”，例如2026-06-04");
  if (date > today) return badField("date", "date_in_future", "日期不能晚于今天");
  if (notBefore !== undefined && date < notBefore)
    return outOfOrder("date_before_previous_step", `日期不能早于${previousLabel}的日期（${chinaMonthDay(notBefore)}）`);
  return null;
}

/** A step dated on or before the notice's last day, while the notice was still running. */
export function insideNotice(date: string, noticeLastDay: string): StepProblem | null {
  if (date <= noticeLastDay) return outOfOrder("notice_still_open", `公示要到${chinaMonthDay(noticeLastDay)}24时才结束，这一步的日期要在公示结束以后`);
  return null;
}

/** A notice's result must match what was recorded during it: objections need their handling told. */
export function noticeResultConflict(objections: number, result: NoticeResult): StepProblem | null {
  if (objections > 0 && result === "no_objection") return outOfOrder("objection_needs_handling", "公示期间有人提出了异议，请填写异议核实的结果");
  if (objections === 0 && result !== "no_objection") return outOfOrder("no_objection_recorded", "还没有记录过公示异议，请先记录异议内容");
  return null;
}
