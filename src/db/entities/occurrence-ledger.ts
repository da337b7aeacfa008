import { EntitySchema } from "typeorm";

export type OccurrenceStatus = "sent" | "missed" | "cancelled";

/**
 * One row per occurrence (rule or campaign step × date × audience), decided once: its
 * unique key is what makes a reminder go out once however many instances run.
 */
export interface OccurrenceLedger {
  id: number;
  occurrenceKey: string;
  source: "rule" | "campaign";
  sourceId: number;
  step: string;
  audience: string;
  scheduledFor: Date;
  status: OccurrenceStatus;
  decidedAt: Date;
  notifications: number;
}

export const OccurrenceLedgerEntity = new EntitySchema<OccurrenceLedger>({
  name: "OccurrenceLedger",
  tableName: "occurrence_ledger",
  columns: {
    id: { type: "integer", primary: true, generated: "increment" },
    occurrenceKey: { name: "occurrence_key", type: "varchar", length: 191, unique: true },
    source: { type: "varchar", length: 16 },
    sourceId: { name: "source_id", type: "int" },
    step: { type: "varchar", length: 24 },
    audience: { type: "varchar", length: 24 },
    scheduledFor: { name: "scheduled_for", type: "datetime", precision: 3 },
    status: { type: "varchar", length: 16 },
    decidedAt: { name: "decided_at", type: "datetime", precision: 3 },
    notifications: { type: "int", default: 0 },
  },
});
