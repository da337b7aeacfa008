import { createRequire } from "node:module";
import type { DataSource } from "typeorm";
import type { Clock } from "../clock.js";
import { holidayCalendar, type HolidayArrangement, type WorkingDayCalendar } from "../domain/holidays.js";
import { enteredYears, insertHolidayYear } from "../repositories/holiday-years.js";

const require = createRequire(import.meta.url);

/** The arrangements the maintained `chinese-days` package knows (2004 to its last published year). */
export function packageArrangements(): HolidayArrangement[] {
  const data = require("chinese-days/dist/chinese-days.json") as { holidays: Record<string, string>; workdays: Record<string, string> };
  const byYear = new Map<number, { restDays: string[]; workingDays: string[] }>();
  const entry = (day: string) => {
    const year = Number(day.slice(0, 4));
    if (!byYear.has(year)) byYear.set(year, { restDays: [], workingDays: [] });
    return byYear.get(year)!;
  };
  for (const day of Object.keys(data.holidays)) entry(day).restDays.push(day);
  for (const day of Object.keys(data.workdays)) entry(day).workingDays.push(day);
  return [...byYear].sort(([a], [b]) => a - b).map(([year, e]) => ({ year, restDays: e.restDays.sort(), workingDays: e.workingDays.sort() }));
}

/** Where seeded entries say they come from. */
export const PACKAGE_SOURCE = `chinese-days ${(require("chinese-days/package.json") as { version: string }).version}`;

/** The package's years alone, for tests of pure rules that have no database. */
export const packageCalendar = (): WorkingDayCalendar => holidayCalendar(packageArrangements());

/**
 * Enters each year the package knows and the table does not have yet. A year already entered
 * (by an admin, or by an earlier start) is left alone: the table is the truth, the package a seed.
 */
export async function seedHolidayCalendar(db: DataSource, clock: Clock): Promise<number[]> {
  const have = await enteredYears(db);
  const added: number[] = [];
  for (const a of packageArrangements()) {
    if (have.has(a.year)) continue;
    await insertHolidayYear(db, {
      year: a.year,
      version: 1,
      source: PACKAGE_SOURCE,
      restDays: JSON.stringify(a.restDays),
      workingDays: JSON.stringify(a.workingDays),
      enteredBy: null,
      enteredAt: clock.now(),
    });
    added.push(a.year);
  }
  return added;
}
