import type { DataSource, EntityManager } from "typeorm";
import { AccountEntity } from "../db/entities/account.js";
import { ReportEntity } from "../db/entities/report.js";
import { AuditEventEntity, type AuditEvent } from "../db/entities/audit-event.js";
import { insertRows } from "../db/insert-rows.js";

/** One entry of the audit trail. */
export interface NewAuditEntry {
  at: Date;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  detail?: unknown;
}

/** Appends to the audit trail inside the caller's transaction. */
export async function recordAudit(tx: EntityManager, e: NewAuditEntry): Promise<void> {
  await recordAudits(tx, [e]);
}

/** Appends several entries, in order, in one statement inside the caller's transaction. */
export async function recordAudits(tx: EntityManager, entries: readonly NewAuditEntry[]): Promise<void> {
  await insertRows(
    tx,
    AuditEventEntity,
    entries.map(
      (e) =>
        ({
          at: e.at,
          actorId: e.actorId,
          action: e.action,
          subjectType: e.subjectType,
          subjectId: e.subjectId,
          detail: e.detail === undefined ? null : JSON.stringify(e.detail),
        }) as AuditEvent,
    ),
  );
}

export interface AuditFilter {
  /** [lowest, highest] area code the actor or the report must lie in; null: everything (admin). */
  range: [string, string] | null;
  personName?: string;
  reportIds?: string[];
  action?: string;
  from?: Date;
  to?: Date;
}

export interface AuditRow {
  at: Date;
  action: string;
  subjectType: string;
  subjectId: string;
  actorName: string | null;
  actorRole: string | null;
  reportNumber: string | null;
  householdName: string | null;
}

/** One page of the audit trail, newest first, with who acted and which report it touched. */
export async function auditPage(db: DataSource | EntityManager, f: AuditFilter, page: number, pageSize: number): Promise<{ items: AuditRow[]; total: number }> {
  const qb = db
    .getRepository(AuditEventEntity)
    .createQueryBuilder("e")
    .leftJoin(AccountEntity.options.name, "a", "a.id = e.actorId")
    .leftJoin(ReportEntity.options.name, "r", "e.subjectType = 'report' AND r.id = e.subjectId");
  if (f.range) qb.andWhere("(a.areaCode BETWEEN :lo AND :hi OR r.villageCode BETWEEN :lo AND :hi)", { lo: f.range[0], hi: f.range[1] });
  if (f.personName) qb.andWhere("a.displayName LIKE :person", { person: `%${f.personName.replace(/[%_\\]/g, "")}%` });
  if (f.reportIds) qb.andWhere(f.reportIds.length ? "e.subjectType = 'report' AND e.subjectId IN (:...ids)" : "1 = 0", { ids: f.reportIds });
  if (f.action) qb.andWhere("e.action = :action", { action: f.action });
  if (f.from) qb.andWhere("e.at >= :from", { from: f.from });
  if (f.to) qb.andWhere("e.at < :to", { to: f.to });
  const total = await qb.getCount();
  const rows = await qb
    .select(["e.at AS at", "e.action AS action", "e.subjectType AS subjectType", "e.subjectId AS subjectId"])
    .addSelect(["a.displayName AS actorName", "a.role AS actorRole", "r.number AS reportNumber", "r.householdName AS householdName"])
    .orderBy("e.id", "DESC")
    .offset((page - 1) * pageSize)
    .limit(pageSize)
    .getRawMany<AuditRow>();
  return { items: rows.map((r) => ({ ...r, at: r.at instanceof Date ? r.at : new Date(`${String(r.at).replace(" ", "T")}Z`) })), total };
}
