import { addDays, startOfChinaDay } from "../china-time.js";
import { deadlineOf, type Deadline, type DeadlineRule } from "../report/clock.js";
import { nextWorkingDayFrom, type WorkingDayCalendar } from "../holidays.js";

/** Days a village notice lasts (公示期5天, seed 001 一(二)3(3), 一(四)2(4)). */
export const NOTICE_DAYS = 5;

/**
 * A period of `days` counted from the China day `fromDay` the way the county counts its
 * 5-day answer (deadline.ts): from the next day, ending 24:00 of the last day; under the
 * statutory rule a last day on a rest day moves to the next working day.
 */
export function periodDeadline(fromDay: string, days: number, rule: DeadlineRule, calendar: WorkingDayCalendar): Deadline {
  const nominal = addDays(fromDay, days);
  if (rule === "calendar") return { dueAt: startOfChinaDay(addDays(nominal, 1)), lastDay: nominal, basis: "calendar" };
  const lastDay = nextWorkingDayFrom(nominal, calendar);
  const known = calendar.knowsYear(Number(nominal.slice(0, 4))) && calendar.knowsYear(Number(lastDay.slice(0, 4)));
  return { dueAt: startOfChinaDay(addDays(lastDay, 1)), lastDay, basis: known ? "statutory" : "weekends_only" };
}

/** A notice posted on `postedOn`: it is the 5-day answer's own rule, so it reuses it. */
export function noticeWindow(postedOn: string, rule: DeadlineRule, calendar: WorkingDayCalendar): Deadline {
  return deadlineOf(startOfChinaDay(postedOn), rule, calendar);
}

/** The same day `months` calendar months later, clamped to the month's end (08-31 + 6 → 02-28). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const monthEnd = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(d, monthEnd)).padStart(2, "0")}`;
}
