import type { EntityManager } from "typeorm";
import { AuditEventEntity } from "../db/entities/audit-event.js";

/** Appends to the audit trail inside the caller's transaction. */
export async function recordAudit(
  tx: EntityManager,
  e: { at: Date; actorId: string | null; action: string; subjectType: string; subjectId: string; detail?: unknown },
): Promise<void> {
  await tx.insert(AuditEventEntity, {
    at: e.at,
    actorId: e.actorId,
    action: e.action,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    detail: e.detail === undefined ? null : JSON.stringify(e.detail),
  });
}
