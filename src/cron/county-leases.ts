import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import {
  addMissingLeases,
  allLeases,
  countyCodes,
  forgetInstances,
  heldCounties,
  liveInstances,
  markInstanceSeen,
  releaseLease,
  takeLease,
} from "../repositories/county-leases.js";
import type { Deps } from "../services/deps.js";

/**
 * How long a county stays with the instance that took it without renewing: an instance that
 * stops ticking (every minute) loses its counties this long after its last tick.
 */
export const COUNTY_LEASE_MS = 2 * 60_000;

/** How often (clock time) an instance reads the area table's counties again, to add new ones' leases (and forgets long-gone instances). */
const COUNTY_LIST_MS = 10 * 60_000;

const generatedIds = new WeakMap<DataSource, string>();

/**
 * This instance's id as a lease holder: CRON_INSTANCE_ID when set, else one random id per
 * database connection pool, which lives as long as the process (tests start two systems in one
 * process; each is an instance).
 */
export function instanceIdOf(deps: Deps): string {
  if (deps.config.CRON_INSTANCE_ID) return deps.config.CRON_INSTANCE_ID;
  let id = generatedIds.get(deps.db);
  if (!id) generatedIds.set(deps.db, (id = randomUUID()));
  return id;
}

/** How long an instance's heartbeat row stays after it was last seen (it counts as live only within its lease). */
const FORGET_AFTER_MS = 24 * 60 * 60_000;

const countiesRead = new WeakMap<DataSource, number>();

/** This instance's fair share of `counties` when `live` instances tick (a single instance takes them all). */
export const fairShare = (counties: number, live: number): number => Math.ceil(counties / Math.max(1, live));

/** A rotation of the free counties by the instance id, so instances starting together try different counties first. */
function rotated<T>(list: T[], id: string): T[] {
  if (list.length === 0) return list;
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  const at = h % list.length;
  return [...list.slice(at), ...list.slice(0, at)];
}

/**
 * The counties this instance runs this tick: it marks itself alive, renews the leases it holds
 * up to its fair share (counties ÷ live instances), gives back the rest, and takes free ones
 * (whose lease ran out) up to that share, each by compare-and-set. Returns the counties it
 * holds afterwards, in code order.
 */
export async function takeCounties(deps: Deps): Promise<string[]> {
  const db = deps.db;
  const me = instanceIdOf(deps);
  const now = deps.clock.now();
  const until = new Date(now.getTime() + COUNTY_LEASE_MS);
  await markInstanceSeen(db, me, until);
  const lastRead = countiesRead.get(db);
  let leases = await allLeases(db);
  if (leases.length === 0 || lastRead === undefined || Math.abs(now.getTime() - lastRead) >= COUNTY_LIST_MS) {
    const known = new Set(leases.map((l) => l.countyCode));
    const missing = (await countyCodes(db)).filter((c) => !known.has(c));
    if (missing.length) {
      await addMissingLeases(db, missing);
      leases = await allLeases(db);
    }
    await forgetInstances(db, new Date(now.getTime() - FORGET_AFTER_MS));
    countiesRead.set(db, now.getTime());
  }
  const share = fairShare(leases.length, await liveInstances(db, now));
  const mine = leases.filter((l) => l.holder === me && l.leaseUntil.getTime() >= now.getTime()).map((l) => l.countyCode);
  for (const code of mine.slice(share)) await releaseLease(db, code, me);
  const keep = mine.slice(0, share);
  for (const code of keep) await takeLease(db, code, me, now, until);
  const free = rotated(
    leases.filter((l) => l.leaseUntil.getTime() < now.getTime()).map((l) => l.countyCode),
    me,
  );
  let holding = keep.length;
  for (const code of free) {
    if (holding >= share) break;
    if (await takeLease(db, code, me, now, until)) holding++;
  }
  return heldCounties(db, me, now);
}
