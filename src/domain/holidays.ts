import { isoWeekday } from "./china-time.js";

/**
 * Working days in China: weekends and the State Council's statutory holidays are rest days,
 * and the weekend days it swaps in (调休上班) are working days. The arrangement is published
 * once a year; the system keeps one per year (entered by an admin, or seeded from the
 * maintained `chinese-days` package for the years it knows). A year nobody entered counts
 * plain weekends only, and says so (`knowsYear`).
 */
export interface WorkingDayCalendar {
  isWorkingDay(day: string): boolean;
  /** Whether the year's State Council arrangement is known (else: weekends only). */
  knowsYear(year: number): boolean;
}

/** One year's arrangement (国务院办公厅关于…年部分节假日安排的通知). */
export interface HolidayArrangement {
  year: number;
  /** Days off the notice lists (weekend days inside a holiday block included). */
  restDays: readonly string[];
  /** Weekend days that are working days (调休上班). */
  workingDays: readonly string[];
}

const isWeekend = (day: string): boolean => isoWeekday(day) >= 6;
const yearOf = (day: string): number => Number(day.slice(0, 4));

/** The calendar the given arrangements make: a later entry of a year replaces an earlier one. */
export function holidayCalendar(arrangements: Iterable<HolidayArrangement>): WorkingDayCalendar {
  const rest = new Set<string>();
  const working = new Set<string>();
  const years = new Map<number, HolidayArrangement>();
  for (const a of arrangements) years.set(a.year, a);
  for (const a of years.values()) {
    a.restDays.forEach((d) => rest.add(d));
    a.workingDays.forEach((d) => working.add(d));
  }
  return {
    isWorkingDay: (day) => (working.has(day) ? true : rest.has(day) ? false : !isWeekend(day)),
    knowsYear: (year) => years.has(year),
  };
}

/** The day itself if it is a working day, else the first working day after it. */
export function nextWorkingDayFrom(day: string, calendar: WorkingDayCalendar): string {
  let d = day;
  for (let i = 0; i < 30 && !calendar.isWorkingDay(d); i++) d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return d;
}

/** What is wrong with an arrangement entered for a year, in words an admin understands, naming the date. */
export interface ArrangementProblem {
  field: "restDays" | "workingDays";
  day: string;
  message: string;
}

const isRealDay = (day: string): boolean => {
  const t = Date.parse(`${day}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === day;
};

/**
 * Checks an arrangement: every date real and inside the year, no day both a rest day and a
 * working day, and a swapped working day a Saturday or Sunday (a weekday works anyway).
 */
export function arrangementProblems(a: HolidayArrangement): ArrangementProblem[] {
  const problems: ArrangementProblem[] = [];
  const check = (field: ArrangementProblem["field"], label: string, days: readonly string[]) => {
    for (const day of days) {
      if (!isRealDay(day)) problems.push({ field, day, message: `${label}“${day}”不是有效日期（格式YYYY-MM-DD）` });
      else if (yearOf(day) !== a.year) problems.push({ field, day, message: `${label}${day}不在${a.year}年内` });
    }
  };
  check("restDays", "放假日期", a.restDays);
  check("workingDays", "调休上班日期", a.workingDays);
  const rest = new Set(a.restDays);
  for (const day of a.workingDays) {
    if (rest.has(day)) problems.push({ field: "workingDays", day, message: `${day}不能既是放假日又是调休上班日` });
    else if (isRealDay(day) && !isWeekend(day)) problems.push({ field: "workingDays", day, message: `调休上班日期${day}不是周六或周日` });
  }
  return problems;
}

/** The China day from which a missing arrangement for next year is warned about (1 November). */
export const WARN_FROM_MONTH_DAY = "11-01";

/**
 * The years whose arrangement is missing and already matters on `today`: this year always,
 * and next year from 1 November (a report received from late December has its last day in it).
 */
export function missingYears(today: string, calendar: WorkingDayCalendar): number[] {
  const year = yearOf(today);
  const needed = today.slice(5) >= WARN_FROM_MONTH_DAY ? [year, year + 1] : [year];
  return needed.filter((y) => !calendar.knowsYear(y));
}

/** "2027年节假日安排尚未录入，期限暂按周末计算". */
export const missingYearWarning = (year: number): string => `${year}年节假日安排尚未录入，期限暂按周末计算`;
