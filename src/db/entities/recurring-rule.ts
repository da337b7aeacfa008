import { EntitySchema } from "typeorm";

/** A recurring reminder of a county (monthly visits, quarterly surveys…), switchable on and off. */
export interface RecurringRule {
  id: number;
  countyCode: string;
  code: string;
  title: string;
  /** JSON ScheduleSpec (src/domain/rhythm/schedule.ts). */
  schedule: string;
  /** JSON list of audiences. */
  audiences: string;
  template: string;
  holidayShift: boolean;
  enabled: boolean;
  /** Occurrences before this instant are not owed (the rule did not exist or was switched off). */
  activeFrom: Date;
  createdAt: Date;
  updatedAt: Date;
}

export const RecurringRuleEntity = new EntitySchema<RecurringRule>({
  name: "RecurringRule",
  tableName: "recurring_rule",
  columns: {
    id: { type: "integer", primary: true, generated: "increment" },
    countyCode: { name: "county_code", type: "varchar", length: 12 },
    code: { type: "varchar", length: 40 },
    title: { type: "varchar", length: 64 },
    schedule: { type: "text" },
    audiences: { type: "varchar", length: 255 },
    template: { type: "text" },
    holidayShift: { name: "holiday_shift", type: "boolean", default: false },
    enabled: { type: "boolean", default: true },
    activeFrom: { name: "active_from", type: "datetime", precision: 3 },
    createdAt: { name: "created_at", type: "datetime", precision: 3 },
    updatedAt: { name: "updated_at", type: "datetime", precision: 3 },
  },
});
