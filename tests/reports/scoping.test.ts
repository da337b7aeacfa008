import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testEngines } from "../helpers/databases.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";
import { twoTownships, type TwoTownships, type Viewer } from "../helpers/two-townships.js";

describe.each(testEngines())("each account sees only its own area's reports on %s", (engine) => {
  let sys: TestSystem;
  let world: TwoTownships;
  beforeAll(async () => {
    // sessions outlive the jump past the deadlines in the overdue test
    sys = await startTestSystem(engine, { env: { SESSION_TTL_HOURS: "720" } });
    world = await twoTownships(sys);
  });
  afterAll(async () => sys?.close());

  const get = (viewer: Viewer, url: string) => sys.request().get(url).set("authorization", `Bearer ${viewer.token}`);

  it("the fixture has two townships of two villages each, a village of another county, and reports in all five", () => {
    expect(new Set(world.villages.flat().map((v) => v.code)).size).toBe(4);
    expect(world.villages[0].every((v) => v.code.startsWith(world.townships[0].code.slice(0, 9)))).toBe(true);
    expect(world.villages[1].every((v) => v.code.startsWith(world.townships[1].code.slice(0, 9)))).toBe(true);
    expect(new Set(world.reports.map((r) => r.villageCode))).toEqual(new Set([...world.villages.flat().map((v) => v.code), world.otherCountyVillage.code]));
  });

  // fails if: a staff role's queue is not limited to its area (tried: township unscoped; county unscoped).
  it("every staff account's queue lists its own area's reports and none of another village, township or county", async () => {
    const wrong: string[] = [];
    for (const viewer of world.staff) {
      const res = await get(viewer, "/api/queue?pageSize=100");
      expect(res.status, viewer.label).toBe(200);
      const listed = new Set((res.body.items as Array<{ id: string }>).map((r) => r.id));
      for (const report of world.reports) {
        const should = world.mayView(viewer, report);
        if (should !== listed.has(report.id)) wrong.push(`${viewer.label} ${should ? "misses" : "sees"} ${report.number} of ${report.villageCode}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  // fails if: the detail of a report is shown to staff of another area or a farmer of another household (tried: canSeeReport always true).
  it("every account opens the detail of its own area's reports and gets 404 for every other one", async () => {
    const wrong: string[] = [];
    for (const viewer of [...world.staff, ...world.farmers]) {
      for (const report of world.reports) {
        const res = await get(viewer, `/api/reports/${report.id}`);
        const expected = world.mayView(viewer, report) ? 200 : 404;
        if (res.status !== expected) wrong.push(`${viewer.label} got ${res.status} for ${report.number} of ${report.villageCode}, not ${expected}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  // fails if: a farmer's "my reports" lists another household's reports (tried: the query without its reporter/household condition).
  it("each farmer's own list has their report and no other household's", async () => {
    const wrong: string[] = [];
    for (const farmer of world.farmers) {
      const res = await get(farmer, "/api/me/reports");
      expect(res.status, farmer.label).toBe(200);
      const listed = new Set(((res.body.items ?? res.body) as Array<{ id: string }>).map((r) => r.id));
      for (const report of world.reports) {
        if (world.mayView(farmer, report) !== listed.has(report.id)) wrong.push(`${farmer.label} ${listed.has(report.id) ? "sees" : "misses"} ${report.number}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  // fails if: the overdue queue (the township's 督办 list) is not scoped like the queue (tried: township unscoped).
  it("the overdue queue of each township and village lists only its own area's overdue reports", async () => {
    sys.clock.advance(9 * 86_400_000); // past every report's 5-day deadline
    const wrong: string[] = [];
    let overdueSeen = 0;
    for (const viewer of world.staff) {
      const res = await get(viewer, "/api/queue?overdue=true&pageSize=100");
      expect(res.status, viewer.label).toBe(200);
      const listed = new Set((res.body.items as Array<{ id: string }>).map((r) => r.id));
      overdueSeen += listed.size;
      for (const report of world.reports) {
        const should = world.mayView(viewer, report);
        if (should !== listed.has(report.id)) wrong.push(`${viewer.label} ${should ? "misses" : "sees"} overdue ${report.number}`);
      }
    }
    expect(overdueSeen).toBeGreaterThan(0);
    expect(wrong).toEqual([]);
  });
});
