import type { DataSource, EntityManager } from "typeorm";
import { ReportEntity, type Report } from "../db/entities/report.js";
import { ReportQueueCountEntity, type ReportQueueCount } from "../db/entities/report-queue-count.js";
import type { ReportStatus } from "../domain/report/lifecycle.js";
import { overdueTestOf } from "../domain/report/queue-order.js";

type Db = DataSource | EntityManager;

/**
 * The per-village, per-status counters (report_queue_count). Every insert of a report and every
 * change of its status goes through countNewReports or setReportStatus, in the caller's
 * transaction, so the counters always equal COUNT(*) GROUP BY village, status.
 */

interface Delta {
  villageCode: string;
  status: ReportStatus;
  d: number;
}

async function adjustCounts(db: Db, deltas: Delta[]): Promise<void> {
  const sum = new Map<string, Delta>();
  for (const x of deltas) {
    const k = `${x.villageCode}|${x.status}`;
    const seen = sum.get(k);
    if (seen) seen.d += x.d;
    else sum.set(k, { ...x });
  }
  // one order for every transaction, so two moves in one village never wait on each other crosswise
  const ordered = [...sum.entries()].filter(([, x]) => x.d !== 0).sort(([a], [b]) => (a < b ? -1 : 1));
  if (ordered.length === 0) return;
  for (const [, { d }] of ordered) if (!Number.isSafeInteger(d)) throw new Error(`counter step ${d} is not an integer`);
  // one statement however many villages a move or a chunk of an alert list touches: a village's first
  // report of a status makes its row, every later one adds to it (the upsert is each engine's own words)
  const rows = ordered.map(() => "(?, ?, ?)").join(", ");
  const upsert =
    ("connection" in db ? db.connection : db).options.type === "better-sqlite3"
      ? "ON CONFLICT (village_code, status) DO UPDATE SET n = n + excluded.n"
      : "ON DUPLICATE KEY UPDATE n = n + VALUES(n)";
  await db.query(
    `INSERT INTO report_queue_count (village_code, status, n) VALUES ${rows} ${upsert}`,
    ordered.flatMap(([, x]) => [x.villageCode, x.status, x.d]),
  );
}

/** Counts reports just inserted (a single intake, or many rows of one multi-row insert). */
export const countNewReports = (db: Db, rows: ReadonlyArray<Pick<Report, "villageCode" | "status">>) =>
  adjustCounts(
    db,
    rows.map((r) => ({ villageCode: r.villageCode, status: r.status, d: 1 })),
  );

/**
 * The one way a report's status changes: a compare-and-set on the status it had (two people
 * tapping at once cannot both move it) with the rest of the move's fields, and the counters.
 * Returns false when someone else moved it first.
 */
export async function setReportStatus(
  tx: EntityManager,
  report: Pick<Report, "id" | "villageCode" | "status">,
  to: ReportStatus,
  patch: Partial<Report> = {},
): Promise<boolean> {
  const result = await tx
    .createQueryBuilder()
    .update(ReportEntity)
    .set({ ...patch, status: to })
    .where("id = :id AND status = :from", { id: report.id, from: report.status })
    .execute();
  if (!result.affected) return false;
  await adjustCounts(tx, [
    { villageCode: report.villageCode, status: report.status, d: -1 },
    { villageCode: report.villageCode, status: to, d: 1 },
  ]);
  return true;
}

/** The non-zero counters of a village, or of the villages whose codes lie in [low, high]; of some statuses. */
export async function queueCounts(
  db: Db,
  f: { villageCode?: string; range?: [string, string] | null; statuses?: readonly ReportStatus[] },
): Promise<ReportQueueCount[]> {
  const qb = db.getRepository(ReportQueueCountEntity).createQueryBuilder("c").where("c.n > 0");
  if (f.villageCode) qb.andWhere("c.villageCode = :village", { village: f.villageCode });
  if (f.range) qb.andWhere("c.villageCode BETWEEN :low AND :high", { low: f.range[0], high: f.range[1] });
  if (f.statuses) qb.andWhere("c.status IN (:...statuses)", { statuses: f.statuses.length ? f.statuses : ["-"] });
  const rows = await qb.orderBy("c.villageCode").addOrderBy("c.status").getMany();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** Villages per statement of an overdue count (each village × status is one index range). */
const VILLAGES_PER_COUNT = 500;

/**
 * Overdue reports per village among the given (village, status) pairs, by the test of
 * queue-order.ts: for a status still waiting for its opinion a range count on
 * idx_report_queue (village, status, due_at <= now), reading only the overdue entries;
 * for any other status the reports marked overdue.
 */
export async function overdueByVillage(
  db: Db,
  pairs: ReadonlyArray<Pick<ReportQueueCount, "villageCode" | "status">>,
  now: Date,
): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  for (const test of ["deadline_passed", "marked"] as const) {
    const mine = pairs.filter((p) => overdueTestOf(p.status) === test);
    const statuses = [...new Set(mine.map((p) => p.status))];
    const villages = [...new Set(mine.map((p) => p.villageCode))];
    for (let i = 0; i < villages.length; i += VILLAGES_PER_COUNT) {
      const rows: Array<{ villageCode: string; n: unknown }> = await db
        .getRepository(ReportEntity)
        .createQueryBuilder("r")
        .select("r.villageCode", "villageCode")
        .addSelect("COUNT(*)", "n")
        .where("r.villageCode IN (:...villages)", { villages: villages.slice(i, i + VILLAGES_PER_COUNT) })
        .andWhere("r.status IN (:...statuses)", { statuses })
        .andWhere(test === "deadline_passed" ? "r.dueAt <= :now" : "r.overdueAt IS NOT NULL", { now })
        .groupBy("r.villageCode")
        .getRawMany();
      for (const r of rows) result.set(r.villageCode, (result.get(r.villageCode) ?? 0) + Number(r.n));
    }
  }
  return result;
}

/** How many of the given (village, status) pairs' reports are overdue now. */
export async function countOverdue(db: Db, pairs: ReadonlyArray<Pick<ReportQueueCount, "villageCode" | "status">>, now: Date): Promise<number> {
  return [...(await overdueByVillage(db, pairs, now)).values()].reduce((a, b) => a + b, 0);
}

/** Counts every report again (the migration's backfill; a bench after its bulk load). */
export async function rebuildQueueCounts(db: Db): Promise<void> {
  await db.createQueryBuilder().delete().from(ReportQueueCountEntity).execute();
  await db.query("INSERT INTO report_queue_count (village_code, status, n) SELECT village_code, status, COUNT(*) FROM report GROUP BY village_code, status");
}

/** COUNT(*) GROUP BY village, status, as the counters should read (tests compare the two). */
export async function countedByGroup(db: Db): Promise<ReportQueueCount[]> {
  const rows: Array<{ villageCode: string; status: ReportStatus; n: unknown }> = await db
    .getRepository(ReportEntity)
    .createQueryBuilder("r")
    .select("r.villageCode", "villageCode")
    .addSelect("r.status", "status")
    .addSelect("COUNT(*)", "n")
    .groupBy("r.villageCode")
    .addGroupBy("r.status")
    .orderBy("r.villageCode")
    .addOrderBy("r.status")
    .getRawMany();
  return rows.map((r) => ({ villageCode: r.villageCode, status: r.status, n: Number(r.n) }));
}
