import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NotificationEntity } from "../../src/db/entities/notification.js";
import { areaOf, buildReport, submitAs } from "../helpers/factories.js";
import { testEngines } from "../helpers/databases.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";

const cst = (s: string) => `${s}+08:00`;

describe.each(testEngines())("the identification API on %s", (engine) => {
  let sys: TestSystem;
  let reportId: string;
  const tokens: Record<string, string> = {};
  const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
  const step = (who: string, body: object, id = reportId) => sys.request().post(`/api/reports/${id}/identification`).set(as(who)).send(body);

  // sessions lapse while the fake clock jumps days: sign in again after each jump
  const setClock = async (at: string) => {
    sys.clock.set(at);
    for (const who of Object.keys(tokens)) tokens[who] = await sys.tokenFor(who);
  };

  beforeAll(async () => {
    sys = await startTestSystem(engine, { start: "2026-06-01T02:00:00Z" }); // Monday 06-01, 10:00 in China
    for (const who of ["demo-cadre", "demo-cadre-other", "demo-grid", "demo-township", "demo-county", "demo-farmer"]) tokens[who] = await sys.tokenFor(who);
    const village = await areaOf(sys, "demo-cadre");
    // the demo farmer's own household (src/seed/demo.ts): it reads its identification as the household
    const res = await submitAs(sys, "demo-farmer", buildReport(village, { household: { name: "张德福", phone: "13800138000" } }));
    expect(res.status).toBe(201);
    reportId = res.body.id;
    await sys.request().post(`/api/reports/${reportId}/accept`).set(as("demo-cadre")).send({});
    await setClock(cst("2026-06-03T10:00:00"));
    expect((await sys.request().post(`/api/reports/${reportId}/opinion`).set(as("demo-cadre")).send({ kind: "propose_monitoring" })).status).toBe(200);
  });
  afterAll(async () => sys?.close());

  it("refuses by role (403), by area (404), by order (409) and by field (400), each in Chinese", async () => {
    expect((await step("demo-grid", { step: "consent", date: "2026-06-02", signed: true })).body.error.code).toBe("role_forbidden");
    expect((await step("demo-grid", { step: "consent", date: "2026-06-02", signed: true })).status).toBe(403);
    expect((await step("demo-cadre-other", { step: "consent", date: "2026-06-02", signed: true })).status).toBe(404);
    const early = await step("demo-cadre", { step: "village_review", date: "2026-06-03", form: "villagers_meeting", result: "agree" });
    expect([early.status, early.body.error.code, early.body.error.message]).toEqual([409, "consent_not_signed", "农户签署授权承诺书以后，才能进行民主评议"]);
    const badForm = await step("demo-cadre", { step: "village_review", date: "2026-06-03", form: "party_meeting", result: "agree" });
    expect([badForm.status, badForm.body.error.message]).toEqual([400, "评议方式：评议方式不对，可选：村民会议、村民代表会议、村“两委”扩大会议"]);
    const noReason = await step("demo-cadre", { step: "consent", date: "2026-06-02", signed: false });
    expect([noReason.status, noReason.body.error.code]).toEqual([400, "consent_reason_required"]);
    const future = await step("demo-cadre", { step: "consent", date: "2026-06-04", signed: true });
    expect([future.status, future.body.error.code, future.body.error.message]).toEqual([400, "date_in_future", "日期不能晚于今天"]);
  });

  it("the whole path: the report detail carries the stage, the steps and the clocks; the household reads plain words", async () => {
    expect((await step("demo-cadre", { step: "consent", date: "2026-06-02", signed: true })).status).toBe(200);
    expect((await step("demo-cadre", { step: "village_review", date: "2026-06-03", form: "villagers_meeting", result: "agree" })).status).toBe(200);
    await setClock(cst("2026-06-04T10:00:00"));
    const posted = await step("demo-cadre", { step: "notice", date: "2026-06-04" });
    expect(posted.body.identification.stage).toBe("notice_open");
    await setClock(cst("2026-06-09T10:00:00"));
    const early = await step("demo-cadre", { step: "notice_result", date: "2026-06-09", result: "no_objection" });
    expect([early.status, early.body.error.code, early.body.error.message]).toEqual([
      409,
      "notice_still_open",
      "公示要到6月9日24时才结束，这一步的日期要在公示结束以后",
    ]);
    await setClock(cst("2026-06-10T10:00:00"));
    expect((await step("demo-cadre", { step: "notice_result", date: "2026-06-10", result: "no_objection" })).status).toBe(200);
    expect((await step("demo-township", { step: "township_review", date: "2026-06-10", result: "agree" })).status).toBe(200);
    const decided = await step("demo-county", {
      step: "county_decision",
      date: "2026-06-10",
      result: "approved",
      kind: "unstable",
      announcement: "某县公告〔2026〕12号",
    });
    expect(decided.body.identification.stage).toBe("entry_and_plan");
    const told = await sys.deps.db.getRepository(NotificationEntity).findBy({ kind: "identification_outcome" });
    expect(told.map((n) => [n.channel, JSON.parse(n.payload)])).toEqual([["wechat_subscribe", expect.objectContaining({ status: "已纳入监测", reportId })]]);

    // twelve days on, nothing entered and no plan: both clocks are overdue when read, no job having run
    await setClock(cst("2026-06-23T10:00:00"));
    const detail = await sys.request().get(`/api/reports/${reportId}`).set(as("demo-county"));
    expect(detail.body.identification.clocks.map((c: { name: string; overdue: boolean; met: boolean | null }) => [c.name, c.overdue, c.met])).toEqual([
      ["identify_within_15_days", false, true],
      ["notice_5_days", false, true],
      ["entry_within_10_days", true, null],
      ["plan_within_10_days", true, null],
    ]);
    const plan = await step("demo-cadre", { step: "plan", date: "2026-06-23", labourCapacity: true, measures: [{ kind: "medical", text: "大病保险" }] });
    expect([plan.status, plan.body.error.code, plan.body.error.details]).toEqual([400, "developmental_measure_required", { field: "measures" }]);

    const mine = await sys.request().get(`/api/reports/${reportId}`).set(as("demo-farmer"));
    expect(mine.body.identification).toMatchObject({ stage: "entry_and_plan", outcome: "您家已纳入监测" });
    expect(mine.body.identification.timeline.map((t: { text: string }) => t.text)).toContain(
      "县里已批准，您家已纳入监测（脱贫不稳定户），会为您家落实帮扶措施",
    );
    expect(JSON.stringify(mine.body)).not.toContain("某县公告");
    expect(mine.body.timeline.map((t: { label: string }) => t.label)).toContain("村里开始公示拟纳入监测名单，公示5天");

    const register = await sys.request().get("/api/households?status=monitored").set(as("demo-county"));
    expect(register.status).toBe(200);
    expect(
      register.body.items.map((i: { kindLabel: string; identifiedOn: string; household: { name: string } }) => [i.kindLabel, i.identifiedOn, i.household.name]),
    ).toEqual([["脱贫不稳定户", "2026-06-10", "张**"]]);
    expect((await sys.request().get("/api/households").set(as("demo-farmer"))).status).toBe(403);
    expect((await sys.request().get("/api/households").set(as("demo-cadre-other"))).body.items).toEqual([]);
  });

  it("a clearance body names its bad field in Chinese", async () => {
    const res = await sys
      .request()
      .post("/api/households/00000000-0000-4000-8000-000000000000/clearance")
      .set(as("demo-cadre"))
      .send({ step: "visit", date: "2026-06-23", steadySince: "2025-12-01", incomeSteady: true, guaranteesSecure: true, riskGone: true });
    expect([res.status, res.body.error.message]).toEqual([400, "家庭年人均纯收入：请填写家庭年人均纯收入（元）"]);
  });
});
