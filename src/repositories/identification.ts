import { CountySettingEntity } from "../db/entities/county-setting.js";
import { DEFAULT_NOTICE_TIME } from "../domain/notice-hours.js";
import type { DataSource, EntityManager } from "typeorm";
import {
  ClearanceStepEntity,
  IdentificationStepEntity,
  MonitoredHouseholdEntity,
  type ClearanceStepRow,
  type IdentificationStepRow,
  type MonitoredHousehold,
} from "../db/entities/identification.js";
import { insertRows } from "../db/insert-rows.js";
import { ReportEntity, type Report } from "../db/entities/report.js";
import type { ClearanceRecord } from "../domain/clearance/steps.js";
import type { IdentificationRecord } from "../domain/identification/steps.js";
import { areaRange } from "./reports.js";

/** Who recorded a step, and when (the clock's instant, not the step's own day). */
export interface RecordedBy {
  recordedBy: string;
  recordedRole: string;
  recordedAt: Date;
}

/** A step as stored: its day and step in columns, the other fields as JSON. */
function storedFields(record: { step: string; date: string }): { step: string; day: string; fields: string } {
  const { step, date, ...fields } = record;
  return { step, day: date, fields: JSON.stringify(fields) };
}

const recordOf = <R>(row: { step: string; day: string; fields: string }): R => ({ ...JSON.parse(row.fields), step: row.step, date: row.day }) as R;

export async function insertIdentificationStep(tx: EntityManager, reportId: string, record: IdentificationRecord, by: RecordedBy): Promise<void> {
  const onceKey = record.step === "notice_objection" ? null : `${reportId}:${record.step}`;
  await insertRows(tx, IdentificationStepEntity, { reportId, ...storedFields(record), ...by, onceKey } as IdentificationStepRow);
}

/** Locks the report's row until the transaction ends (MySQL; SQLite has one writer at a time), so steps are checked against what is there. */
export async function lockReport(tx: EntityManager, reportId: string): Promise<void> {
  if (tx.connection.options.type !== "better-sqlite3") await tx.query("SELECT id FROM report WHERE id = ? FOR UPDATE", [reportId]);
}

/** A report's identification steps in the order they were recorded. */
export async function identificationSteps(tx: EntityManager, reportId: string): Promise<Array<IdentificationRecord & RecordedBy>> {
  const rows = await tx.getRepository(IdentificationStepEntity).find({ where: { reportId }, order: { id: "ASC" } });
  return rows.map((row) => ({
    ...recordOf<IdentificationRecord>(row),
    recordedBy: row.recordedBy,
    recordedRole: row.recordedRole,
    recordedAt: row.recordedAt,
  }));
}

/** Stores when a case is next due for a reminder or escalation (null: none will be), in the caller's transaction. */
export async function setNextReminderAt(tx: EntityManager, reportId: string, at: Date | null): Promise<void> {
  await tx.getRepository(ReportEntity).update({ id: reportId }, { nextReminderAt: at });
}

/** Where a sweep's keyset stands: the last case it read. */
export interface ReminderCursor {
  at: Date;
  id: string;
}

/**
 * One batch of the cases whose next reminder is due at `now`, in (next_reminder_at, id) order
 * after the cursor — by the index on those columns, so a case whose clock is far away is
 * never read, however many cases are open.
 */
export function casesWithReminderDue(
  db: DataSource | EntityManager,
  now: Date,
  after: ReminderCursor | null,
  limit: number,
  villages?: [string, string],
): Promise<Report[]> {
  const q = db.getRepository(ReportEntity).createQueryBuilder("r").select(["r.id", "r.nextReminderAt"]).where("r.nextReminderAt <= :now", { now });
  // one county's villages (the cron's leased county), when given
  if (villages) q.andWhere("r.villageCode BETWEEN :low AND :high", { low: villages[0], high: villages[1] });
  if (after) q.andWhere("(r.nextReminderAt > :at OR (r.nextReminderAt = :at AND r.id > :id))", after);
  return q.orderBy("r.nextReminderAt", "ASC").addOrderBy("r.id", "ASC").limit(limit).getMany();
}

/**
 * Marks the area's cases proposed for monitoring due at `at`, so the sweep recomputes their
 * clocks then: a new holiday arrangement or deadline rule moves their ends (null area: all).
 */
export async function rescheduleIdentificationReminders(tx: EntityManager, at: Date, areaCode: string | null): Promise<void> {
  const q = tx.createQueryBuilder().update(ReportEntity).set({ nextReminderAt: at }).where("opinion_kind = :proposed", { proposed: "propose_monitoring" });
  if (areaCode) {
    const [from, to] = areaRange(areaCode);
    q.andWhere("village_code BETWEEN :from AND :to", { from, to });
  }
  await q.execute();
}

/** Ids per IN list: SQLite refuses more than 32 766 variables in one statement, and a sweep may hold 100 k cases. */
const IDS_PER_QUERY = 1000;

/** The steps of many reports at once (a register page, a sweep), by report id, in recorded order. */
export async function identificationStepsOf(tx: EntityManager, reportIds: readonly string[]): Promise<Map<string, IdentificationRecord[]>> {
  const byReport = new Map<string, IdentificationRecord[]>(reportIds.map((id) => [id, []]));
  for (let i = 0; i < reportIds.length; i += IDS_PER_QUERY) {
    const rows = await tx
      .getRepository(IdentificationStepEntity)
      .createQueryBuilder("s")
      .where("s.reportId IN (:...ids)", { ids: reportIds.slice(i, i + IDS_PER_QUERY) })
      .orderBy("s.id", "ASC")
      .getMany();
    for (const row of rows) byReport.get(row.reportId)?.push(recordOf<IdentificationRecord>(row));
  }
  return byReport;
}

/**
 * The area's reports proposed for monitoring whose path is still open: not ended by a refusal,
 * a disagreeing review, an upheld objection or a rejection, and not both entered and planned.
 * The stored fields are JSON.stringify's, so their text is fixed and LIKE reads them on both engines.
 */
export async function openCaseReports(tx: EntityManager, areaCode: string | null): Promise<Report[]> {
  const q = tx
    .getRepository(ReportEntity)
    .createQueryBuilder("r")
    .where("r.opinionKind = :proposed", { proposed: "propose_monitoring" })
    .andWhere(
      `NOT EXISTS (SELECT 1 FROM identification_step e WHERE e.report_id = r.id AND (
        (e.step = 'consent' AND e.fields LIKE '%"signed":false%')
        OR e.fields LIKE '%"result":"disagree"%' OR e.fields LIKE '%"result":"objection_upheld"%' OR e.fields LIKE '%"result":"rejected"%'))`,
    )
    .andWhere(
      `(NOT EXISTS (SELECT 1 FROM identification_step d WHERE d.report_id = r.id AND d.step = 'system_entry')
        OR NOT EXISTS (SELECT 1 FROM identification_step p WHERE p.report_id = r.id AND p.step = 'plan'))`,
    );
  if (areaCode) {
    const [from, to] = areaRange(areaCode);
    q.andWhere("r.villageCode BETWEEN :from AND :to", { from, to });
  }
  return q.orderBy("r.receivedAt", "ASC").getMany();
}

/** Whether a county's townships do the first review (default yes). */
export async function townshipReviewOf(tx: EntityManager, countyCode: string): Promise<boolean> {
  const row = await tx.getRepository(CountySettingEntity).findOneBy({ countyCode });
  return row?.townshipReview ?? true;
}

export async function setTownshipReview(tx: EntityManager, countyCode: string, townshipReview: boolean): Promise<void> {
  const repo = tx.getRepository(CountySettingEntity);
  const existing = await repo.findOneBy({ countyCode });
  await repo.save({ countyCode, deadlineRule: existing?.deadlineRule ?? "statutory", noticeTime: existing?.noticeTime ?? DEFAULT_NOTICE_TIME, townshipReview });
}

export async function insertMonitoredHousehold(tx: EntityManager, row: Omit<MonitoredHousehold, "id">): Promise<void> {
  await insertRows(tx, MonitoredHouseholdEntity, row as MonitoredHousehold);
}

/** The household's register entry while it is monitored. */
export const monitoredNow = (tx: EntityManager, householdId: string) => tx.getRepository(MonitoredHouseholdEntity).findOneBy({ openKey: householdId });

export const monitoredOfReport = (tx: EntityManager, reportId: string) => tx.getRepository(MonitoredHouseholdEntity).findOneBy({ reportId });

/** The household's latest register entry, monitored or cleared. */
export const latestMonitored = (tx: EntityManager, householdId: string) =>
  tx.getRepository(MonitoredHouseholdEntity).findOne({ where: { householdId }, order: { id: "DESC" } });

export const updateMonitored = (tx: EntityManager, id: number, patch: Partial<MonitoredHousehold>) =>
  tx.getRepository(MonitoredHouseholdEntity).update({ id }, patch);

export interface RegisterFilter {
  /** The county every query leads with (its index's first column); null only for an admin across counties. */
  countyCode: string | null;
  /** The asker's area (a township or village narrows the county); null: the whole county. */
  areaCode: string | null;
  status: MonitoredHousehold["status"];
  villageCode?: string;
  /** "identifiedOn~id" of the last row of the previous page. */
  after?: string;
  pageSize: number;
}

/** A cursor for the row after which the next page starts. */
export const registerCursor = (row: MonitoredHousehold): string => `${row.identifiedOn}~${row.id}`;

/**
 * One page of the register, newest identification first, by keyset (no OFFSET: a page deep
 * in 100 k households costs what the first does). Returns the page and the next cursor.
 */
export async function registerPage(tx: EntityManager, f: RegisterFilter): Promise<{ items: MonitoredHousehold[]; next: string | null }> {
  const q = tx.getRepository(MonitoredHouseholdEntity).createQueryBuilder("m");
  if (f.countyCode) q.where("m.countyCode = :county", { county: f.countyCode });
  q.andWhere("m.status = :status", { status: f.status });
  if (f.areaCode) {
    const [from, to] = areaRange(f.areaCode);
    q.andWhere("m.villageCode BETWEEN :from AND :to", { from, to });
  }
  if (f.villageCode) q.andWhere("m.villageCode = :village", { village: f.villageCode });
  const cursor = f.after?.match(/^(\d{4}-\d{2}-\d{2})~(\d+)$/);
  if (cursor) q.andWhere("(m.identifiedOn < :day OR (m.identifiedOn = :day AND m.id < :id))", { day: cursor[1], id: Number(cursor[2]) });
  const rows = await q
    .orderBy("m.identifiedOn", "DESC")
    .addOrderBy("m.id", "DESC")
    .take(f.pageSize + 1)
    .getMany();
  const items = rows.slice(0, f.pageSize);
  return { items, next: rows.length > f.pageSize ? registerCursor(items[items.length - 1]!) : null };
}

export async function insertClearanceStep(
  tx: EntityManager,
  at: { monitoredId: number; householdId: string; attempt: number },
  record: ClearanceRecord,
  by: RecordedBy,
): Promise<void> {
  const onceKey = record.step === "notice_objection" ? null : `${at.monitoredId}:${at.attempt}:${record.step}`;
  await insertRows(tx, ClearanceStepEntity, { ...at, ...storedFields(record), ...by, onceKey } as ClearanceStepRow);
}

/** The latest clearance attempt of a register entry (0 when none began) and its steps. */
export async function currentClearance(tx: EntityManager, monitoredId: number): Promise<{ attempt: number; steps: ClearanceRecord[] }> {
  const rows = await tx.getRepository(ClearanceStepEntity).find({ where: { monitoredId }, order: { id: "ASC" } });
  const attempt = rows.reduce((max, r) => Math.max(max, r.attempt), 0);
  return { attempt, steps: rows.filter((r) => r.attempt === attempt).map((r) => recordOf<ClearanceRecord>(r)) };
}
