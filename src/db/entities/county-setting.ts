import { EntitySchema } from "typeorm";
import type { DeadlineRule } from "../../domain/deadline.js";

/** Per-county choices, such as how the 5 days are counted. */
export interface CountySetting {
  countyCode: string;
  deadlineRule: DeadlineRule;
}

export const CountySettingEntity = new EntitySchema<CountySetting>({
  name: "CountySetting",
  tableName: "county_setting",
  columns: {
    countyCode: { name: "county_code", type: "varchar", length: 12, primary: true },
    deadlineRule: { name: "deadline_rule", type: "varchar", length: 16 },
  },
});
