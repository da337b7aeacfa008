import { afterEach, describe, expect, it } from "vitest";
import { COUNTY_LEASE_MS, fairShare } from "../../src/cron/county-leases.js";
import { tick } from "../../src/cron/scheduler.js";
import { runRhythm } from "../../src/cron/steps.js";
import { CountyLeaseEntity } from "../../src/db/entities/county-lease.js";
import { ReportEntity } from "../../src/db/entities/report.js";
import { countyOf, townshipOf } from "../../src/domain/area-code.js";
import { createLogger } from "../../src/logger.js";
import { casesDueForReminders } from "../../src/notices/identification-clock.js";
import { insertAccount } from "../../src/repositories/accounts.js";
import type { Deps } from "../../src/services/deps.js";
import { startSystem } from "../../src/system.js";
import { concurrencyTitle, noteSequentialOnSqlite, testEngines } from "../helpers/databases.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";
import { twoTownships, type FiledReport } from "../helpers/two-townships.js";

const MINUTE = 60_000;
const OTHER_COUNTY = "430503000000";
const DAY = 24 * 60 * MINUTE;

/** Who holds each county's lease now (holder '' or a lapsed lease: nobody). */
async function holders(deps: Deps): Promise<Map<string, string>> {
  const now = deps.clock.now().getTime();
  const rows = await deps.db.getRepository(CountyLeaseEntity).find();
  return new Map(rows.map((r) => [r.countyCode, r.leaseUntil.getTime() >= now ? r.holder : ""]));
}

/** The reports marked overdue, each with how many `marked_overdue` events it has. */
async function overdueMarks(deps: Deps): Promise<Map<string, number>> {
  const rows: Array<{ id: string; n: string | number }> = await deps.db.query(
    "SELECT r.id AS id, COUNT(e.id) AS n FROM report r JOIN report_event e ON e.report_id = r.id AND e.action = 'marked_overdue' WHERE r.overdue_at IS NOT NULL GROUP BY r.id",
  );
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

/** Overdue notices per report (their dedupe keys name the report), each key counted. */
async function overdueNotices(deps: Deps): Promise<Map<string, number>> {
  const rows: Array<{ dedupe_key: string }> = await deps.db.query("SELECT dedupe_key FROM notification WHERE kind = 'report_overdue'");
  const per = new Map<string, number>();
  for (const { dedupe_key } of rows) {
    const id = dedupe_key.split(":")[1]!;
    per.set(id, (per.get(id) ?? 0) + 1);
  }
  return per;
}

/** The county accounts' areas that have today's overdue digest, each with how many. */
async function digests(deps: Deps): Promise<Map<string, number>> {
  const rows: Array<{ area: string; n: string | number }> = await deps.db.query(
    "SELECT a.area_code AS area, COUNT(*) AS n FROM notification n JOIN account a ON a.id = n.recipient_id WHERE n.kind = 'overdue_digest' GROUP BY a.area_code",
  );
  return new Map(rows.map((r) => [r.area, Number(r.n)]));
}

describe.each(testEngines())("cron split by county across instances (%s)", (engine) => {
  let sys: TestSystem | undefined;
  let second: Deps | undefined;
  afterEach(async () => {
    await second?.db.destroy();
    await sys?.close();
    sys = second = undefined;
  });

  /** Two instances over one database and one fake clock, with reports filed in both pilot counties and all past their deadline. */
  async function twoInstancesWithOverdueReports(): Promise<{ a: Deps; b: Deps; reports: FiledReport[] }> {
    sys = await startTestSystem(engine, { env: { CRON_INSTANCE_ID: "instance-a" } });
    second = await startSystem({ ...sys.deps.config, CRON_INSTANCE_ID: "instance-b" }, { clock: sys.clock, log: createLogger("silent") });
    const fixture = await twoTownships(sys);
    const { reports } = fixture;
    expect(new Set(reports.map((r) => countyOf(r.villageCode))).size).toBe(2);
    // the other pilot county's own staff: its township is told of its late reports, its county gets its digest
    const { otherCountyVillage } = fixture;
    for (const [role, areaCode] of [
      ["county", OTHER_COUNTY],
      ["township", townshipOf(otherCountyVillage.code)],
    ] as const)
      await insertAccount(sys.deps.db, {
        role,
        username: `other-${role}`,
        displayName: `大祥区${role}`,
        areaCode,
        department: null,
        householdId: null,
        phoneHash: null,
        phoneSealed: null,
        passwordHash: null,
        wechatOpenid: null,
        createdAt: sys.clock.now(),
      });
    sys.clock.advance(10 * DAY);
    return { a: sys.deps, b: second, reports };
  }

  /**
   * Both instances tick twice, a minute apart, taking leases only (no step): A, alone at first,
   * takes every county; at the second tick it sees B alive and gives back what exceeds its share,
   * which B takes at once (not only when A's lease would have run out).
   */
  async function settle(a: Deps, b: Deps): Promise<void> {
    await tick(a, []);
    await tick(b, []);
    sys!.clock.advance(MINUTE);
    await tick(a, []);
    await tick(b, []);
  }

  it("a single instance takes every county", async () => {
    sys = await startTestSystem(engine, { env: { CRON_INSTANCE_ID: "alone" } });
    await tick(sys.deps, []);
    const held = await holders(sys.deps);
    // fails if: the tick takes a share of counties as though other instances were alive, or none (nothing would be swept)
    expect(held.size).toBe(2);
    expect([...held.values()]).toEqual(["alone", "alone"]);
  });

  // fails if: the tick ignores its leases and sweeps every county (tried: the steps called without counties → A marks
  // B's county's reports), or an instance
  // over its fair share keeps the surplus (tried: no release → B holds nothing after two ticks)
  it("two instances split the counties and together mark each report overdue and notify once", async () => {
    const { a, b, reports } = await twoInstancesWithOverdueReports();
    await settle(a, b);
    const held = await holders(a);
    const ofA = [...held].filter(([, h]) => h === "instance-a").map(([c]) => c);
    const ofB = [...held].filter(([, h]) => h === "instance-b").map(([c]) => c);
    expect(ofA.length).toBe(fairShare(2, 2));
    expect(ofB.length).toBe(fairShare(2, 2));
    expect(new Set([...ofA, ...ofB]).size).toBe(2);

    await tick(a);
    const afterA = await overdueMarks(a);
    for (const r of reports) expect(afterA.has(r.id), `${r.villageCode} marked by A`).toBe(ofA.includes(countyOf(r.villageCode)));
    // 10:00 in China: the digest of A's county only
    expect([...(await digests(a)).keys()]).toEqual(ofA);

    await tick(b);
    for (let i = 0; i < 2; i++) {
      sys!.clock.advance(MINUTE);
      await tick(a);
      await tick(b);
    }
    const marks = await overdueMarks(a);
    expect([...marks.keys()].sort()).toEqual(reports.map((r) => r.id).sort());
    expect([...marks.values()].every((n) => n === 1)).toBe(true);
    const notices = await overdueNotices(a);
    expect(reports.every((r) => (notices.get(r.id) ?? 0) >= 1)).toBe(true);
    // each recipient once per report: as many notices as distinct keys, and the same as one instance writes
    const keys: Array<{ n: string | number; k: string | number }> = await a.db.query(
      "SELECT COUNT(*) AS n, COUNT(DISTINCT dedupe_key) AS k FROM notification WHERE kind = 'report_overdue'",
    );
    expect(Number(keys[0]!.n)).toBe(Number(keys[0]!.k));
    // each county account's digest once, whichever instance held its county
    const daily = await digests(a);
    expect([...daily.keys()].sort()).toEqual([...ofA, ...ofB].sort());
    expect([...daily.values()]).toEqual([1, 1]);
  });

  // fails if: a stopped instance's counties are never taken over (its reports stay unmarked), or taken before its lease ran out
  it("an instance that stops ticking loses its counties after the lease; the other sends what fell due", async () => {
    const { a, b, reports } = await twoInstancesWithOverdueReports();
    await settle(a, b);
    const ofB = [...(await holders(a))].filter(([, h]) => h === "instance-b").map(([c]) => c);
    expect(ofB.length).toBe(1);
    const inB = reports.filter((r) => ofB.includes(countyOf(r.villageCode)));
    expect(inB.length).toBeGreaterThan(0);

    // B stops. A minute later its lease still holds: A does only its own county
    sys!.clock.advance(MINUTE);
    await tick(a);
    let marks = await overdueMarks(a);
    expect(inB.some((r) => marks.has(r.id))).toBe(false);
    expect(reports.filter((r) => !inB.includes(r)).every((r) => marks.has(r.id))).toBe(true);

    // past B's lease: A is the only live instance, takes B's county and marks its reports once
    sys!.clock.advance(COUNTY_LEASE_MS);
    await tick(a);
    expect([...(await holders(a)).values()]).toEqual(["instance-a", "instance-a"]);
    marks = await overdueMarks(a);
    expect([...marks.keys()].sort()).toEqual(reports.map((r) => r.id).sort());
    expect([...marks.values()].every((n) => n === 1)).toBe(true);
    const notices = await overdueNotices(a);
    expect(inB.every((r) => (notices.get(r.id) ?? 0) >= 1)).toBe(true);

    // B comes back: it gets its share again within a few ticks, and nothing is marked twice
    for (let i = 0; i < 3; i++) {
      sys!.clock.advance(MINUTE);
      await tick(b);
      await tick(a);
    }
    const held = [...(await holders(a)).values()].sort();
    expect(held).toEqual(["instance-a", "instance-b"]);
    expect([...(await overdueMarks(a)).values()].every((n) => n === 1)).toBe(true);
  });

  // fails if: runRhythm ignores its counties (another county's instance would decide the demo county's occurrences)
  it("the rhythm decides only its counties' occurrences", async () => {
    sys = await startTestSystem(engine, { start: "2026-03-24T02:00:00Z" });
    sys.clock.set("2026-03-25T01:30:00Z"); // the demo county's April screening's 7-day notice is due
    const campaigns: Array<{ county_code: string }> = await sys.deps.db.query("SELECT county_code FROM screening_campaign WHERE status = 'active'");
    const demo = campaigns[0]!.county_code;
    const other = demo === "430503000000" ? "231226000000" : "430503000000";
    expect((await runRhythm(sys.deps, [other])).sent).toBe(0);
    expect((await runRhythm(sys.deps, [])).sent).toBe(0);
    expect((await runRhythm(sys.deps, [demo])).sent).toBe(3);
    expect((await runRhythm(sys.deps, [demo, other])).sent).toBe(0);
  });

  // fails if: the identification sweep ignores its counties (another county's instance would remind this county's cases)
  it("the identification sweep reads only its counties' cases", async () => {
    sys = await startTestSystem(engine);
    const { reports } = await twoTownships(sys);
    // every report's clock owes something now (as a case proposed for monitoring would)
    await sys.deps.db.createQueryBuilder().update(ReportEntity).set({ nextReminderAt: sys.clock.now() }).execute();
    const read = async (counties?: string[]) => {
      const ids: string[] = [];
      for await (const batch of casesDueForReminders(sys!.deps, sys!.clock.now(), 2, counties)) ids.push(...batch);
      return ids.sort();
    };
    const demo = countyOf(reports[0]!.villageCode);
    const ofCounty = (c: string) =>
      reports
        .filter((r) => countyOf(r.villageCode) === c)
        .map((r) => r.id)
        .sort();
    expect(await read([demo])).toEqual(ofCounty(demo));
    expect(await read([OTHER_COUNTY])).toEqual(ofCounty(OTHER_COUNTY));
    expect(await read([])).toEqual([]);
    expect(await read()).toEqual(reports.map((r) => r.id).sort());
  });

  // fails if: two instances ticking at the same moment both run a county (MariaDB: a report marked or notified twice),
  // or neither runs one (a report never marked)
  it(concurrencyTitle(engine, "two instances ticking at the same moment split the counties and mark each report once"), async () => {
    noteSequentialOnSqlite(engine, "two instances ticking at once");
    const { a, b, reports } = await twoInstancesWithOverdueReports();
    for (let i = 0; i < 4; i++) {
      if (engine === "mysql") await Promise.all([tick(a), tick(b)]);
      else for (const instance of [a, b]) await tick(instance);
      sys!.clock.advance(MINUTE);
    }
    const held = [...(await holders(a)).values()].sort();
    expect(held).toEqual(["instance-a", "instance-b"]);
    const marks = await overdueMarks(a);
    expect([...marks.keys()].sort()).toEqual(reports.map((r) => r.id).sort());
    expect([...marks.values()].every((n) => n === 1)).toBe(true);
    const keys: Array<{ n: string | number; k: string | number }> = await a.db.query(
      "SELECT COUNT(*) AS n, COUNT(DISTINCT dedupe_key) AS k FROM notification WHERE kind IN ('report_overdue', 'overdue_digest')",
    );
    expect(Number(keys[0]!.n)).toBe(Number(keys[0]!.k));
    expect([...(await digests(a)).values()]).toEqual([1, 1]);
  });
});
