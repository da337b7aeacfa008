import { ReportEntity } from "../../src/db/entities/report.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tick } from "../../src/cron/scheduler.js";
import { NotificationEntity } from "../../src/db/entities/notification.js";
import { dispatchChannel, type Sender } from "../../src/outbox/dispatcher.js";
import { claimNotifications } from "../../src/outbox/outbox.js";
import { startSystem } from "../../src/system.js";
import { createLogger } from "../../src/logger.js";
import type { Deps } from "../../src/services/deps.js";
import { testEngines } from "../helpers/databases.js";
import { areaOf, buildReport, submitAs } from "../helpers/factories.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";

interface Sent {
  id: number;
  kind: string;
  recipientId: string;
  text: string;
  at: string;
}

/** Stands in for the bot: records what it would have posted, and when. */
function recordingBot(deps: Deps, sent: Sent[]): Sender {
  return async (n) => {
    sent.push({ id: n.id, kind: n.kind, recipientId: n.recipientId, text: String(n.payload.text), at: deps.clock.now().toISOString() });
    return { kind: "sent" };
  };
}

const HOUR = 3600_000;

describe.each(testEngines())("reminders and escalation on %s", (engine) => {
  let sys: TestSystem;
  let village: string;
  let ids: Record<string, string>;
  const sent: Sent[] = [];

  async function runFor(hours: number) {
    for (let h = 0; h < hours; h++) {
      sys.clock.advance(HOUR);
      await tick(sys.deps);
      await dispatchChannel(sys.deps, "bot", recordingBot(sys.deps, sent));
    }
  }

  beforeAll(async () => {
    sys = await startTestSystem(engine); // Monday 2 March 2026, 10:00 China time
    village = await areaOf(sys, "demo-cadre");
    const accounts = await sys.deps.db.query("SELECT id, username FROM account WHERE username LIKE 'demo-%'");
    ids = Object.fromEntries(accounts.map((a: { id: string; username: string }) => [a.username, a.id]));
  });
  afterAll(() => sys.close());

  it("the cadre hears of a new report at once, 2 days and 1 day before the deadline; the township at the deadline; each once", async () => {
    const res = await submitAs(sys, "demo-farmer", buildReport(village, { channel: "miniprogram", riskTypes: ["illness"], household: { name: "孙秀英", phone: "13566667777" } }), "reminder-key-0001");
    const answered = await submitAs(sys, "demo-cadre", buildReport(village, { relation: "cadre" }));
    const cadre = `Bearer ${await sys.tokenFor("demo-cadre")}`;
    await sys.request().post(`/api/reports/${answered.body.id}/accept`).set("authorization", cadre).send({});
    await sys.request().post(`/api/reports/${answered.body.id}/opinion`).set("authorization", cadre).send({ kind: "already_assisted" });

    // due 9 March 24:00 China = 2026-03-09T16:00Z; run hour by hour until a day after it
    await runFor(8 * 24);
    const about = (id: string) => sent.filter((s) => s.text.includes(id));
    const mine = about(res.body.number);
    expect(mine.map((s) => [s.kind, s.recipientId])).toEqual([
      ["report_received", ids["demo-cadre"]],
      ["report_due_in_2_days", ids["demo-cadre"]],
      ["report_due_in_1_day", ids["demo-cadre"]],
      ["report_overdue", ids["demo-township"]],
    ]);
    // notice hours: the reminders and the escalation fall due at 00:00 China time and wait for
    // the county's notice hour, 08:30 (sent on the first tick after it, 09:00: the clock moves an hour a tick)
    // fails if: enqueueNotification keeps next_attempt_at = due_at (the phones buzz at midnight)
    expect(mine[1].at).toBe("2026-03-08T01:00:00.000Z");
    expect(mine[2].at).toBe("2026-03-09T01:00:00.000Z");
    expect(mine[3].at).toBe("2026-03-10T01:00:00.000Z");
    // the report itself became overdue at 24:00 of its last day; only the message waited
    const report = await sys.deps.db.getRepository(ReportEntity).findOneByOrFail({ id: res.body.id });
    expect(report.overdueAt?.toISOString()).toBe("2026-03-09T16:00:00.000Z");
    expect(mine[0].text).toContain("因病");
    for (const s of sent) {
      expect(s.text).not.toContain("孙秀英");
      expect(s.text).not.toContain("13566667777");
    }
    // the answered report got its "new report" notice and nothing after the opinion
    expect(about(answered.body.number).map((s) => s.kind)).toEqual(["report_received"]);
    const skipped = await sys.deps.db.getRepository(NotificationEntity).countBy({ status: "skipped" });
    expect(skipped).toBe(2);

    const cadreNow = `Bearer ${await sys.tokenFor("demo-cadre")}`; // a week on, the morning's session has expired
    const detail = await sys.request().get(`/api/reports/${res.body.id}`).set("authorization", cadreNow);
    expect(detail.body.overdue).toBe(true);
    expect(detail.body.timeline.map((e: { action: string }) => e.action)).toContain("marked_overdue");
    const overdueQueue = await sys.request().get("/api/queue?overdue=true").set("authorization", cadreNow);
    expect(overdueQueue.body.items.map((r: { id: string }) => r.id)).toContain(res.body.id);
  });

  it("the county gets one overdue digest a day, naming villages and counts, not households", async () => {
    const digests = sent.filter((s) => s.kind === "overdue_digest");
    const days = digests.map((d) => d.text.match(/(\d{4}-\d{2}-\d{2})/)![1]);
    expect(new Set(days).size).toBe(days.length);
    expect(days.length).toBeGreaterThanOrEqual(7);
    expect(digests.every((d) => d.recipientId === ids["demo-county"])).toBe(true);
    expect(digests.at(-1)!.text).toMatch(/共有\d+条申报超期/);
  });

  it("after two days of downtime the missed reminders go out once, late, not lost", async () => {
    const res = await submitAs(sys, "demo-cadre", buildReport(village, { relation: "cadre" }));
    await dispatchChannel(sys.deps, "bot", recordingBot(sys.deps, sent));
    const dueAt = new Date(res.body.dueAt).getTime();
    // the server is down from now until 30 hours before the deadline: the 2-days-left moment passed unseen
    sys.clock.set(new Date(dueAt - 30 * HOUR));
    await tick(sys.deps);
    await dispatchChannel(sys.deps, "bot", recordingBot(sys.deps, sent));
    await dispatchChannel(sys.deps, "bot", recordingBot(sys.deps, sent));
    const kinds = sent.filter((s) => s.text.includes(res.body.number)).map((s) => s.kind);
    expect(kinds).toEqual(["report_received", "report_due_in_2_days"]);
  });

  it("a sender that dies after claiming leaves its notices to be sent once when the lease runs out", async () => {
    const res = await submitAs(sys, "demo-cadre", buildReport(village, { relation: "cadre" }));
    const claimed = await claimNotifications(sys.deps.db, sys.clock, { channel: "bot", limit: 10, leaseMs: 5 * 60_000 });
    expect(claimed.some((n) => String(n.payload.text).includes(res.body.number))).toBe(true);
    // crashed: never acknowledged. Within the lease nobody else takes it.
    await dispatchChannel(sys.deps, "bot", recordingBot(sys.deps, sent));
    expect(sent.filter((s) => s.text.includes(res.body.number))).toHaveLength(0);
    sys.clock.advance(6 * 60_000);
    await dispatchChannel(sys.deps, "bot", recordingBot(sys.deps, sent));
    await dispatchChannel(sys.deps, "bot", recordingBot(sys.deps, sent));
    expect(sent.filter((s) => s.text.includes(res.body.number)).map((s) => s.kind)).toEqual(["report_received"]);
  });

  it("a failing send is retried with back-off and then succeeds once", async () => {
    const res = await submitAs(sys, "demo-cadre", buildReport(village, { relation: "cadre" }));
    let failures = 0;
    const flaky: Sender = async (n) => {
      if (String(n.payload.text).includes(res.body.number) && failures++ < 2) return { kind: "retry", error: "network down" };
      return recordingBot(sys.deps, sent)(n);
    };
    await dispatchChannel(sys.deps, "bot", flaky);
    const row = await sys.deps.db.getRepository(NotificationEntity).findOneBy({ dedupeKey: `report:${res.body.id}:received:${ids["demo-cadre"]}` });
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastError: "network down" });
    await dispatchChannel(sys.deps, "bot", flaky); // too early: back-off holds it
    expect(failures).toBe(1);
    sys.clock.advance(61_000);
    await dispatchChannel(sys.deps, "bot", flaky);
    sys.clock.advance(121_000);
    await dispatchChannel(sys.deps, "bot", flaky);
    expect(sent.filter((s) => s.text.includes(res.body.number))).toHaveLength(1);
  });
});

describe.each(testEngines())("subscribe messages to farmers on %s", (engine) => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(engine);
  });
  afterAll(() => sys.close());

  const sendCalls = () => sys.wechat.calls.filter((c) => c.path === "/cgi-bin/message/subscribe/send");

  it("a farmer with quota is told when the report is accepted; without quota nothing is sent and it is recorded", async () => {
    const village = await areaOf(sys, "demo-cadre");
    const farmer = `Bearer ${await sys.tokenFor("demo-farmer")}`;
    const cadre = `Bearer ${await sys.tokenFor("demo-cadre")}`;
    const grant = await sys.request().post("/api/me/subscriptions").set("authorization", farmer).send({ templateIds: [sys.deps.config.WECHAT_TEMPLATE_REPORT_PROGRESS] });
    expect(grant.body.remaining[sys.deps.config.WECHAT_TEMPLATE_REPORT_PROGRESS]).toBe(1);
    const res = await submitAs(sys, "demo-farmer", buildReport(village, { channel: "miniprogram" }), "subscribe-key-001");
    await sys.request().post(`/api/reports/${res.body.id}/accept`).set("authorization", cadre).send({});
    await tick(sys.deps);
    expect(sendCalls()).toHaveLength(1);
    expect(sendCalls()[0].body).toMatchObject({ touser: "demo-farmer-openid", template_id: sys.deps.config.WECHAT_TEMPLATE_REPORT_PROGRESS });

    // the one quota is used up: the opinion is not sent, and the outbox says why
    await sys.request().post(`/api/reports/${res.body.id}/opinion`).set("authorization", cadre).send({ kind: "propose_monitoring" });
    await tick(sys.deps);
    expect(sendCalls()).toHaveLength(1);
    const row = await sys.deps.db.getRepository(NotificationEntity).findOneBy({ dedupeKey: `report:${res.body.id}:opinion_given` });
    expect(row).toMatchObject({ status: "failed" });
    expect(row!.lastError).toMatch(/quota/);
  });

  it("WeChat's 43101 (no quota left) is recorded and zeroes the quota", async () => {
    const village = await areaOf(sys, "demo-cadre");
    const farmer = `Bearer ${await sys.tokenFor("demo-farmer")}`;
    await sys.request().post("/api/me/subscriptions").set("authorization", farmer).send({ templateIds: [sys.deps.config.WECHAT_TEMPLATE_REPORT_PROGRESS] });
    await sys.request().post("/api/me/subscriptions").set("authorization", farmer).send({ templateIds: [sys.deps.config.WECHAT_TEMPLATE_REPORT_PROGRESS] });
    const res = await submitAs(sys, "demo-farmer", buildReport(village, { channel: "miniprogram" }), "subscribe-key-002");
    sys.wechat.subscribeReplies.push({ errcode: 43101, errmsg: "user refuse to accept the msg" });
    await sys.request().post(`/api/reports/${res.body.id}/accept`).set("authorization", `Bearer ${await sys.tokenFor("demo-cadre")}`).send({});
    await tick(sys.deps);
    const row = await sys.deps.db.getRepository(NotificationEntity).findOneBy({ dedupeKey: `report:${res.body.id}:report_accepted` });
    expect(row).toMatchObject({ status: "failed" });
    expect(row!.lastError).toContain("43101");
    const quota = await sys.deps.db.query("SELECT remaining FROM subscription_quota");
    expect(quota.map((q: { remaining: number }) => Number(q.remaining))).toEqual([0]);
  });
});

describe.runIf(testEngines().includes("mysql"))("two server instances against one MariaDB", () => {
  let sys: TestSystem;
  let second: Deps;
  beforeAll(async () => {
    sys = await startTestSystem("mysql");
    second = await startSystem(sys.deps.config, { clock: sys.clock, log: createLogger("silent") });
  });
  afterAll(async () => {
    await second.db.destroy();
    await sys.close();
  });

  it("two dispatchers at once send each reminder once", async () => {
    const village = await areaOf(sys, "demo-cadre");
    for (let i = 0; i < 30; i++) await submitAs(sys, "demo-cadre", buildReport(village, { relation: "cadre" }));
    sys.clock.advance(10 * 24 * HOUR);
    const sent: Sent[] = [];
    // both instances sweep for overdue reports and send, at the same moment, until nothing is left
    for (let round = 0; round < 30; round++) {
      await Promise.all([tick(sys.deps), tick(second)]);
      await Promise.all([
        dispatchChannel(sys.deps, "bot", recordingBot(sys.deps, sent), 7),
        dispatchChannel(second, "bot", recordingBot(second, sent), 7),
        dispatchChannel(sys.deps, "bot", recordingBot(sys.deps, sent), 7),
        dispatchChannel(second, "bot", recordingBot(second, sent), 7),
      ]);
      const due = await sys.deps.db.query("SELECT COUNT(*) AS n FROM notification WHERE channel = 'bot' AND status = 'pending' AND next_attempt_at <= ?", [sys.clock.now()]);
      if (Number(due[0].n) === 0) break;
    }
    const ids = sent.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    const rows = await sys.deps.db.getRepository(NotificationEntity).countBy({ channel: "bot" });
    const sentRows = await sys.deps.db.getRepository(NotificationEntity).countBy({ channel: "bot", status: "sent" });
    expect(sentRows).toBe(ids.length);
    expect(rows).toBeGreaterThanOrEqual(30 * 2); // 30 received + 30 overdue, at least
    expect(sent.filter((s) => s.kind === "report_overdue")).toHaveLength(30);
  });
});
