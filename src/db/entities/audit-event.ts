import { EntitySchema } from "typeorm";

/** Who did or saw what, when: every state change and every reading of full personal data. */
export interface AuditEvent {
  id: number;
  at: Date;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  detail: string | null;
}

export const AuditEventEntity = new EntitySchema<AuditEvent>({
  name: "AuditEvent",
  tableName: "audit_event",
  columns: {
    id: { type: "integer", primary: true, generated: "increment" },
    at: { type: "datetime", precision: 3 },
    actorId: { name: "actor_id", type: "varchar", length: 36, nullable: true },
    action: { type: "varchar", length: 64 },
    subjectType: { name: "subject_type", type: "varchar", length: 32 },
    subjectId: { name: "subject_id", type: "varchar", length: 64 },
    detail: { type: "text", nullable: true },
  },
});
