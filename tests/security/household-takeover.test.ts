import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testEngines } from "../helpers/databases.js";
import { areaOf, buildReport, submitAs, uniquePhone } from "../helpers/factories.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";

// The demo household 张德福, phone 13800138000 (src/seed/demo.ts), is the victim.
const VICTIM_PHONE = "13800138000";

describe.each(testEngines())("a typed phone number links nobody to a household on %s", (engine) => {
  let sys: TestSystem;
  let village: string;
  let victimNumber: string;
  let victimId: string;
  const bearer = (token: string) => `Bearer ${token}`;

  beforeAll(async () => {
    sys = await startTestSystem(engine);
    village = await areaOf(sys, "demo-cadre");
    // the victim's own report, with what the family would not tell a stranger
    const own = await sys
      .request()
      .post("/api/reports")
      .set("Authorization", bearer(await sys.tokenFor("demo-farmer")))
      .set("Idempotency-Key", "victim-own-1")
      .send(buildReport(village, { household: { name: "张德福", phone: VICTIM_PHONE }, description: "老伴脑梗偏瘫，儿子住院", channel: "miniprogram" }));
    expect(own.status).toBe(201);
    victimNumber = own.body.number;
    victimId = own.body.id;
  });
  afterAll(() => sys.close());

  async function newFarmer(code: string): Promise<string> {
    const res = await sys.request().post("/api/auth/wechat").send({ code });
    expect(res.status).toBe(200);
    return res.body.token as string;
  }

  async function selfReport(token: string, phone: string, key: string) {
    return sys
      .request()
      .post("/api/reports")
      .set("Authorization", bearer(token))
      .set("Idempotency-Key", key)
      .send(buildReport(village, { household: { name: "张德福", phone }, description: "想看看", channel: "miniprogram" }));
  }

  it("a new account that reports 'myself' with the victim's name and phone is told only that the household's case goes on, and sees none of it", async () => {
    const attacker = await newFarmer("attacker-1");
    const res = await selfReport(attacker, VICTIM_PHONE, "attacker-1-key");
    // the one rule (issue 14) makes it the household's report: added to its open case, nothing of that case told
    // fails if: the receipt quotes the household's open report (its number, id or deadline) to an account not linked to it
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outcome: "added_to_open", id: null, number: null, dueAt: null, duplicateOf: null });
    expect(res.body.message).toContain("这户已有一件正在办理的申报，您说的情况已补充进去");
    expect(JSON.stringify(res.body)).not.toContain(victimNumber);

    const mine = await sys.request().get("/api/me/reports").set("Authorization", bearer(attacker));
    // fails if: intake links the account to the household whose phone was typed (report-service.ts), or the list shows the household's case
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({ view: "reporter", number: null, id: null, household: { name: "张德福" } });
    expect(JSON.stringify(mine.body)).not.toContain(victimNumber);
    expect(JSON.stringify(mine.body)).not.toContain("脑梗");
    const detail = await sys.request().get(`/api/reports/${victimId}`).set("Authorization", bearer(attacker));
    expect(detail.status).toBe(404);
    const me = await sys.request().get("/api/me").set("Authorization", bearer(attacker));
    expect(me.body.household).toBeNull();
    expect(me.body.displayName).not.toContain("张");

    // the village sees one case for the household, with the new lead on its timeline
    const cadre = bearer(await sys.tokenFor("demo-cadre"));
    const queue = await sys.request().get("/api/queue").set("Authorization", cadre);
    expect(queue.body.items.filter((r: { household: { phone: string } }) => r.household.phone === "138****8000")).toHaveLength(1);
    const own = await sys.request().get(`/api/reports/${victimId}`).set("Authorization", cadre);
    expect(own.body.timeline.map((e: { action: string }) => e.action)).toContain("lead_attached");
  });

  it("the verified phone (WeChat getPhoneNumber) links the account; a code for another number does not", async () => {
    const owner = await newFarmer("owner-verified");
    const wrong = await sys.request().post("/api/me/phone").set("Authorization", bearer(owner)).send({ code: "forged-13800138000" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe("phone_code_invalid");

    const res = await sys
      .request()
      .post("/api/me/phone")
      .set("Authorization", bearer(owner))
      .send({ code: `phone-${VICTIM_PHONE}` });
    // fails if: the server does not ask WeChat's getuserphonenumber (or the route is missing)
    expect(res.status).toBe(200);
    expect(sys.wechat.calls.some((c) => c.path === "/wxa/business/getuserphonenumber")).toBe(true);
    const mine = await sys.request().get("/api/me/reports").set("Authorization", bearer(owner));
    expect(JSON.stringify(mine.body)).toContain(victimNumber);
    const me = await sys.request().get("/api/me").set("Authorization", bearer(owner));
    expect(me.body.household).toMatchObject({ headName: "张德福" });
  });

  it("a verified phone no household has links nothing: 404 with a plain reason", async () => {
    const farmer = await newFarmer("nobody-verified");
    const res = await sys
      .request()
      .post("/api/me/phone")
      .set("Authorization", bearer(farmer))
      .send({ code: `phone-${uniquePhone()}` });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain("村委会");
  });

  it("the village cadre confirms the reporter: the account is linked to the household its report names, audited", async () => {
    // a household the village knows, with no open report (the cadre's walk-in, withdrawn at the household's request)
    const cadre = await sys.tokenFor("demo-cadre");
    const phone = uniquePhone();
    const walkIn = await submitAs(sys, "demo-cadre", buildReport(village, { household: { name: "刘玉珍", phone }, relation: "cadre" }));
    expect(walkIn.status).toBe(201);
    expect((await sys.request().post(`/api/reports/${walkIn.body.id}/withdraw`).set("Authorization", bearer(cadre)).send({})).status).toBe(200);

    const relative = await newFarmer("relative-confirmed");
    const case_ = await sys
      .request()
      .post("/api/reports")
      .set("Authorization", bearer(relative))
      .set("Idempotency-Key", "relative-key")
      .send(buildReport(village, { household: { name: "刘玉珍", phone }, channel: "miniprogram" }));
    expect(case_.status).toBe(201);
    const before = await sys.request().get("/api/me/reports").set("Authorization", bearer(relative));
    expect(before.body.items).toHaveLength(1);
    expect(before.body.items[0].view).toBe("reporter");

    // another village's cadre and the grid worker may not confirm
    const other = await sys
      .request()
      .post(`/api/reports/${case_.body.id}/confirm-household`)
      .set("Authorization", bearer(await sys.tokenFor("demo-cadre-other")));
    expect(other.status).toBe(404);
    const grid = await sys
      .request()
      .post(`/api/reports/${case_.body.id}/confirm-household`)
      .set("Authorization", bearer(await sys.tokenFor("demo-grid")));
    expect(grid.status).toBe(403);

    const res = await sys.request().post(`/api/reports/${case_.body.id}/confirm-household`).set("Authorization", bearer(cadre));
    // fails if: the confirmation does not link the reporting account to the named household
    expect(res.status).toBe(200);
    expect(res.body.timeline.map((e: { action: string }) => e.action)).toContain("household_confirmed");
    const after = await sys.request().get("/api/me/reports").set("Authorization", bearer(relative));
    expect(after.body.items.length).toBeGreaterThanOrEqual(2);
    expect(after.body.items.every((r: { view: string }) => r.view === "household")).toBe(true);
    expect(JSON.stringify(after.body)).toContain(walkIn.body.number);
    const audit = await sys.deps.db.query("SELECT action, actor_id FROM audit_event WHERE action = 'account.household_linked'");
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });

  it("a household the village has never seen becomes the account's own with its first report, and then its number links nobody else", async () => {
    const farmer = await newFarmer("fresh-household");
    const phone = uniquePhone();
    const res = await selfReport(farmer, phone, "fresh-key");
    expect(res.status).toBe(201);
    const me = await sys.request().get("/api/me").set("Authorization", bearer(farmer));
    // a first report for oneself keeps the three-tap path for a new household (nothing known to protect yet)
    expect(me.body.household).not.toBeNull();
    // fails if: once known, the same typed number makes a second account this household's
    const other = await newFarmer("fresh-household-second");
    // the first report is still open: the second is added to it (200), and links nobody
    expect((await selfReport(other, phone, "fresh-key-2")).status).toBe(200);
    const otherMe = await sys.request().get("/api/me").set("Authorization", bearer(other));
    expect(otherMe.body.household).toBeNull();
  });

  it("staff reports for a household still join its open report", async () => {
    const res = await submitAs(sys, "demo-cadre", buildReport(village, { household: { name: "张德福", phone: VICTIM_PHONE }, relation: "cadre" }));
    expect(res.status).toBe(200);
    expect(res.body.duplicateOf).not.toBeNull();
  });
});
