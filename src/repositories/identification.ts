import type { EntityManager } from "typeorm";
import {
  ClearanceStepEntity,
  IdentificationStepEntity,
  MonitoredHouseholdEntity,
  type ClearanceStepRow,
  type IdentificationStepRow,
  type MonitoredHousehold,
} from "../db/entities/identification.js";
import { insertRows } from "../db/insert-rows.js";
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

/** The steps of many reports at once (a register page), by report id. */
export async function identificationStepsOf(tx: EntityManager, reportIds: readonly string[]): Promise<Map<string, IdentificationRecord[]>> {
  const byReport = new Map<string, IdentificationRecord[]>(reportIds.map((id) => [id, []]));
  if (reportIds.length === 0) return byReport;
  const rows = await tx
    .getRepository(IdentificationStepEntity)
    .createQueryBuilder("s")
    .where("s.reportId IN (:...ids)", { ids: reportIds })
    .orderBy("s.id", "ASC")
    .getMany();
  for (const row of rows) byReport.get(row.reportId)?.push(recordOf<IdentificationRecord>(row));
  return byReport;
}

/** Whether a county's townships do the first review (default yes; the column has no entity field yet). */
export async function townshipReviewOf(tx: EntityManager, countyCode: string): Promise<boolean> {
  const rows: Array<{ township_review: unknown }> = await tx.query("SELECT township_review FROM county_setting WHERE county_code = ?", [countyCode]);
  return rows.length === 0 ? true : Boolean(Number(rows[0]!.township_review));
}

export async function setTownshipReview(tx: EntityManager, countyCode: string, townshipReview: boolean): Promise<void> {
  const exists = (await tx.query("SELECT county_code FROM county_setting WHERE county_code = ?", [countyCode])).length > 0;
  if (exists) await tx.query("UPDATE county_setting SET township_review = ? WHERE county_code = ?", [townshipReview ? 1 : 0, countyCode]);
  else
    await tx.query("INSERT INTO county_setting (county_code, deadline_rule, township_review) VALUES (?, 'statutory', ?)", [countyCode, townshipReview ? 1 : 0]);
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
