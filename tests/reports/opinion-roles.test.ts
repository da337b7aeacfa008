import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../src/domain/access.js";
import type { Role } from "../../src/domain/roles.js";
import type { ReportStatus } from "../../src/domain/report/lifecycle.js";
import { mayGiveOpinion, mayTakeOver } from "../../src/domain/report/visibility.js";
import { markOverdueReports } from "../../src/cron/report-clock.js";
import { testEngines } from "../helpers/databases.js";
import { areaOf, buildReport, submitAs } from "../helpers/factories.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";

const ROLES: Role[] = ["farmer", "grid_worker", "village_cadre", "township", "county", "department", "admin"];
const NOW = new Date("2026-03-05T00:00:00Z");
const clock = (status: ReportStatus, pastDue: boolean) => ({
  status,
  dueAt: new Date(pastDue ? "2026-03-04T16:00:00Z" : "2026-03-09T16:00:00Z"),
  opinionAt: null,
  overdueAt: null,
});
const PLACES = {
  "held by the village": { ...clock("accepted", false), transferredTo: null },
  "transferred to the township": { ...clock("transferred", false), transferredTo: "township" },
  "transferred to civil affairs": { ...clock("transferred", false), transferredTo: "civil_affairs" },
  "transferred to housing": { ...clock("transferred", false), transferredTo: "housing" },
  "past its deadline (escalated)": { ...clock("accepted", true), transferredTo: null },
  "taken over by the county": { ...clock("transferred", true), transferredTo: "county" },
} as const;
type Place = keyof typeof PLACES;

/** Who may answer which report, written out from issue 15 item 3 rather than read from the rule. */
const MAY: Record<Role, Place[]> = {
  farmer: [],
  grid_worker: [],
  village_cadre: Object.keys(PLACES) as Place[],
  township: ["transferred to the township", "past its deadline (escalated)"],
  county: ["taken over by the county"],
  department: ["transferred to civil affairs"],
  admin: [],
};

describe("who may give the opinion: role × where the report is", () => {
  const actor = (role: Role): Actor => ({ accountId: "a", role, areaCode: "231226100201", householdId: null, department: role === "department" ? "civil_affairs" : null });
  // fails if: a department answers a report not transferred to it, the county one it has not taken over, or admin any
  it.each(ROLES)("%s", (role) => {
    for (const [place, r] of Object.entries(PLACES) as [Place, (typeof PLACES)[Place]][]) {
      expect({ place, may: mayGiveOpinion(actor(role), r, NOW) }).toEqual({ place, may: MAY[role].includes(place) });
    }
  });

  it("only the county takes over, and only a report escalated overdue", () => {
    for (const role of ROLES) expect(mayTakeOver(actor(role), PLACES["past its deadline (escalated)"], NOW)).toBe(role === "county");
    expect(mayTakeOver(actor("county"), PLACES["held by the village"], NOW)).toBe(false);
    expect(mayTakeOver(actor("county"), PLACES["taken over by the county"], NOW)).toBe(false);
  });
});

describe.each(testEngines())("opinions through the API on %s", (engine) => {
  let sys: TestSystem;
  let village: string;
  beforeAll(async () => {
    sys = await startTestSystem(engine);
    village = await areaOf(sys, "demo-cadre");
  });
  afterAll(() => sys.close());

  async function newReport(): Promise<string> {
    const res = await submitAs(sys, "demo-cadre", buildReport(village, { relation: "cadre" }));
    expect(res.status).toBe(201);
    return res.body.id as string;
  }
  async function act(username: string, id: string, move: string, body: object = {}) {
    return sys
      .request()
      .post(`/api/reports/${id}/${move}`)
      .set("Authorization", `Bearer ${await sys.tokenFor(username)}`)
      .send(body);
  }
  const opinion = (username: string, id: string) => act(username, id, "opinion", { kind: "propose_monitoring" });

  it("an accepted report: the village answers; township, county and admin get 403, a department and another village 404", async () => {
    const id = await newReport();
    expect((await act("demo-cadre", id, "accept")).status).toBe(200);
    for (const who of ["demo-township", "demo-county", "demo-admin", "demo-grid"]) {
      const res = await opinion(who, id);
      // fails if: a role outside the village answers a report the village still holds
      expect({ who, status: res.status }).toEqual({ who, status: 403 });
    }
    // a department sees only its own alerts and what is transferred to it (issue 14)
    expect((await opinion("demo-department", id)).status).toBe(404);
    expect((await opinion("demo-cadre-other", id)).status).toBe(404);
    expect((await opinion("demo-cadre", id)).status).toBe(200);
  });

  it("a report transferred to civil affairs: that department answers it", async () => {
    const id = await newReport();
    expect((await act("demo-cadre", id, "transfer", { to: "department", department: "housing", reason: "危房" })).status).toBe(200);
    // fails if: any department may answer (or even see) a report transferred to another
    expect((await opinion("demo-department", id)).status).toBe(404);

    const other = await newReport();
    expect((await act("demo-cadre", other, "transfer", { to: "department", department: "civil_affairs", reason: "低保" })).status).toBe(200);
    expect((await opinion("demo-township", other)).status).toBe(403);
    const res = await opinion("demo-department", other);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("opinion_given");
  });

  it("a report transferred to the township: the township answers it", async () => {
    const id = await newReport();
    expect((await act("demo-cadre", id, "transfer", { to: "township", reason: "村里办不了" })).status).toBe(200);
    expect((await opinion("demo-county", id)).status).toBe(403);
    expect((await opinion("demo-township", id)).status).toBe(200);
  });

  it("the county answers only after taking over a report escalated overdue", async () => {
    const id = await newReport();
    // not overdue yet: nothing to take over
    expect((await act("demo-county", id, "take-over")).status).toBe(409);
    sys.clock.advance(8 * 86_400_000);
    expect(await markOverdueReports(sys.deps)).toBeGreaterThanOrEqual(1);
    // fails if: the escalation alone lets the county answer
    expect((await opinion("demo-county", id)).status).toBe(403);
    expect((await act("demo-township", id, "take-over")).status).toBe(403);
    const taken = await act("demo-county", id, "take-over", { reason: "超期未办" });
    expect(taken.status).toBe(200);
    expect(taken.body.timeline.map((e: { label: string }) => e.label)).toContain("县里已接手办理");
    expect((await opinion("demo-admin", id)).status).toBe(403);
    expect((await opinion("demo-county", id)).status).toBe(200);
  });
});
