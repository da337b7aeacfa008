import type { DataSource, EntityManager } from "typeorm";
import { PolicySheetEntity, type PolicySheetRow } from "../db/entities/policy-sheet.js";
import type { Audience, PolicyFaq, PolicySheetContent } from "../domain/policy/policy-sheet.js";

type Db = DataSource | EntityManager;

/** A stored version, as the rest of the system reads it. */
export interface PolicySheetRecord extends PolicySheetContent {
  status: PolicySheetRow["status"];
  publishedAt: Date;
  publishedBy: string | null;
}

export function toRecord(row: PolicySheetRow): PolicySheetRecord {
  return {
    id: row.id,
    version: row.version,
    title: row.title,
    audience: JSON.parse(row.audience) as Audience[],
    region: row.region,
    source: row.source,
    year: row.year,
    keywords: JSON.parse(row.keywords) as string[],
    body: row.body,
    faq: JSON.parse(row.faq) as PolicyFaq[],
    status: row.status,
    publishedAt: row.publishedAt,
    publishedBy: row.publishedBy,
  };
}

const repo = (db: Db) => db.getRepository(PolicySheetEntity);

/** The version households read of every sheet. */
export const currentPolicySheets = async (db: Db) => (await repo(db).find({ where: { status: "current" }, order: { id: "ASC" } })).map(toRecord);

export async function findPolicySheet(db: Db, id: string, version?: number): Promise<PolicySheetRecord | null> {
  const row = await repo(db).findOne(version === undefined ? { where: { id, status: "current" } } : { where: { id, version } });
  return row ? toRecord(row) : null;
}

/** The highest version stored for a sheet, 0 when there is none. */
export async function latestPolicyVersion(db: Db, id: string): Promise<number> {
  const row = await repo(db).findOne({ where: { id }, order: { version: "DESC" } });
  return row?.version ?? 0;
}

/** Stores a new current version; the one before it becomes superseded (kept, not deleted). */
export async function insertPolicyVersion(
  tx: EntityManager,
  sheet: PolicySheetContent,
  publishedAt: Date,
  publishedBy: string | null,
): Promise<PolicySheetRecord> {
  await repo(tx).update({ id: sheet.id, status: "current" }, { status: "superseded" });
  const row: PolicySheetRow = {
    id: sheet.id,
    version: sheet.version,
    title: sheet.title,
    audience: JSON.stringify(sheet.audience),
    region: sheet.region,
    source: sheet.source,
    year: sheet.year,
    keywords: JSON.stringify(sheet.keywords),
    body: sheet.body,
    faq: JSON.stringify(sheet.faq),
    status: "current",
    publishedAt,
    publishedBy,
  };
  await repo(tx).insert(row);
  return toRecord(row);
}
