import { EntitySchema } from "typeorm";

/** Every submission that reached a report: the first opens it, later ones are attached (nothing is thrown away). */
export interface ReportLead {
  id: number;
  reportId: string;
  receivedAt: Date;
  channel: string;
  relation: string;
  reporterAccountId: string | null;
  /** The head's name as this reporter typed it: all a proxy reporter is shown of the household. */
  householdName: string;
  reporterPhoneSealed: string | null;
  riskTypes: string;
  description: string;
}

export const ReportLeadEntity = new EntitySchema<ReportLead>({
  name: "ReportLead",
  tableName: "report_lead",
  columns: {
    id: { type: "integer", primary: true, generated: "increment" },
    reportId: { name: "report_id", type: "varchar", length: 36 },
    receivedAt: { name: "received_at", type: "datetime", precision: 3 },
    channel: { type: "varchar", length: 16 },
    relation: { type: "varchar", length: 16 },
    reporterAccountId: { name: "reporter_account_id", type: "varchar", length: 36, nullable: true },
    householdName: { name: "household_name", type: "varchar", length: 64, default: "" },
    reporterPhoneSealed: { name: "reporter_phone_sealed", type: "varchar", length: 255, nullable: true },
    riskTypes: { name: "risk_types", type: "varchar", length: 255 },
    description: { type: "text" },
  },
});
