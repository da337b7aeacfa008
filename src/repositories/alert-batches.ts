import { randomUUID } from "node:crypto";
import type { DataSource, EntityManager } from "typeorm";
import { AlertBatchEntity, AlertBatchReportEntity, type AlertBatch } from "../db/entities/alert-batch.js";
import { ReportEntity } from "../db/entities/report.js";
import { insertRows } from "../db/insert-rows.js";
import type { OpinionKind } from "../domain/report/lifecycle.js";
import { areaRange } from "./reports.js";

type Db = DataSource | EntityManager;

/** The batch of this upload: the same file uploaded again by the same account is the same batch. */
export async function batchOfUpload(db: Db, b: Omit<AlertBatch, "id">): Promise<AlertBatch> {
  await insertRows(db, AlertBatchEntity, { id: randomUUID(), ...b }, { orIgnore: true });
  return db.getRepository(AlertBatchEntity).findOneByOrFail({ uploadedBy: b.uploadedBy, fileHash: b.fileHash });
}

/** Links the reports a batch's rows raised (again: nothing new). */
export async function linkBatchReports(db: Db, batchId: string, reportIds: readonly string[]): Promise<void> {
  const unique = [...new Set(reportIds)];
  if (unique.length)
    await insertRows(
      db,
      AlertBatchReportEntity,
      unique.map((reportId) => ({ batchId, reportId })),
      { orIgnore: true },
    );
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

/** The newest batches in scope with what became of their reports (结果反馈): counts only, nobody's details. */
export async function batchResults(db: Db, scope: BatchScope, limit = 50): Promise<BatchCounts[]> {
  const qb = db.getRepository(AlertBatchEntity).createQueryBuilder("b");
  if ("department" in scope) qb.where("b.department = :department", { department: scope.department });
  else if (scope.areaCode) {
    const [low, high] = areaRange(scope.areaCode);
    qb.where("b.areaCode BETWEEN :low AND :high", { low, high });
  }
  const batches = await qb.orderBy("b.uploadedAt", "DESC").addOrderBy("b.id", "ASC").take(limit).getMany();
  if (batches.length === 0) return [];
  const rows: Array<{ batchId: string; kind: OpinionKind | null; n: string | number; accepted: string | number; answered: string | number }> = await db
    .createQueryBuilder()
    .select("l.batchId", "batchId")
    .addSelect("r.opinionKind", "kind")
    .addSelect("COUNT(*)", "n")
    .addSelect("SUM(CASE WHEN r.acceptedAt IS NOT NULL OR r.opinionAt IS NOT NULL THEN 1 ELSE 0 END)", "accepted")
    .addSelect("SUM(CASE WHEN r.opinionAt IS NOT NULL THEN 1 ELSE 0 END)", "answered")
    .from(AlertBatchReportEntity, "l")
    .innerJoin(ReportEntity.options.name, "r", "r.id = l.reportId")
    .where("l.batchId IN (:...ids)", { ids: batches.map((b) => b.id) })
    .groupBy("l.batchId")
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
