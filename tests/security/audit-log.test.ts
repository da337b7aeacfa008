import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testEngines } from "../helpers/databases.js";
import { areaOf, buildReport, submitAs } from "../helpers/factories.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";

describe.each(testEngines())("reading a report is audited; the county reads the audit log on %s", (engine) => {
  let sys: TestSystem;
  let report: { id: string; number: string };
  const get = async (username: string, path: string) =>
    sys
      .request()
      .get(path)
      .set("Authorization", `Bearer ${await sys.tokenFor(username)}`);

  beforeAll(async () => {
    sys = await startTestSystem(engine);
    const village = await areaOf(sys, "demo-cadre");
    const res = await submitAs(sys, "demo-cadre", buildReport(village, { relation: "cadre", household: { name: "李桂兰", phone: "13712345678" } }));
    report = res.body;
  });
  afterAll(() => sys.close());

  it("a staff member's ordinary read of a report's detail is in the county's log: who, which report, when", async () => {
    expect((await get("demo-township", `/api/reports/${report.id}`)).status).toBe(200);
    const log = await get("demo-county", `/api/audit?action=report.read&report=${report.number}`);
    expect(log.status).toBe(200);
    // fails if: GET /api/reports/:id by staff writes no audit record
    expect(log.body.items).toHaveLength(1);
    expect(log.body.items[0]).toMatchObject({
      actionLabel: "查看申报",
      person: { name: "乡镇 李干事", roleLabel: "乡镇" },
      report: { number: report.number, household: "李**" },
    });
    expect(log.body.items[0].at).toBe(sys.clock.now().toISOString());
    expect(JSON.stringify(log.body)).not.toMatch(/13712345678|李桂兰/);
  });

  it("filters by person and by days; the whole household's reports with one number", async () => {
    const byPerson = await get("demo-county", `/api/audit?person=${encodeURIComponent("李干事")}`);
    expect(byPerson.body.items.length).toBeGreaterThan(0);
    expect(byPerson.body.items.every((e: { person: { name: string } }) => e.person.name === "乡镇 李干事")).toBe(true);
    const tomorrow = await get("demo-county", "/api/audit?from=2026-03-03&to=2026-03-03");
    expect(tomorrow.body.total).toBe(0);
    const household = await get("demo-county", `/api/audit?report=${report.number}&wholeHousehold=true`);
    expect(household.body.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(["report.read", "report.received"]));
  });

  it("only the county and admin read it", async () => {
    expect((await get("demo-township", "/api/audit")).status).toBe(403);
    expect((await get("demo-cadre", "/api/audit")).status).toBe(403);
    expect((await get("demo-admin", "/api/audit")).status).toBe(200);
  });

  it("a household reading its own report leaves no staff-read record", async () => {
    const before = (await get("demo-county", "/api/audit?action=report.read")).body.total;
    await get("demo-farmer", "/api/me/reports");
    expect((await get("demo-county", "/api/audit?action=report.read")).body.total).toBe(before);
  });
});
