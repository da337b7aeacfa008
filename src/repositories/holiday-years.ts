import type { DataSource, EntityManager } from "typeorm";
import type { HolidayArrangement } from "../domain/holidays.js";
import { HolidayYearEntity, type HolidayYear } from "../db/entities/holiday-year.js";
import { insertRows } from "../db/insert-rows.js";

type Db = DataSource | EntityManager;

/** A stored entry read as the arrangement it holds. */
export const arrangementOf = (row: HolidayYear): HolidayArrangement & { source: string; version: number } => ({
  year: row.year,
  version: row.version,
  source: row.source,
  restDays: JSON.parse(row.restDays) as string[],
  workingDays: JSON.parse(row.workingDays) as string[],
});

/** Every entry, oldest version first (so a later version of a year replaces an earlier one). */
export const allHolidayYears = (db: Db): Promise<HolidayYear[]> => db.getRepository(HolidayYearEntity).find({ order: { year: "ASC", version: "ASC" } });

/** The entry in force for a year (its highest version), or null. */
export const currentHolidayYear = (db: Db, year: number): Promise<HolidayYear | null> =>
  db.getRepository(HolidayYearEntity).findOne({ where: { year }, order: { version: "DESC" } });

/** The years that have any entry. */
export async function enteredYears(db: Db): Promise<Set<number>> {
  const rows: Array<{ year: number | string }> = await db
    .getRepository(HolidayYearEntity)
    .createQueryBuilder("h")
    .select("DISTINCT h.year", "year")
    .getRawMany();
  return new Set(rows.map((r) => Number(r.year)));
}

/** Adds an entry; by default a version that exists already (another instance seeded it) is skipped. */
export async function insertHolidayYear(db: Db, row: Omit<HolidayYear, "id">, opts: { orIgnore: boolean } = { orIgnore: true }): Promise<void> {
  await insertRows(db, HolidayYearEntity, [{ ...row, id: undefined as unknown as number }], opts);
}
