import { EntitySchema } from "typeorm";
import type { DeadlineRule } from "../../domain/report/clock.js";

/** Per-county choices, such as how the 5 days are counted and when night-time notices go out. */
export interface CountySetting {
  countyCode: string;
  deadlineRule: DeadlineRule;
  /** "HH:MM" China time: when a notice that fell due at night goes out (08:00–21:00). */
  noticeTime: string;
  /** Whether the county's townships do the first review (乡镇初审) on the identification path; seed 001 makes it optional. */
  townshipReview: boolean;
}

export const CountySettingEntity = new EntitySchema<CountySetting>({
  name: "CountySetting",
  tableName: "county_setting",
  columns: {
    countyCode: { name: "county_code", type: "varchar", length: 12, primary: true },
    deadlineRule: { name: "deadline_rule", type: "varchar", length: 16 },
    noticeTime: { name: "notice_time", type: "varchar", length: 5, default: "08:30" },
    townshipReview: { name: "township_review", type: "boolean", default: true },
  },
});
