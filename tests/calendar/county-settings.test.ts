import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditEventEntity } from "../../src/db/entities/audit-event.js";
import { testEngines } from "../helpers/databases.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";

// Received Monday 2 March 2026, 10:00 China time: the 5th day is Saturday 7 March.
const RECEIVED = "2026-03-02T10:00:00+08:00";

describe.each(testEngines())("a county's own settings on %s", (engine) => {
  let sys: TestSystem;
  const auth = async (u: string) => `Bearer ${await sys.tokenFor(u)}`;
  const deadline = async () =>
    (
      await sys
        .request()
        .get("/api/calendar/deadline")
        .query({ receivedAt: RECEIVED, county: "231226" })
        .set("authorization", await auth("demo-cadre"))
    ).body;

  beforeAll(async () => {
    sys = await startTestSystem(engine);
  });
  afterAll(async () => {
    await sys.close();
  });

  it("a county starts on the statutory rule and the 08:30 notice hour", async () => {
    const res = await sys
      .request()
      .get("/api/county-settings")
      .set("authorization", await auth("demo-county"));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ county: { code: "231226000000", name: "绥棱县" }, deadlineRule: "statutory", noticeTime: "08:30", townshipReview: true });
    expect(await deadline()).toMatchObject({ lastDay: "2026-03-09", basis: "statutory" });
  });

  // fails if: the change is not saved, not audited, or not the rule the deadline lookup uses.
  it("the county switches to plain days and a 09:00 notice hour; the deadline lookup follows and the change is audited", async () => {
    const res = await sys
      .request()
      .put("/api/county-settings")
      .set("authorization", await auth("demo-county"))
      .send({ deadlineRule: "calendar", noticeTime: "09:00", townshipReview: false });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ deadlineRule: "calendar", noticeTime: "09:00", townshipReview: false });
    const again = await sys
      .request()
      .get("/api/county-settings")
      .set("authorization", await auth("demo-county"));
    expect(again.body).toMatchObject({ deadlineRule: "calendar", noticeTime: "09:00" });
    expect(await deadline()).toMatchObject({ lastDay: "2026-03-07", basis: "calendar" });
    const audit = await sys.deps.db.getRepository(AuditEventEntity).findOneBy({ action: "county_setting.update", subjectId: "231226000000" });
    expect(JSON.parse(audit!.detail!)).toMatchObject({
      before: { deadlineRule: "statutory", noticeTime: "08:30" },
      after: { deadlineRule: "calendar", noticeTime: "09:00" },
    });
  });

  it("a notice hour at night is refused with the field named, and nothing changes", async () => {
    const res = await sys
      .request()
      .put("/api/county-settings")
      .set("authorization", await auth("demo-county"))
      .send({ deadlineRule: "statutory", noticeTime: "22:00" });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
    expect(res.body.error.message).toContain("夜间消息改发时间");
    const still = await sys
      .request()
      .get("/api/county-settings")
      .set("authorization", await auth("demo-county"));
    expect(still.body).toMatchObject({ deadlineRule: "calendar", noticeTime: "09:00" });
  });

  // fails if: a township or village account may change how its county counts days, or a county reads another's.
  it("only the county (or an admin naming it) reads and changes the settings", async () => {
    for (const u of ["demo-township", "demo-cadre", "demo-department"]) {
      const res = await sys
        .request()
        .put("/api/county-settings")
        .set("authorization", await auth(u))
        .send({ deadlineRule: "statutory", noticeTime: "08:30" });
      expect(res.status, u).toBe(403);
    }
    const other = await sys
      .request()
      .get("/api/county-settings")
      .query({ county: "430503" })
      .set("authorization", await auth("demo-county"));
    expect(other.status).toBe(404);
    const adminWithout = await sys
      .request()
      .get("/api/county-settings")
      .set("authorization", await auth("demo-admin"));
    expect(adminWithout.status).toBe(400);
    expect(adminWithout.body.error.code).toBe("county_required");
    const admin = await sys
      .request()
      .get("/api/county-settings")
      .query({ county: "430503" })
      .set("authorization", await auth("demo-admin"));
    expect(admin.status).toBe(200);
    expect(admin.body.county.name).toBe("大祥区");
  });
});
