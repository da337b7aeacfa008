import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NotificationEntity } from "../../src/db/entities/notification.js";
import { enqueueIdentificationReminders } from "../../src/cron/steps.js";
import { areaOf, buildReport, submitAs } from "../helpers/factories.js";
import { testEngines } from "../helpers/databases.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";

const cst = (s: string) => `${s}+08:00`;

describe.each(testEngines())("the identification clocks' reminders on %s", (engine) => {
  let sys: TestSystem;
  let reportId: string;
  const sent = async () =>
    (await sys.deps.db.getRepository(NotificationEntity).find({ order: { id: "ASC" } }))
      .filter((n) => n.kind.startsWith("identification_"))
      .map((n) => [n.kind, n.recipientId, n.dueAt.toISOString()]);

  beforeAll(async () => {
    sys = await startTestSystem(engine, { start: "2026-06-01T02:00:00Z" }); // received Monday 06-01: 15 days end 24:00 06-16
    const village = await areaOf(sys, "demo-cadre");
    const cadre = `Bearer ${await sys.tokenFor("demo-cadre")}`;
    const res = await submitAs(sys, "demo-cadre", buildReport(village, { relation: "cadre" }));
    reportId = res.body.id;
    await sys.request().post(`/api/reports/${reportId}/accept`).set("authorization", cadre).send({});
    await sys.request().post(`/api/reports/${reportId}/opinion`).set("authorization", cadre).send({ kind: "propose_monitoring" });
    await sys.request().post(`/api/reports/${reportId}/identification`).set("authorization", cadre).send({ step: "consent", date: "2026-06-01", signed: true });
  });
  afterAll(async () => sys?.close());

  it("the village is reminded 2 days before in working hours, the township told at the end — each once, with two sweeps at the same time", async () => {
    const ids = Object.fromEntries(
      (await sys.deps.db.query("SELECT id, username FROM account")).map((a: { id: string; username: string }) => [a.username, a.id]),
    );
    sys.clock.set(cst("2026-06-15T07:00:00"));
    await enqueueIdentificationReminders(sys.deps);
    expect(await sent()).toEqual([]); // 07:00 is before the notice hour

    sys.clock.set(cst("2026-06-15T09:00:00"));
    // fails if: the dedupe key were missing (tried: two sweeps at once gave two reminders)
    await Promise.all([enqueueIdentificationReminders(sys.deps), enqueueIdentificationReminders(sys.deps)]);
    expect(await sent()).toEqual([["identification_due_in_2_days", ids["demo-cadre"], new Date(cst("2026-06-15T08:30:00")).toISOString()]]);

    // the next check is after the end: the 1-day reminder was missed and is not sent late; the township is told
    sys.clock.set(cst("2026-06-17T09:00:00"));
    await enqueueIdentificationReminders(sys.deps);
    await enqueueIdentificationReminders(sys.deps);
    const after = await sent();
    expect(after.slice(1)).toEqual([["identification_overdue", ids["demo-township"], new Date(cst("2026-06-17T08:30:00")).toISOString()]]);
  });
});
