import type { DataSource, EntityManager } from "typeorm";
import { ReportEntity, type Report } from "../db/entities/report.js";
import { ReportEventEntity } from "../db/entities/report-event.js";
import { areaRange } from "./reports.js";

type Db = DataSource | EntityManager;

export interface LedgerCursor {
  receivedAt: Date;
  id: string;
}

/**
 * The next page of an area's reports received in [from, to), in receipt order, after the
 * cursor (keyset: no OFFSET, so page 500 costs what page 1 costs).
 */
export async function ledgerPage(db: Db, f: { areaCode: string | null; from: Date; to: Date }, after: LedgerCursor | null, limit: number): Promise<Report[]> {
  const qb = db.getRepository(ReportEntity).createQueryBuilder("r").where("r.receivedAt >= :from AND r.receivedAt < :to", { from: f.from, to: f.to });
  if (f.areaCode) {
    const [low, high] = areaRange(f.areaCode);
    qb.andWhere("r.villageCode BETWEEN :low AND :high", { low, high });
  }
  if (after) qb.andWhere("(r.receivedAt > :afterAt OR (r.receivedAt = :afterAt AND r.id > :afterId))", { afterAt: after.receivedAt, afterId: after.id });
  return qb.orderBy("r.receivedAt", "ASC").addOrderBy("r.id", "ASC").limit(limit).getMany();
}

/** What the village wrote at its latest visit (核查情况) to each of these reports, by report id. */
export async function visitNotes(db: Db, reportIds: string[]): Promise<Map<string, string>> {
  const notes = new Map<string, string>();
  if (reportIds.length === 0) return notes;
  const events = await db
    .getRepository(ReportEventEntity)
    .createQueryBuilder("e")
    .where("e.reportId IN (:...ids) AND e.action = 'visit'", { ids: reportIds })
    .orderBy("e.at", "ASC")
    .addOrderBy("e.id", "ASC")
    .getMany();
  // ascending, so a later visit's note replaces an earlier one
  for (const e of events) if (e.note) notes.set(e.reportId, e.note);
  return notes;
}
