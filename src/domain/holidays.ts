import chineseDays from "chinese-days";

/**
 * Working days in China: weekends and statutory holidays are rest days, and the weekend
 * days the State Council swaps in (调休) are working days. Data from the maintained
 * `chinese-days` package; a year it does not know yet falls back to plain weekends.
 */
export interface WorkingDayCalendar {
  isWorkingDay(day: string): boolean;
}

export const chinaWorkingDays: WorkingDayCalendar = {
  isWorkingDay: (day) => chineseDays.isWorkday(day),
};

/** The day itself if it is a working day, else the first working day after it. */
export function nextWorkingDayFrom(day: string, calendar: WorkingDayCalendar): string {
  let d = day;
  for (let i = 0; i < 30 && !calendar.isWorkingDay(d); i++) d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return d;
}
