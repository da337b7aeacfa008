import { nextWorkingDayFrom, type WorkingDayCalendar } from "../holidays.js";

/**
 * When a recurring rule falls due, as data a county can change. Days are China days.
 * `day` is when the reminder goes out; `dueDay` (optional) is the deadline it speaks of.
 * A day past the end of a short month (31 in February) means that month's last day.
 */
export type ScheduleSpec =
  | { kind: "monthly"; day: number; dueDay?: number }
  | { kind: "monthly_window"; startDay: number; endDay: number }
  /** `month` is the month within each quarter: 1 = January, April, July, October. */
  | { kind: "quarterly"; month: 1 | 2 | 3; day: number; dueDay?: number }
  | { kind: "yearly"; dates: Array<{ on: string; due?: string }> };

/** One date a rule falls on. `nominalDay` is before any holiday shift and names the occurrence. */
export interface RuleOccurrence {
  nominalDay: string;
  day: string;
  dueDay: string | null;
  /** "start"/"end" for a window, else "due". */
  step: "due" | "start" | "end";
}

const pad = (n: number) => String(n).padStart(2, "0");
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The day `d` of a month, held to the month's last day. */
export function dayOfMonth(year: number, month: number, d: number): string {
  return `${year}-${pad(month)}-${pad(Math.min(d, lastDayOfMonth(year, month)))}`;
}

function* monthsBetween(from: string, to: string): Generator<[number, number]> {
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endY = Number(to.slice(0, 4));
  const endM = Number(to.slice(5, 7));
  while (y < endY || (y === endY && m <= endM)) {
    yield [y, m];
    if (m === 12) {
      m = 1;
      y++;
    } else m++;
  }
}

function nominal(spec: ScheduleSpec, y: number, m: number): Array<Omit<RuleOccurrence, "day">> {
  switch (spec.kind) {
    case "monthly":
      return [{ nominalDay: dayOfMonth(y, m, spec.day), dueDay: spec.dueDay ? dayOfMonth(y, m, spec.dueDay) : null, step: "due" }];
    case "monthly_window": {
      const end = dayOfMonth(y, m, spec.endDay);
      return [
        { nominalDay: dayOfMonth(y, m, spec.startDay), dueDay: end, step: "start" },
        { nominalDay: end, dueDay: end, step: "end" },
      ];
    }
    case "quarterly":
      if ((m - 1) % 3 !== spec.month - 1) return [];
      return [{ nominalDay: dayOfMonth(y, m, spec.day), dueDay: spec.dueDay ? dayOfMonth(y, m, spec.dueDay) : null, step: "due" }];
    case "yearly":
      return spec.dates
        .filter((d) => Number(d.on.slice(0, 2)) === m)
        .map((d) => ({
          nominalDay: dayOfMonth(y, m, Number(d.on.slice(3, 5))),
          // a deadline earlier in the calendar than its reminder (on 12-25, due 01-05) is next year's
          dueDay: d.due ? dayOfMonth(d.due < d.on ? y + 1 : y, Number(d.due.slice(0, 2)), Number(d.due.slice(3, 5))) : null,
          step: "due" as const,
        }));
  }
}

/**
 * Every occurrence of a schedule whose nominal day lies in [from, to] (China days), with
 * the day it is actually sent: with `holidayShift`, a rest day moves to the next working day.
 */
export function expandSchedule(spec: ScheduleSpec, from: string, to: string, opts: { holidayShift: boolean; calendar: WorkingDayCalendar }): RuleOccurrence[] {
  const out: RuleOccurrence[] = [];
  for (const [y, m] of monthsBetween(from, to)) {
    for (const o of nominal(spec, y, m)) {
      if (o.nominalDay < from || o.nominalDay > to) continue;
      out.push({ ...o, day: opts.holidayShift ? nextWorkingDayFrom(o.nominalDay, opts.calendar) : o.nominalDay });
    }
  }
  return out.sort((a, b) => a.nominalDay.localeCompare(b.nominalDay));
}
