import { addDays, chinaDay, chinaMonthDay, startOfChinaDay } from "./china-time.js";
import { nextWorkingDayFrom, type WorkingDayCalendar } from "./holidays.js";

/** Days a village has to accept, verify and answer a report (seed 001 一(二)(3)). */
export const ANSWER_PERIOD_DAYS = 5;

/**
 * How a county counts the 5 days:
 * - "statutory": 民法典 第二百零一条、第二百零三条 — counting starts the day after receipt; the
 *   period ends at 24:00 of its last day; a last day that is a rest day (weekend or
 *   statutory holiday) moves to the first working day after it.
 * - "calendar": plain calendar days, 24:00 of the 5th day after receipt.
 */
export type DeadlineRule = "statutory" | "calendar";

/** The last day of the period, as a China day "YYYY-MM-DD". */
export function lastDayToAnswer(receivedAt: Date, rule: DeadlineRule, calendar: WorkingDayCalendar): string {
  const last = addDays(chinaDay(receivedAt), ANSWER_PERIOD_DAYS);
  return rule === "statutory" ? nextWorkingDayFrom(last, calendar) : last;
}

/** The instant the period ends: 24:00 Asia/Shanghai of the last day. */
export function reportDueAt(receivedAt: Date, rule: DeadlineRule, calendar: WorkingDayCalendar): Date {
  return startOfChinaDay(addDays(lastDayToAnswer(receivedAt, rule, calendar), 1));
}

/** "3月7日24时" — the deadline as a farmer reads it. */
export function describeDueAt(dueAt: Date): string {
  return `${chinaMonthDay(chinaDay(new Date(dueAt.getTime() - 1)))}24时`;
}

/** Whole days left until the deadline, counted in China days (0 on the last day, negative after). */
export function daysLeft(dueAt: Date, now: Date): number {
  const lastDay = chinaDay(new Date(dueAt.getTime() - 1));
  return Math.round((Date.parse(`${lastDay}T00:00:00Z`) - Date.parse(`${chinaDay(now)}T00:00:00Z`)) / 86_400_000);
}
