import { In, type DataSource, type EntityManager } from "typeorm";
import { AccountEntity, type Account } from "../db/entities/account.js";
import { AlertBatchEntity } from "../db/entities/alert-batch.js";
import { AlertBatchRowEntity } from "../db/entities/alert-batch-row.js";
import { CountySettingEntity } from "../db/entities/county-setting.js";
import { HouseholdEntity, type Household } from "../db/entities/household.js";
import { ReportEntity, type Report } from "../db/entities/report.js";
import { ReportEventEntity, type ReportEvent } from "../db/entities/report-event.js";
import { ReportLeadEntity, type ReportLead } from "../db/entities/report-lead.js";
import { areaPrefix } from "../domain/area-code.js";
import { headNameKey, matchOf, type HouseholdIdentity } from "../domain/household/identity.js";
import type { DeadlineBasis, DeadlineRule } from "../domain/report/clock.js";
import { AWAITING_OPINION, REPORT_STATUSES } from "../domain/report/lifecycle.js";
import { compareQueueKeys, overdueTestOf, queueGroup, type QueueCursor } from "../domain/report/queue-order.js";
import { countOverdue, queueCounts } from "./report-queue.js";
import { OVERDUE_SPEC } from "../domain/report/overdue.js";
import type { ReportStatus } from "../domain/report/lifecycle.js";
import { insertRows } from "../db/insert-rows.js";
import { engineOf } from "../db/data-source.js";
import type { Role } from "../domain/roles.js";
import type { DepartmentLane } from "../domain/report/visibility.js";

type Db = DataSource | EntityManager;

export const findReport = (db: Db, id: string) => db.getRepository(ReportEntity).findOneBy({ id });

/** Which of these report numbers are taken already, in one query. */
export async function takenReportNumbers(db: Db, numbers: readonly string[]): Promise<Set<string>> {
  if (numbers.length === 0) return new Set();
  const rows = await db.getRepository(ReportEntity).find({ select: { number: true }, where: { number: In([...numbers]) } });
  return new Set(rows.map((r) => r.number));
}

/**
 * The one place a report row is written: new reports, in one statement. Anything that must
 * move with every new report (a count, a mirror) belongs here.
 */
export async function insertReports(db: Db, reports: readonly Report[]): Promise<void> {
  await insertRows(db, ReportEntity, [...reports]);
}

export const insertReport = (db: Db, r: Report) => insertReports(db, [r]);

/** Reports whose risk types grew (a lead joined them), with their new risk types: one statement per distinct new value. */
export async function updateRiskTypes(db: Db, reports: ReadonlyArray<Pick<Report, "id" | "riskTypes">>, updatedAt: Date): Promise<void> {
  const idsByRisks = new Map<string, string[]>();
  for (const r of reports) idsByRisks.set(r.riskTypes, [...(idsByRisks.get(r.riskTypes) ?? []), r.id]);
  for (const [riskTypes, ids] of idsByRisks) await db.getRepository(ReportEntity).update({ id: In(ids) }, { riskTypes, updatedAt });
}

/** New households, in one statement. */
export async function insertHouseholds(db: Db, households: readonly Household[]): Promise<void> {
  await insertRows(db, HouseholdEntity, [...households]);
}
export const updateReport = (db: Db, id: string, patch: Partial<Report>) => db.getRepository(ReportEntity).update({ id }, patch);
export const insertReportLead = (db: Db, l: Omit<ReportLead, "id">) => insertReportLeads(db, [l]);

/** Leads (who told us what), in one statement. */
export async function insertReportLeads(db: Db, leads: ReadonlyArray<Omit<ReportLead, "id">>): Promise<void> {
  await insertRows(db, ReportLeadEntity, leads as ReportLead[]);
}

export async function insertReportEvent(db: Db, e: Omit<ReportEvent, "id">): Promise<void> {
  await insertReportEvents(db, [e]);
}

/** Timeline events, in order, in one statement. */
export async function insertReportEvents(db: Db, events: ReadonlyArray<Omit<ReportEvent, "id">>): Promise<void> {
  await insertRows(db, ReportEventEntity, events as ReportEvent[]);
}

export const reportEvents = (db: Db, reportId: string) => db.getRepository(ReportEventEntity).find({ where: { reportId }, order: { id: "ASC" } });

export const reportLeads = (db: Db, reportId: string) => db.getRepository(ReportLeadEntity).find({ where: { reportId }, order: { id: "ASC" } });

/** The household of a village the one rule names (domain/household/identity.ts): same ID number, else same head's name and phone. */
export async function findHouseholdInVillage(db: Db, villageCode: string, identity: HouseholdIdentity) {
  return pickHousehold(await householdsMatching(db, [{ villageCode, identity }]), villageCode, identity);
}

/**
 * Every household that any of these lookups could name (same village and same ID number, or
 * same village and same phone), oldest first, in one query; `pickHousehold` then applies the
 * rule to each lookup.
 */
export async function householdsMatching(db: Db, lookups: ReadonlyArray<{ villageCode: string; identity: HouseholdIdentity }>): Promise<Household[]> {
  return (await householdsAndOpenReports(db, lookups, false)).households;
}

/**
 * `householdsMatching`, and with `withOpen` the open report of each household found (at most one:
 * its open key is unique), in the same query.
 */
export async function householdsAndOpenReports(
  db: Db,
  lookups: ReadonlyArray<{ villageCode: string; identity: HouseholdIdentity }>,
  withOpen = true,
): Promise<{ households: Household[]; openReports: Report[] }> {
  const pairs = new Map<string, { column: "idNumberHash" | "phoneHash"; villageCode: string; hash: string }>();
  for (const { villageCode, identity } of lookups) {
    const match = matchOf(identity);
    if (match.idHash) pairs.set(`i:${villageCode}:${match.idHash}`, { column: "idNumberHash", villageCode, hash: match.idHash });
    if (match.namePhone) pairs.set(`p:${villageCode}:${match.namePhone.phoneHash}`, { column: "phoneHash", villageCode, hash: match.namePhone.phoneHash });
  }
  if (pairs.size === 0) return { households: [], openReports: [] };
  const qb = db.getRepository(HouseholdEntity).createQueryBuilder("h");
  // the open key is `${villageCode}:${householdId}`; SQLite has no CONCAT before 3.44
  const openKey =
    engineOf(("manager" in db ? db : db.connection) as DataSource) === "sqlite" ? "h.villageCode || ':' || h.id" : "CONCAT(h.villageCode, ':', h.id)";
  if (withOpen) qb.leftJoinAndMapOne("h.openReport", ReportEntity.options.name, "r", `r.openKey = ${openKey}`);
  const params: Record<string, string> = {};
  const terms = [...pairs.values()].map((p, i) => {
    params[`v${i}`] = p.villageCode;
    params[`k${i}`] = p.hash;
    return `(h.villageCode = :v${i} AND h.${p.column} = :k${i})`;
  });
  const found = (await qb
    .where(`(${terms.join(" OR ")})`, params)
    .orderBy("h.createdAt", "ASC")
    .getMany()) as Array<Household & { openReport?: Report | null }>;
  return {
    households: found.map(({ openReport: _open, ...h }) => h),
    openReports: found.flatMap((h) => (h.openReport ? [h.openReport] : [])),
  };
}

/**
 * The rule's answer among candidate households (oldest first): the village's household with the
 * same ID number, else the one among the first 20 with the same phone whose head's name is the same.
 */
export function pickHousehold(candidates: readonly Household[], villageCode: string, identity: HouseholdIdentity): Household | null {
  const match = matchOf(identity);
  const inVillage = candidates.filter((h) => h.villageCode === villageCode);
  if (match.idHash) {
    const byId = inVillage.find((h) => h.idNumberHash === match.idHash);
    if (byId) return byId;
  }
  if (!match.namePhone) return null;
  const samePhone = inVillage.filter((h) => h.phoneHash === match.namePhone!.phoneHash).slice(0, 20);
  return samePhone.find((h) => headNameKey(h.headName) === match.namePhone!.headName) ?? null;
}

/** The codes from … to that lie within an area, for index-friendly range queries. */
export function areaRange(areaCode: string): [string, string] {
  const p = areaPrefix(areaCode);
  return [p.padEnd(12, "0"), p.padEnd(12, "9")];
}

export interface QueueFilter {
  areaCode: string | null; // null: everything (admin)
  /** A department's lane (departmentLane in visibility.ts): only its alerts' reports, those it filed and those transferred to it. */
  department?: DepartmentLane | null;
  villageCode?: string;
  statuses?: readonly ReportStatus[];
  overdue?: boolean;
  riskType?: string;
  receivedFrom?: Date;
  receivedTo?: Date;
  now: Date;
}

/** The reports a department's own alert lists raised. */
const RAISED_BY_LANE = "SELECT l.report_id FROM alert_batch_row l INNER JOIN alert_batch b ON b.id = l.batch_id WHERE b.department = :lane";

/** The departments whose alert lists raised a report (what the lane rule reads of it). */
export async function departmentsThatRaised(db: Db, reportId: string): Promise<string[]> {
  const rows: Array<{ department: string }> = await db
    .createQueryBuilder()
    .select("DISTINCT b.department", "department")
    .from(AlertBatchRowEntity, "l")
    .innerJoin(AlertBatchEntity.options.name, "b", "b.id = l.batchId")
    .where("l.reportId = :reportId AND b.department IS NOT NULL", { reportId })
    .getRawMany();
  return rows.map((r) => r.department);
}

/** Where a page starts: after a cursor, or (page numbers, for older callers) after skipping rows. */
export interface QueueSpan {
  after?: QueueCursor | null;
  skip?: number;
  size: number;
}

export interface QueuePage {
  items: Report[];
  /** Exact, from the counters (and an indexed range count for overdue); null when a filter the counters do not know narrows the list. */
  total: number | null;
  /** The last item's place when more follow, else null. */
  next: QueueCursor | null;
}

/** Streams read in one statement (SQLite allows 500 terms of a UNION). */
const STREAMS_PER_QUERY = 100;

const dataSourceOf = (db: Db): DataSource => ("connection" in db ? db.connection : db);

/** The conditions of a filter on one status's stream, in column names (the streams are plain SQL). */
function streamConditions(f: QueueFilter, status: ReportStatus): string[] {
  const conds: string[] = [];
  if (f.department) conds.push(`(r.transferred_to = :lane OR r.reporter_account_id = :laneAccount OR r.id IN (${RAISED_BY_LANE}))`);
  if (f.riskType) conds.push("r.risk_types LIKE :risk");
  if (f.receivedFrom) conds.push("r.received_at >= :from");
  if (f.receivedTo) conds.push("r.received_at < :to");
  if (f.overdue !== undefined) {
    const byDeadline = overdueTestOf(status) === "deadline_passed";
    if (f.overdue) conds.push(byDeadline ? "r.due_at <= :now" : "r.overdue_at IS NOT NULL");
    else conds.push(byDeadline ? "r.due_at > :now" : "r.overdue_at IS NULL");
  }
  return conds;
}

/** Whether the counters alone (and an overdue range count) give the list's total. */
const countersKnow = (f: QueueFilter) => !f.department && !f.riskType && !f.receivedFrom && !f.receivedTo;

/**
 * One page of a queue (queue-order.ts: still waiting for the opinion first, then soonest deadline
 * first, the id breaking ties), by keyset: the counters name the villages and statuses that have
 * reports, each (village, status) is read from idx_report_queue after the cursor, at most a page
 * and one of each, merged, and the page's rows loaded by id. The cost follows the page size and
 * the number of villages in the area, never the number of reports.
 */
export async function queuePage(db: Db, f: QueueFilter, span: QueueSpan): Promise<QueuePage> {
  const statuses = f.statuses?.length ? f.statuses : REPORT_STATUSES;
  const counts = await queueCounts(db, { villageCode: f.villageCode, range: f.areaCode ? areaRange(f.areaCode) : null, statuses });
  const after = span.after ?? null;
  const streams = counts.filter((c) => !after || queueGroup(c.status) >= after.g);
  const skip = span.skip ?? 0;
  const take = skip + span.size + 1;
  const ds = dataSourceOf(db);
  const dueColumn = ds.getMetadata(ReportEntity).findColumnWithPropertyName("dueAt")!;
  const shared: Record<string, unknown> = {
    now: f.now,
    lane: f.department?.department,
    laneAccount: f.department?.accountId,
    risk: f.riskType ? `%,${f.riskType},%` : undefined,
    from: f.receivedFrom,
    to: f.receivedTo,
    afterDue: after ? new Date(after.d) : undefined,
    afterId: after?.i,
  };
  const keys: QueueCursor[] = [];
  for (let i = 0; i < streams.length; i += STREAMS_PER_QUERY) {
    const params: Record<string, unknown> = { ...shared };
    const parts = streams.slice(i, i + STREAMS_PER_QUERY).map((s, k) => {
      params[`v${k}`] = s.villageCode;
      params[`s${k}`] = s.status;
      const conds = [`r.village_code = :v${k}`, `r.status = :s${k}`, ...streamConditions(f, s.status)];
      if (after && queueGroup(s.status) === after.g) conds.push("(r.due_at > :afterDue OR (r.due_at = :afterDue AND r.id > :afterId))");
      return `SELECT * FROM (SELECT r.id AS id, r.status AS status, r.due_at AS due_at FROM report r WHERE ${conds.join(" AND ")} ORDER BY r.due_at, r.id LIMIT ${take}) q${k}`;
    });
    const [sql, values] = ds.driver.escapeQueryWithParameters(parts.join(" UNION ALL "), params);
    const rows: Array<{ id: string; status: ReportStatus; due_at: unknown }> = await db.query(sql, values);
    for (const row of rows) keys.push({ g: queueGroup(row.status), d: (ds.driver.prepareHydratedValue(row.due_at, dueColumn) as Date).getTime(), i: row.id });
  }
  keys.sort(compareQueueKeys);
  const window = keys.slice(skip, take);
  const pageKeys = window.slice(0, span.size);
  const loaded = pageKeys.length ? await db.getRepository(ReportEntity).findBy({ id: In(pageKeys.map((k) => k.i)) }) : [];
  const byId = new Map(loaded.map((r) => [r.id, r]));
  const items = pageKeys.map((k) => byId.get(k.i)).filter((r): r is Report => r !== undefined);
  const next = window.length > span.size ? pageKeys[pageKeys.length - 1] : null;
  let total: number | null = null;
  if (countersKnow(f)) {
    const all = counts.reduce((sum, c) => sum + c.n, 0);
    total = f.overdue === undefined ? all : f.overdue ? await countOverdue(db, counts, f.now) : all - (await countOverdue(db, counts, f.now));
  }
  return { items, total, next };
}

/** Reports of a household, or that an account submitted or added a lead to, newest first. */
export async function reportsOfHouseholdOrReporter(db: Db, householdId: string | null, accountId: string): Promise<Report[]> {
  const qb = db
    .getRepository(ReportEntity)
    .createQueryBuilder("r")
    .where("r.reporterAccountId = :accountId", { accountId })
    .orWhere("r.id IN (SELECT l.report_id FROM report_lead l WHERE l.reporter_account_id = :accountId)", { accountId });
  if (householdId) qb.orWhere("r.householdId = :householdId", { householdId });
  return qb.orderBy("r.receivedAt", "DESC").take(50).getMany();
}

/** Reports whose deadline has passed without an opinion and that are not yet marked overdue. */
export function reportsFallingOverdue(db: Db, now: Date, limit: number, villages?: [string, string]) {
  const q = db
    .getRepository(ReportEntity)
    .createQueryBuilder("r")
    .where("r.opinionAt IS NULL")
    .andWhere("r.overdueAt IS NULL")
    .andWhere("r.dueAt <= :now", { now })
    .andWhere("r.status IN (:...waiting)", { waiting: OVERDUE_SPEC.awaiting });
  // one county's villages (the cron's leased county), when given
  if (villages) q.andWhere("r.villageCode BETWEEN :low AND :high", { low: villages[0], high: villages[1] });
  return q.orderBy("r.dueAt", "ASC").limit(limit).getMany();
}

/**
 * Open reports whose clock still runs (no opinion, not overdue) on the statutory rule, whose
 * deadline may change with a year's arrangement: whose clock started in a period, or of some bases.
 */
export const deadlinesToRevise = (db: Db, f: { receivedFrom?: Date; receivedTo?: Date; bases: readonly DeadlineBasis[] }) => {
  const qb = db
    .getRepository(ReportEntity)
    .createQueryBuilder("r")
    .where("r.opinionAt IS NULL AND r.overdueAt IS NULL")
    .andWhere("r.status IN (:...waiting)", { waiting: AWAITING_OPINION })
    .andWhere("r.deadlineBasis IN (:...bases)", { bases: f.bases });
  // the clock counts from the transfer once a report was transferred (clockStart in clock-holder.ts)
  if (f.receivedFrom) qb.andWhere("COALESCE(r.transferredAt, r.receivedAt) >= :from", { from: f.receivedFrom });
  if (f.receivedTo) qb.andWhere("COALESCE(r.transferredAt, r.receivedAt) < :to", { to: f.receivedTo });
  return qb.orderBy("r.receivedAt", "ASC").getMany();
};

/** Staff accounts of given roles scoped exactly to any of these areas (e.g. the cadres of several villages), in one query. */
export const staffOfAreas = (db: Db, areaCodes: readonly string[], roles: readonly Role[]): Promise<Account[]> =>
  areaCodes.length
    ? db
        .getRepository(AccountEntity)
        .createQueryBuilder("a")
        .where("a.areaCode IN (:...areaCodes)", { areaCodes: [...new Set(areaCodes)] })
        .andWhere("a.role IN (:...roles)", { roles })
        .andWhere("a.disabled = :disabled", { disabled: false })
        .getMany()
    : Promise.resolve([]);

/** Staff accounts of given roles scoped exactly to an area (e.g. the cadres of a village). */
export const staffOfArea = (db: Db, areaCode: string, roles: readonly Role[]) =>
  db
    .getRepository(AccountEntity)
    .createQueryBuilder("a")
    .where("a.areaCode = :areaCode", { areaCode })
    .andWhere("a.role IN (:...roles)", { roles })
    .andWhere("a.disabled = :disabled", { disabled: false })
    .getMany();

/** The accounts of one department in a county (department staff are scoped to their county). */
export const departmentStaff = (db: Db, countyCode: string, department: string) =>
  db
    .getRepository(AccountEntity)
    .createQueryBuilder("a")
    .where("a.areaCode = :countyCode AND a.role = :role AND a.department = :department", { countyCode, role: "department", department })
    .andWhere("a.disabled = :disabled", { disabled: false })
    .getMany();

export async function deadlineRuleOf(db: Db, countyCode: string): Promise<DeadlineRule> {
  const setting = await db.getRepository(CountySettingEntity).findOneBy({ countyCode });
  return setting?.deadlineRule ?? "statutory";
}

export async function setDeadlineRule(db: Db, countyCode: string, deadlineRule: DeadlineRule): Promise<void> {
  await db.getRepository(CountySettingEntity).save({ countyCode, deadlineRule });
}

/** The report with this number, or with `wholeHousehold` every report of its household. */
export async function reportIdsByNumber(db: Db, number: string, wholeHousehold: boolean): Promise<Array<Pick<Report, "id" | "villageCode">>> {
  const repo = db.getRepository(ReportEntity);
  const report = await repo.findOne({ where: { number }, select: { id: true, villageCode: true, householdId: true } });
  if (!report) return [];
  if (!wholeHousehold) return [report];
  return repo.find({ where: { householdId: report.householdId }, select: { id: true, villageCode: true } });
}
