import { addDays, chinaDay, chinaMonthDay, startOfChinaDay } from "../china-time.js";
import { nextWorkingDayFrom, type WorkingDayCalendar } from "../holidays.js";

/** Days a village has to accept, verify and answer a report (seed 001 一(二)(3)). */
export const ANSWER_PERIOD_DAYS = 5;

/**
 * The reminders of the 5-day clock, sent to the village's cadres while the opinion is awaited:
 * how many days before the deadline, and the notification kind. A new reminder is one row.
 */
export const DUE_REMINDERS = [
  { daysBefore: 2, kind: "report_due_in_2_days" },
  { daysBefore: 1, kind: "report_due_in_1_day" },
] as const;

/**
 * How a county counts the 5 days:
 * - "statutory": 民法典 第二百零一条、第二百零三条 — counting starts the day after receipt; the
 *   period ends at 24:00 of its last day; a last day that is a rest day (weekend or
 *   statutory holiday) moves to the first working day after it.
 * - "calendar": plain calendar days, 24:00 of the 5th day after receipt.
 */
export type DeadlineRule = "statutory" | "calendar";

/**
 * What a deadline rests on: the statutory rule with the year's holiday arrangement known,
 * the statutory rule with weekends only (the arrangement was not entered yet), or plain
 * calendar days (a county's choice).
 */
export type DeadlineBasis = "statutory" | "weekends_only" | "calendar";
export const DEADLINE_BASES: readonly DeadlineBasis[] = ["statutory", "weekends_only", "calendar"];

export interface Deadline {
  /** 24:00 Asia/Shanghai of the last day. */
  dueAt: Date;
  /** The last day, "YYYY-MM-DD" in China. */
  lastDay: string;
  basis: DeadlineBasis;
}

/** The deadline of a report received at `receivedAt`, with the basis it was computed on. */
export function deadlineOf(receivedAt: Date, rule: DeadlineRule, calendar: WorkingDayCalendar): Deadline {
  const nominal = addDays(chinaDay(receivedAt), ANSWER_PERIOD_DAYS);
  if (rule === "calendar") return { dueAt: startOfChinaDay(addDays(nominal, 1)), lastDay: nominal, basis: "calendar" };
  const lastDay = nextWorkingDayFrom(nominal, calendar);
  // every year the count ran through must be known, or a holiday may have been missed
  const known = calendar.knowsYear(Number(nominal.slice(0, 4))) && calendar.knowsYear(Number(lastDay.slice(0, 4)));
  return { dueAt: startOfChinaDay(addDays(lastDay, 1)), lastDay, basis: known ? "statutory" : "weekends_only" };
}

/** The last day of the period, as a China day "YYYY-MM-DD". */
export function lastDayToAnswer(receivedAt: Date, rule: DeadlineRule, calendar: WorkingDayCalendar): string {
  return deadlineOf(receivedAt, rule, calendar).lastDay;
}

/** The instant the period ends: 24:00 Asia/Shanghai of the last day. */
export function reportDueAt(receivedAt: Date, rule: DeadlineRule, calendar: WorkingDayCalendar): Date {
  return deadlineOf(receivedAt, rule, calendar).dueAt;
}

/**
 * A deadline computed again once a year's arrangement is known (or corrected). The household
 * was told a date: the deadline may move later (the village gains a rest day), never earlier.
 * Returns the deadline to keep, and whether its date moved.
 */
export function revisedDeadline(toldDueAt: Date, recomputed: Deadline): { deadline: Deadline; moved: boolean } {
  if (recomputed.dueAt.getTime() > toldDueAt.getTime()) return { deadline: recomputed, moved: true };
  return { deadline: { dueAt: toldDueAt, lastDay: lastDayOf(toldDueAt), basis: recomputed.basis }, moved: false };
}

/** The last day of a period ending at `dueAt` (24:00 of that day). */
export const lastDayOf = (dueAt: Date): string => chinaDay(new Date(dueAt.getTime() - 1));

/** "3月7日24时" — the deadline as a farmer reads it. */
export function describeDueAt(dueAt: Date): string {
  return `${chinaMonthDay(lastDayOf(dueAt))}24时`;
}

/** Whole days left until the deadline, counted in China days (0 on the last day, negative after). */
export function daysLeft(dueAt: Date, now: Date): number {
  const lastDay = lastDayOf(dueAt);
  return Math.round((Date.parse(`${lastDay}T00:00:00Z`) - Date.parse(`${chinaDay(now)}T00:00:00Z`)) / 86_400_000);
}
