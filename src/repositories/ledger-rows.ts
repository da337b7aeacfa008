import type { DataSource, EntityManager } from "typeorm";
import { ReportEntity, type Report } from "../db/entities/report.js";
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
