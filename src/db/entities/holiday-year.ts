import { EntitySchema } from "typeorm";

/**
 * One entry of a year's holiday arrangement. Entries are never overwritten: a correction is a
 * new version, and the highest version of a year is the one in force.
 */
export interface HolidayYear {
  id: number;
  year: number;
  version: number;
  /** The notice it comes from (国办发明电〔…〕…号), or "chinese-days x.y.z". */
  source: string;
  /** JSON array of "YYYY-MM-DD". */
  restDays: string;
  workingDays: string;
  /** The admin who entered it; null when seeded from the package. */
  enteredBy: string | null;
  enteredAt: Date;
}

export const HolidayYearEntity = new EntitySchema<HolidayYear>({
  name: "HolidayYear",
  tableName: "holiday_year",
  columns: {
    id: { type: "integer", primary: true, generated: "increment" },
    year: { type: "int" },
    version: { type: "int" },
    source: { type: "varchar", length: 255 },
    restDays: { name: "rest_days", type: "text" },
    workingDays: { name: "working_days", type: "text" },
    enteredBy: { name: "entered_by", type: "varchar", length: 36, nullable: true },
    enteredAt: { name: "entered_at", type: "datetime", precision: 3 },
  },
  uniques: [{ name: "uq_holiday_year_version", columns: ["year", "version"] }],
});
