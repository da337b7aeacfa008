import type { DataSource } from "typeorm";
import { AreaEntity } from "../db/entities/area.js";
import { CountyLeaseEntity, CronInstanceEntity } from "../db/entities/county-lease.js";
import { isUniqueViolation } from "../db/unique-violation.js";

/** Before anyone took a county: a lease that ran out long ago. */
const NEVER = new Date(0);

/** The county codes of the area table (its rows of level county). */
export async function countyCodes(db: DataSource): Promise<string[]> {
  const rows = await db.getRepository(AreaEntity).find({ select: { code: true }, where: { level: "county" }, order: { code: "ASC" } });
  return rows.map((r) => r.code);
}

/** Every county's lease, by county code. */
export const allLeases = (db: DataSource) => db.getRepository(CountyLeaseEntity).find({ order: { countyCode: "ASC" } });

/** Adds the lease rows of counties that have none yet (free); another instance adding the same row at once is no error. */
export async function addMissingLeases(db: DataSource, codes: readonly string[]): Promise<void> {
  for (const countyCode of codes)
    try {
      await db.getRepository(CountyLeaseEntity).insert({ countyCode, holder: "", leaseUntil: NEVER });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
}

/**
 * Takes or renews one county's lease for `holder` until `until`, if it ran out before `now` or
 * is the holder's already: one compare-and-set, portable (no SKIP LOCKED); whether this
 * instance won is the affected rows.
 */
export async function takeLease(db: DataSource, countyCode: string, holder: string, now: Date, until: Date): Promise<boolean> {
  const result = await db
    .createQueryBuilder()
    .update(CountyLeaseEntity)
    .set({ holder, leaseUntil: until })
    .where("county_code = :countyCode AND (lease_until < :now OR holder = :holder)", { countyCode, now, holder })
    .execute();
  return (result.affected ?? 0) > 0;
}

/** Gives a county back at once (the holder has more than its share), so another instance takes it at its next tick. */
export async function releaseLease(db: DataSource, countyCode: string, holder: string): Promise<void> {
  await db
    .createQueryBuilder()
    .update(CountyLeaseEntity)
    .set({ leaseUntil: NEVER })
    .where("county_code = :countyCode AND holder = :holder", { countyCode, holder })
    .execute();
}

/** The counties `holder` holds at `now`. */
export async function heldCounties(db: DataSource, holder: string, now: Date): Promise<string[]> {
  const rows = await db
    .getRepository(CountyLeaseEntity)
    .createQueryBuilder("l")
    .select("l.countyCode", "code")
    .where("l.holder = :holder AND l.leaseUntil >= :now", { holder, now })
    .orderBy("l.countyCode", "ASC")
    .getRawMany<{ code: string }>();
  return rows.map((r) => r.code);
}

/** Records that the instance is alive until `until` (an upsert by update-then-insert, portable). */
export async function markInstanceSeen(db: DataSource, instanceId: string, until: Date): Promise<void> {
  const repo = db.getRepository(CronInstanceEntity);
  const result = await repo.update({ instanceId }, { seenUntil: until });
  if ((result.affected ?? 0) > 0) return;
  try {
    await repo.insert({ instanceId, seenUntil: until });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    await repo.update({ instanceId }, { seenUntil: until });
  }
}

/** How many instances are alive at `now` (seen within their lease). */
export const liveInstances = (db: DataSource, now: Date) =>
  db.getRepository(CronInstanceEntity).createQueryBuilder("i").where("i.seenUntil >= :now", { now }).getCount();

/** Forgets instances not seen since `before` (each process start with no CRON_INSTANCE_ID leaves one row behind). */
export async function forgetInstances(db: DataSource, before: Date): Promise<void> {
  await db.createQueryBuilder().delete().from(CronInstanceEntity).where("seen_until < :before", { before }).execute();
}
