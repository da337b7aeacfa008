import { EntitySchema } from "typeorm";
import type { DeadlineBasis } from "../../domain/report/clock.js";
import type { Channel, OpinionKind, Relation, ReportStatus } from "../../domain/report/lifecycle.js";

/** A report (申报) in its village's queue. Risk types are stored as ",illness,housing,". */
export interface Report {
  id: string;
  number: string;
  villageCode: string;
  householdId: string;
  householdName: string;
  phoneSealed: string;
  idNumberSealed: string | null;
  riskTypes: string;
  description: string;
  relation: Relation;
  channel: Channel;
  reporterAccountId: string | null;
  /** The reporter's own phone (a neighbour's, a relative's); for a report for oneself, the household's. */
  reporterPhoneSealed?: string | null;
  /** The reporter's statement (for themselves, or that they report with the household's knowledge); not the household's 授权承诺书. */
  consentGiven: boolean;
  consentTextVersion: string;
  status: ReportStatus;
  /** `${villageCode}:${householdId}` while the report is open, null after; unique, so a household has one open report. */
  openKey: string | null;
  receivedAt: Date;
  dueAt: Date;
  /** What the deadline rests on; a weekends-only one is recomputed when its year is entered. */
  deadlineBasis: DeadlineBasis;
  acceptedAt: Date | null;
  visitedAt: Date | null;
  opinionAt: Date | null;
  opinionKind: OpinionKind | null;
  opinionReason: string | null;
  opinionPolicyRef: string | null;
  overdueAt: Date | null;
  closedAt: Date | null;
  transferredTo: string | null;
  /** When the report was last transferred: its receiver's 5-day clock (dueAt) counts from here. */
  transferredAt?: Date | null;
  /** The clock had already run out when the report was transferred: the ledger still counts it late. */
  lateBeforeTransfer?: boolean;
  /** When a paper application was typed in (补录), later than receivedAt; null when entered as it came. */
  enteredAt?: Date | null;
  /** On the identification path: when its next reminder or escalation is due (the sweep reads only those due); null when none will be. */
  nextReminderAt?: Date | null;
  updatedAt: Date;
}

const dt = (name: string, nullable = false) => ({ name, type: "datetime" as const, precision: 3, nullable });

export const ReportEntity = new EntitySchema<Report>({
  name: "Report",
  tableName: "report",
  columns: {
    id: { type: "varchar", length: 36, primary: true },
    number: { type: "varchar", length: 16, unique: true },
    villageCode: { name: "village_code", type: "varchar", length: 12 },
    householdId: { name: "household_id", type: "varchar", length: 36 },
    householdName: { name: "household_name", type: "varchar", length: 64 },
    phoneSealed: { name: "phone_sealed", type: "varchar", length: 255 },
    idNumberSealed: { name: "id_number_sealed", type: "varchar", length: 255, nullable: true },
    riskTypes: { name: "risk_types", type: "varchar", length: 255 },
    description: { type: "text" },
    relation: { type: "varchar", length: 16 },
    channel: { type: "varchar", length: 16 },
    reporterAccountId: { name: "reporter_account_id", type: "varchar", length: 36, nullable: true },
    reporterPhoneSealed: { name: "reporter_phone_sealed", type: "varchar", length: 255, nullable: true },
    consentGiven: { name: "consent_given", type: "boolean" },
    consentTextVersion: { name: "consent_text_version", type: "varchar", length: 32 },
    status: { type: "varchar", length: 16 },
    openKey: { name: "open_key", type: "varchar", length: 64, nullable: true, unique: true },
    receivedAt: dt("received_at"),
    dueAt: dt("due_at"),
    deadlineBasis: { name: "deadline_basis", type: "varchar", length: 16, default: "statutory" },
    acceptedAt: dt("accepted_at", true),
    visitedAt: dt("visited_at", true),
    opinionAt: dt("opinion_at", true),
    opinionKind: { name: "opinion_kind", type: "varchar", length: 32, nullable: true },
    opinionReason: { name: "opinion_reason", type: "text", nullable: true },
    opinionPolicyRef: { name: "opinion_policy_ref", type: "varchar", length: 255, nullable: true },
    overdueAt: dt("overdue_at", true),
    closedAt: dt("closed_at", true),
    transferredTo: { name: "transferred_to", type: "varchar", length: 32, nullable: true },
    transferredAt: dt("transferred_at", true),
    lateBeforeTransfer: { name: "late_before_transfer", type: "boolean", default: false },
    enteredAt: dt("entered_at", true),
    nextReminderAt: dt("next_reminder_at", true),
    updatedAt: dt("updated_at"),
  },
});
