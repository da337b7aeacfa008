import type { EntityManager } from "typeorm";
import { AuditEventEntity, type AuditEvent } from "../db/entities/audit-event.js";
import { insertRows } from "../db/insert-rows.js";

/** Appends to the audit trail inside the caller's transaction. */
export async function recordAudit(
  tx: EntityManager,
  e: { at: Date; actorId: string | null; action: string; subjectType: string; subjectId: string; detail?: unknown },
): Promise<void> {
  await insertRows(tx, AuditEventEntity, {
    at: e.at,
    actorId: e.actorId,
    action: e.action,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    detail: e.detail === undefined ? null : JSON.stringify(e.detail),
  } as AuditEvent);
}
