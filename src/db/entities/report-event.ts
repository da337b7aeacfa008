import { EntitySchema } from "typeorm";

/** One step of a report's timeline, written in the same transaction as the change. */
export interface ReportEvent {
  id: number;
  reportId: string;
  at: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
  /** Staff-internal events (comments, full-number reads) never reach the household. */
  internal: boolean;
}

export const ReportEventEntity = new EntitySchema<ReportEvent>({
  name: "ReportEvent",
  tableName: "report_event",
  columns: {
    id: { type: "integer", primary: true, generated: "increment" },
    reportId: { name: "report_id", type: "varchar", length: 36 },
    at: { type: "datetime", precision: 3 },
    actorId: { name: "actor_id", type: "varchar", length: 36, nullable: true },
    actorRole: { name: "actor_role", type: "varchar", length: 16, nullable: true },
    action: { type: "varchar", length: 32 },
    fromStatus: { name: "from_status", type: "varchar", length: 16, nullable: true },
    toStatus: { name: "to_status", type: "varchar", length: 16, nullable: true },
    note: { type: "text", nullable: true },
    internal: { type: "boolean", default: false },
  },
});
