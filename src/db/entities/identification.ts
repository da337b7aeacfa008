import { EntitySchema } from "typeorm";

/** One recorded step of a report's identification path (its fields as JSON text). */
export interface IdentificationStepRow {
  id: number;
  reportId: string;
  step: string;
  /** The China day the step happened, "YYYY-MM-DD". */
  day: string;
  fields: string;
  recordedBy: string;
  recordedRole: string;
  recordedAt: Date;
  /** "<report>:<step>" for a step recorded once, null for objections: unique. */
  onceKey: string | null;
}

/** A household in the register: identified as monitored, later possibly cleared (风险消除). */
export interface MonitoredHousehold {
  id: number;
  countyCode: string;
  villageCode: string;
  householdId: string;
  /** The report whose path identified it. */
  reportId: string;
  status: "monitored" | "risk_cleared";
  kind: string;
  /** The county approval's China day (监测对象识别以县级批准时间为准). */
  identifiedOn: string;
  clearedOn: string | null;
  /** ",illness,housing," as on the report. */
  riskTypes: string;
  /** The plan's measures as JSON text, `[]` until a plan exists. */
  measures: string;
  /** The household id while monitored, null once cleared: unique, so a household is monitored once at a time. */
  openKey: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** One recorded step of a household's risk clearance; `attempt` counts the tries (one may end, another begin). */
export interface ClearanceStepRow {
  id: number;
  monitoredId: number;
  householdId: string;
  attempt: number;
  step: string;
  day: string;
  fields: string;
  recordedBy: string;
  recordedRole: string;
  recordedAt: Date;
  /** "<register entry>:<attempt>:<step>" for a step recorded once, null for objections: unique. */
  onceKey: string | null;
}

const recorded = {
  day: { type: "varchar" as const, length: 10 },
  fields: { type: "text" as const },
  recordedBy: { name: "recorded_by", type: "varchar" as const, length: 36 },
  recordedRole: { name: "recorded_role", type: "varchar" as const, length: 16 },
  recordedAt: { name: "recorded_at", type: "datetime" as const, precision: 3 },
  onceKey: { name: "once_key", type: "varchar" as const, length: 64, nullable: true, unique: true },
};

export const IdentificationStepEntity = new EntitySchema<IdentificationStepRow>({
  name: "IdentificationStep",
  tableName: "identification_step",
  columns: {
    id: { type: "integer", primary: true, generated: "increment" },
    reportId: { name: "report_id", type: "varchar", length: 36 },
    step: { type: "varchar", length: 24 },
    ...recorded,
  },
});

export const MonitoredHouseholdEntity = new EntitySchema<MonitoredHousehold>({
  name: "MonitoredHousehold",
  tableName: "monitored_household",
  columns: {
    id: { type: "integer", primary: true, generated: "increment" },
    countyCode: { name: "county_code", type: "varchar", length: 12 },
    villageCode: { name: "village_code", type: "varchar", length: 12 },
    householdId: { name: "household_id", type: "varchar", length: 36 },
    reportId: { name: "report_id", type: "varchar", length: 36 },
    status: { type: "varchar", length: 16 },
    kind: { type: "varchar", length: 24 },
    identifiedOn: { name: "identified_on", type: "varchar", length: 10 },
    clearedOn: { name: "cleared_on", type: "varchar", length: 10, nullable: true },
    riskTypes: { name: "risk_types", type: "varchar", length: 255 },
    measures: { type: "text" },
    openKey: { name: "open_key", type: "varchar", length: 36, nullable: true, unique: true },
    createdAt: { name: "created_at", type: "datetime", precision: 3 },
    updatedAt: { name: "updated_at", type: "datetime", precision: 3 },
  },
});

export const ClearanceStepEntity = new EntitySchema<ClearanceStepRow>({
  name: "ClearanceStep",
  tableName: "clearance_step",
  columns: {
    id: { type: "integer", primary: true, generated: "increment" },
    monitoredId: { name: "monitored_id", type: "integer" },
    householdId: { name: "household_id", type: "varchar", length: 36 },
    attempt: { type: "integer" },
    step: { type: "varchar", length: 24 },
    ...recorded,
  },
});
