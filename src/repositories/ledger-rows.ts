import type { DataSource, EntityManager } from "typeorm";
import { ReportEntity, type Report } from "../db/entities/report.js";
import { ReportEventEntity } from "../db/entities/report-event.js";
import { MonitoredHouseholdEntity, type MonitoredHousehold } from "../db/entities/identification.js";
import { HouseholdEntity, type Household } from "../db/entities/household.js";
import { countyOf } from "../domain/area-code.js";
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

/**
 * The next page of an area's register entries monitored at some time in the period [fromDay,
 * toDay] (identified by its end, not cleared before its start), oldest identification first,
 * after the entry with id `afterId` (keyset on identifiedOn and id).
 */
export async function registerLedgerPage(
  db: Db,
  f: { areaCode: string | null; fromDay: string; toDay: string },
  after: { identifiedOn: string; id: number } | null,
  limit: number,
): Promise<MonitoredHousehold[]> {
  const qb = db
    .getRepository(MonitoredHouseholdEntity)
    .createQueryBuilder("m")
    .where("m.identifiedOn <= :toDay", { toDay: f.toDay })
    .andWhere("(m.clearedOn IS NULL OR m.clearedOn >= :fromDay)", { fromDay: f.fromDay });
  if (f.areaCode) {
    const [low, high] = areaRange(f.areaCode);
    // the county first, as the register's index leads with it
    qb.andWhere("m.countyCode = :county AND m.villageCode BETWEEN :low AND :high", { county: countyOf(f.areaCode), low, high });
  }
  if (after)
    qb.andWhere("(m.identifiedOn > :afterDay OR (m.identifiedOn = :afterDay AND m.id > :afterId))", { afterDay: after.identifiedOn, afterId: after.id });
  return qb.orderBy("m.identifiedOn", "ASC").addOrderBy("m.id", "ASC").limit(limit).getMany();
}

/** The reports and households of a page of register entries, by id. */
export async function registerSources(db: Db, entries: MonitoredHousehold[]): Promise<{ reports: Map<string, Report>; households: Map<string, Household> }> {
  if (entries.length === 0) return { reports: new Map(), households: new Map() };
  const reports = await db
    .getRepository(ReportEntity)
    .createQueryBuilder("r")
    .where("r.id IN (:...ids)", { ids: entries.map((e) => e.reportId) })
    .getMany();
  const households = await db
    .getRepository(HouseholdEntity)
    .createQueryBuilder("h")
    .where("h.id IN (:...ids)", { ids: entries.map((e) => e.householdId) })
    .getMany();
  return { reports: new Map(reports.map((r) => [r.id, r])), households: new Map(households.map((h) => [h.id, h])) };
}
