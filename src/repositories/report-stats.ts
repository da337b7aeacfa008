import type { DataSource, EntityManager } from "typeorm";
import { ReportEntity, type Report } from "../db/entities/report.js";
import { AWAITING_OPINION, OPEN_STATUSES } from "../domain/report/lifecycle.js";
import { RISK_TYPES } from "../domain/risk-types.js";
import { overdueByVillage, queueCounts } from "./report-queue.js";
import { areaRange } from "./reports.js";

type Db = DataSource | EntityManager;

// Aggregates only: CASE, SUM, COUNT, LIKE and BETWEEN read the same on SQLite and MariaDB.
// Drivers return sums as strings (MariaDB DECIMAL) or numbers (SQLite); Number() evens that out.

function reportsOfArea(db: Db, areaCode: string | null) {
  const qb = db.getRepository(ReportEntity).createQueryBuilder("r");
  if (areaCode) {
    const [low, high] = areaRange(areaCode);
    qb.where("r.villageCode BETWEEN :low AND :high", { low, high });
  }
  return qb;
}

export interface VillageLoad {
  villageCode: string;
  open: number;
  awaiting: number;
  overdue: number;
}

/**
 * Per village with open reports: how many are open and still waiting for an opinion, read from
 * the counters the queues read too (report-queue.ts), so a card and its list always agree; and
 * how many are overdue now, an indexed range count over the waiting ones' deadlines.
 */
export async function villageLoads(db: Db, areaCode: string | null, now: Date): Promise<VillageLoad[]> {
  const counts = await queueCounts(db, { range: areaCode ? areaRange(areaCode) : null, statuses: OPEN_STATUSES });
  const loads = new Map<string, VillageLoad>();
  for (const c of counts) {
    const load = loads.get(c.villageCode) ?? { villageCode: c.villageCode, open: 0, awaiting: 0, overdue: 0 };
    load.open += c.n;
    if (AWAITING_OPINION.includes(c.status)) load.awaiting += c.n;
    loads.set(c.villageCode, load);
  }
  const overdue = await overdueByVillage(
    db,
    counts.filter((c) => AWAITING_OPINION.includes(c.status)),
    now,
  );
  for (const [village, n] of overdue) loads.get(village)!.overdue = n;
  return [...loads.values()];
}

/** Reports received in each [start, end) window, counted per risk type (a report with two types counts in both). */
export async function riskTypesPerWindow(db: Db, areaCode: string | null, windows: Array<{ start: Date; end: Date }>): Promise<Array<Record<string, number>>> {
  const qb = reportsOfArea(db, areaCode).select("COUNT(*)", "total");
  const params: Record<string, unknown> = { from: windows[0].start, to: windows[windows.length - 1].end };
  windows.forEach((w, i) => {
    params[`ws${i}`] = w.start;
    params[`we${i}`] = w.end;
  });
  // the window index as one CASE, so one GROUP BY gives every week
  const windowCase = `CASE ${windows.map((_, i) => `WHEN r.receivedAt >= :ws${i} AND r.receivedAt < :we${i} THEN ${i}`).join(" ")} END`;
  qb.addSelect(windowCase, "w");
  RISK_TYPES.forEach((t, i) => {
    params[`risk${i}`] = `%,${t.code},%`;
    qb.addSelect(`SUM(CASE WHEN r.riskTypes LIKE :risk${i} THEN 1 ELSE 0 END)`, `n_${t.code}`);
  });
  const rows = await qb
    .andWhere("r.receivedAt >= :from AND r.receivedAt < :to")
    .andWhere("r.status <> :withdrawn", { withdrawn: "withdrawn" })
    .setParameters({ ...params, withdrawn: "withdrawn" })
    .groupBy("w")
    .getRawMany<Record<string, unknown>>();
  const result = windows.map(() => Object.fromEntries(RISK_TYPES.map((t) => [t.code, 0])) as Record<string, number>);
  for (const row of rows) {
    const w = row.w === null ? -1 : Number(row.w);
    if (!(w in result)) continue;
    for (const t of RISK_TYPES) result[w][t.code] = Number(row[`n_${t.code}`] ?? 0);
  }
  return result;
}

/**
 * Of the reports whose answer period ended in [from, to) (withdrawn ones aside), how many
 * got their handling opinion in time. Counting by the end of the period means every report
 * counted had its whole 5 days.
 */
export async function answeredInTime(db: Db, areaCode: string | null, from: Date, to: Date): Promise<{ due: number; inTime: number }> {
  const row = await reportsOfArea(db, areaCode)
    .select("COUNT(*)", "due")
    .addSelect("SUM(CASE WHEN r.opinionAt IS NOT NULL AND r.opinionAt <= r.dueAt THEN 1 ELSE 0 END)", "inTime")
    .andWhere("r.dueAt >= :from AND r.dueAt < :to", { from, to })
    .andWhere("r.status <> :withdrawn", { withdrawn: "withdrawn" })
    .getRawOne<{ due: unknown; inTime: unknown }>();
  return { due: Number(row?.due ?? 0), inTime: Number(row?.inTime ?? 0) };
}

/**
 * Per [start, end) window of deadlines: reports whose answer period ended then (and has ended)
 * without the handling opinion by its end — late or still unanswered. Withdrawn ones aside.
 */
export async function overduePerWindow(db: Db, areaCode: string | null, windows: Array<{ start: Date; end: Date }>, now: Date): Promise<number[]> {
  const params: Record<string, unknown> = { from: windows[0].start, to: windows[windows.length - 1].end, now, withdrawn: "withdrawn" };
  windows.forEach((w, i) => {
    params[`ws${i}`] = w.start;
    params[`we${i}`] = w.end;
  });
  const windowCase = `CASE ${windows.map((_, i) => `WHEN r.dueAt >= :ws${i} AND r.dueAt < :we${i} THEN ${i}`).join(" ")} END`;
  const rows = await reportsOfArea(db, areaCode)
    .select(windowCase, "w")
    .addSelect("SUM(CASE WHEN r.opinionAt IS NULL OR r.opinionAt > r.dueAt THEN 1 ELSE 0 END)", "overdue")
    .andWhere("r.dueAt >= :from AND r.dueAt < :to AND r.dueAt <= :now")
    .andWhere("r.status <> :withdrawn")
    .setParameters(params)
    .groupBy("w")
    .getRawMany<{ w: unknown; overdue: unknown }>();
  const result = windows.map(() => 0);
  for (const row of rows) {
    const w = row.w === null ? -1 : Number(row.w);
    if (w in result) result[w] = Number(row.overdue ?? 0);
  }
  return result;
}

/**
 * The area's reports proposed for monitoring whose identification clocks may end on or after
 * `since`: received since `receivedSince` (the 15 days), or decided by the county since
 * `decidedSince` (the 10 days after a decision, however late it came).
 */
export async function casesWithClocksSince(db: Db, areaCode: string | null, receivedSince: Date, decidedSince: string): Promise<Report[]> {
  return reportsOfArea(db, areaCode)
    .andWhere("r.opinionKind = :proposed", { proposed: "propose_monitoring" })
    .andWhere(
      `(r.receivedAt >= :receivedSince OR EXISTS (SELECT 1 FROM identification_step s WHERE s.report_id = r.id AND s.step = 'county_decision' AND s.day >= :decidedSince))`,
      { receivedSince, decidedSince },
    )
    .getMany();
}
