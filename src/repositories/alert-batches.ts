import { randomUUID } from "node:crypto";
import type { DataSource, EntityManager } from "typeorm";
import { AlertBatchEntity, type AlertBatch } from "../db/entities/alert-batch.js";
import { AlertBatchRowEntity, type AlertBatchRow } from "../db/entities/alert-batch-row.js";
import { AreaEntity } from "../db/entities/area.js";
import { ReportEntity } from "../db/entities/report.js";
import { insertRows } from "../db/insert-rows.js";
import type { OpinionKind } from "../domain/report/lifecycle.js";
import { areaRange } from "./reports.js";

type Db = DataSource | EntityManager;

/** Who uploaded which file: the same file uploaded again by the same account is the same batch. */
export type BatchUpload = Pick<AlertBatch, "department" | "areaCode" | "uploadedBy" | "fileHash" | "fileName" | "uploadedAt">;

/** Opens the batch of this upload, or finds the one an earlier upload of the file began, and counts this commit of it. */
export async function openBatch(db: Db, upload: BatchUpload): Promise<AlertBatch> {
  await insertRows(
    db,
    AlertBatchEntity,
    { id: randomUUID(), ...upload, rowsTotal: 0, rowsCommitted: 0, commits: 0, checkedAt: null, finishedAt: null },
    { orIgnore: true },
  );
  const key = { uploadedBy: upload.uploadedBy, fileHash: upload.fileHash };
  await db.getRepository(AlertBatchEntity).increment(key, "commits", 1);
  return db.getRepository(AlertBatchEntity).findOneByOrFail(key);
}

/** Writes checked rows; a row an earlier commit of the same file wrote (and perhaps filed) stays as it is. */
export async function writeBatchRows(db: Db, rows: AlertBatchRow[]): Promise<void> {
  if (rows.length) await insertRows(db, AlertBatchRowEntity, rows, { orIgnore: true });
}

/** Marks every row of the batch written, and counts its good rows. */
export async function markBatchChecked(db: Db, batchId: string, at: Date): Promise<void> {
  const good = await db
    .getRepository(AlertBatchRowEntity)
    .createQueryBuilder("x")
    .where("x.batchId = :batchId AND x.outcome <> 'skipped'", { batchId })
    .getCount();
  await db
    .createQueryBuilder()
    .update(AlertBatchEntity)
    .set({ rowsTotal: good, checkedAt: at })
    .where("id = :batchId AND checked_at IS NULL", { batchId })
    .execute();
}

/** Forgets the rows of a batch whose file could not be read to the end (none of them filed), and the batch if nothing of it was filed. */
export async function discardUncheckedRows(db: Db, batchId: string): Promise<void> {
  await db.createQueryBuilder().delete().from(AlertBatchRowEntity).where("batch_id = :batchId AND outcome IN ('pending', 'skipped')", { batchId }).execute();
  await db.createQueryBuilder().delete().from(AlertBatchEntity).where("id = :batchId AND checked_at IS NULL AND rows_committed = 0", { batchId }).execute();
}

/** Moves the batch's count of filed rows from `from` to `to`; false when another commit moved it first. */
export async function moveBatchCommitted(db: Db, batchId: string, from: number, to: number): Promise<boolean> {
  const moved = await db.getRepository(AlertBatchEntity).update({ id: batchId, rowsCommitted: from }, { rowsCommitted: to });
  return Boolean(moved.affected);
}

/** The first `limit` rows of the batch still to be filed, in file order. */
export function pendingBatchRows(db: Db, batchId: string, limit: number): Promise<AlertBatchRow[]> {
  return db.getRepository(AlertBatchRowEntity).find({ where: { batchId, outcome: "pending" }, order: { rowNo: "ASC" }, take: limit });
}

/** A filed row: the report it filed or joined, in which village. */
export interface FiledRow {
  rowNo: number;
  outcome: "created" | "merged";
  reportId: string;
  villageCode: string;
}

/** Records which report each row filed or joined, and by which commit of the list; the sealed input is dropped. */
export async function recordFiledRows(db: Db, batchId: string, commitNo: number, rows: readonly FiledRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .createQueryBuilder()
    .insert()
    .into(AlertBatchRowEntity)
    .values(rows.map((r) => ({ batchId, commitNo, sealedInput: null, problems: null, ...r })))
    .orUpdate(["outcome", "report_id", "village_code", "commit_no", "sealed_input"], ["batch_id", "row_no"])
    .updateEntity(false)
    .execute();
}

/** Closes the batch: every chunk is filed. */
export async function finishBatch(db: Db, batchId: string, at: Date): Promise<void> {
  await db.getRepository(AlertBatchEntity).update({ id: batchId }, { finishedAt: at });
}

/** What one commit of a list did: rows it filed, rows an earlier commit had filed, rows refused by the check. */
export async function commitCounts(db: Db, batchId: string, commitNo: number) {
  const rows: Array<{ outcome: string; commitNo: string | number | null; n: string | number }> = await db
    .getRepository(AlertBatchRowEntity)
    .createQueryBuilder("x")
    .select("x.outcome", "outcome")
    .addSelect("x.commitNo", "commitNo")
    .addSelect("COUNT(*)", "n")
    .where("x.batchId = :batchId", { batchId })
    .groupBy("x.outcome")
    .addGroupBy("x.commitNo")
    .getRawMany();
  const sum = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).reduce((s, r) => s + Number(r.n), 0);
  const mine = (r: (typeof rows)[number]) => Number(r.commitNo) === commitNo;
  const filed = (r: (typeof rows)[number]) => r.outcome === "created" || r.outcome === "merged";
  return {
    created: sum((r) => r.outcome === "created" && mine(r)),
    alreadyThere: sum((r) => filed(r) && !mine(r)),
    merged: sum((r) => r.outcome === "merged" && mine(r)),
    skipped: sum((r) => r.outcome === "skipped"),
  };
}

/** A page of the batch's filed rows after row `afterRow`, in file order, with the report's number and the village's name. */
export async function filedRowPage(db: Db, batchId: string, afterRow: number, limit: number) {
  const rows: Array<{
    rowNo: string | number;
    outcome: "created" | "merged";
    commitNo: string | number;
    number: string | null;
    code: string;
    name: string | null;
  }> = await db
    .getRepository(AlertBatchRowEntity)
    .createQueryBuilder("x")
    .select("x.rowNo", "rowNo")
    .addSelect("x.outcome", "outcome")
    .addSelect("x.commitNo", "commitNo")
    .addSelect("r.number", "number")
    .addSelect("x.villageCode", "code")
    .addSelect("a.name", "name")
    .leftJoin(ReportEntity.options.name, "r", "r.id = x.reportId")
    .leftJoin(AreaEntity.options.name, "a", "a.code = x.villageCode")
    .where("x.batchId = :batchId AND x.rowNo > :afterRow AND x.reportId IS NOT NULL", { batchId, afterRow })
    .orderBy("x.rowNo", "ASC")
    .limit(limit)
    .getRawMany();
  return rows.map((r) => ({
    rowNo: Number(r.rowNo),
    outcome: r.outcome,
    commitNo: Number(r.commitNo),
    number: r.number ?? "",
    village: { code: r.code, name: r.name ?? "" },
  }));
}

/** A page of the batch's skipped rows after row `afterRow`, in file order. */
export function skippedRowPage(db: Db, batchId: string, afterRow: number, limit: number): Promise<AlertBatchRow[]> {
  return db
    .getRepository(AlertBatchRowEntity)
    .createQueryBuilder("x")
    .where("x.batchId = :batchId AND x.outcome = 'skipped' AND x.rowNo > :afterRow", { batchId, afterRow })
    .orderBy("x.rowNo", "ASC")
    .limit(limit)
    .getMany();
}

/** Whose batches to list: one department's, or every batch uploaded within an area (null: all). */
export type BatchScope = { department: string } | { areaCode: string | null };

export interface BatchCounts {
  batch: AlertBatch;
  reports: number;
  accepted: number;
  answered: number;
  byOpinion: Partial<Record<OpinionKind, number>>;
}

/**
 * The newest batches in scope that filed anything with what became of their reports (结果反馈):
 * counts of distinct reports (two rows of one household joined one report), nobody's details.
 */
export async function batchResults(db: Db, scope: BatchScope, limit = 50): Promise<BatchCounts[]> {
  const qb = db.getRepository(AlertBatchEntity).createQueryBuilder("b").where("(b.rowsCommitted > 0 OR b.finishedAt IS NOT NULL)");
  if ("department" in scope) qb.andWhere("b.department = :department", { department: scope.department });
  else if (scope.areaCode) {
    const [low, high] = areaRange(scope.areaCode);
    qb.andWhere("b.areaCode BETWEEN :low AND :high", { low, high });
  }
  const batches = await qb.orderBy("b.uploadedAt", "DESC").addOrderBy("b.id", "ASC").take(limit).getMany();
  if (batches.length === 0) return [];
  const rows: Array<{ batchId: string; kind: OpinionKind | null; n: string | number; accepted: string | number; answered: string | number }> = await db
    .createQueryBuilder()
    .select("x.batchId", "batchId")
    .addSelect("r.opinionKind", "kind")
    .addSelect("COUNT(DISTINCT r.id)", "n")
    .addSelect("COUNT(DISTINCT CASE WHEN r.acceptedAt IS NOT NULL OR r.opinionAt IS NOT NULL THEN r.id END)", "accepted")
    .addSelect("COUNT(DISTINCT CASE WHEN r.opinionAt IS NOT NULL THEN r.id END)", "answered")
    .from(AlertBatchRowEntity, "x")
    .innerJoin(ReportEntity.options.name, "r", "r.id = x.reportId")
    .where("x.batchId IN (:...ids)", { ids: batches.map((b) => b.id) })
    .groupBy("x.batchId")
    .addGroupBy("r.opinionKind")
    .getRawMany();
  return batches.map((batch) => {
    const mine = rows.filter((r) => r.batchId === batch.id);
    const byOpinion: Partial<Record<OpinionKind, number>> = {};
    for (const r of mine) if (r.kind) byOpinion[r.kind] = Number(r.n);
    const sum = (f: (r: (typeof mine)[number]) => string | number) => mine.reduce((s, r) => s + Number(f(r)), 0);
    return { batch, reports: sum((r) => r.n), accepted: sum((r) => r.accepted), answered: sum((r) => r.answered), byOpinion };
  });
}
