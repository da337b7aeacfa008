import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueIdentificationReminders } from "../../src/cron/steps.js";
import { NotificationEntity } from "../../src/db/entities/notification.js";
import { ReportEntity } from "../../src/db/entities/report.js";
import { caseReminders, nextReminderAt } from "../../src/domain/identification/clocks.js";
import { casesDueForReminders } from "../../src/notices/identification-clock.js";
import { identificationSteps } from "../../src/repositories/identification.js";
import { identificationContext } from "../../src/services/identification-service.js";
import { areaOf, buildReport, submitAs } from "../helpers/factories.js";
import { testEngines } from "../helpers/databases.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";
import { MADE_UP_2027 } from "../calendar/made-up-2027.js";
import { CALENDAR_RELOAD_MS } from "../../src/services/holiday-calendar.js";

const cst = (s: string) => `${s}+08:00`;
const SENTINEL = new Date("2001-01-01T00:00:00Z");

describe.each(testEngines())("the identification sweep reads only the cases due, on %s", (engine) => {
  let sys: TestSystem;
  const tokens: Record<string, string> = {};
  const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
  const setClock = async (at: string) => {
    sys.clock.set(at);
    for (const who of Object.keys(tokens)) tokens[who] = await sys.tokenFor(who);
  };
  const stored = async (id: string) => (await sys.deps.db.getRepository(ReportEntity).findOneByOrFail({ id })).nextReminderAt ?? null;
  /** What the domain says, from the case's steps read now: the instant a step move must store. */
  const computed = async (id: string) => {
    const report = await sys.deps.db.getRepository(ReportEntity).findOneByOrFail({ id });
    const ctx = await identificationContext(sys.deps, sys.deps.db.manager, report);
    const steps = await identificationSteps(sys.deps.db.manager, id);
    return nextReminderAt(caseReminders(id, report.receivedAt, steps, ctx, sys.clock.now()), false);
  };
  const propose = async (name: string) => {
    const village = await areaOf(sys, "demo-cadre");
    const res = await submitAs(
      sys,
      "demo-cadre",
      buildReport(village, { relation: "cadre", household: { name, phone: `1390000${String(name.length).padStart(4, "0")}` } }),
    );
    expect(res.status).toBe(201);
    await sys.request().post(`/api/reports/${res.body.id}/accept`).set(as("demo-cadre")).send({});
    expect((await sys.request().post(`/api/reports/${res.body.id}/opinion`).set(as("demo-cadre")).send({ kind: "propose_monitoring" })).status).toBe(200);
    return res.body.id as string;
  };

  beforeAll(async () => {
    sys = await startTestSystem(engine, { start: "2026-06-01T02:00:00Z" }); // Monday 06-01, 10:00 in China
    for (const who of ["demo-cadre", "demo-township", "demo-county", "demo-admin"]) tokens[who] = await sys.tokenFor(who);
  });
  afterAll(async () => sys?.close());

  it("a case whose clock is far away is not read; the case due is, once, and then waits for its next reminder", async () => {
    const near = await propose("王近");
    // proposed on Monday 06-01: its 15 days end 24:00 06-16, the first reminder goes 06-15 08:30
    expect(await stored(near)).toEqual(new Date(cst("2026-06-15T08:30:00")));
    await setClock(cst("2026-06-10T10:00:00"));
    const far = await propose("李远远");
    const farAt = await stored(far);
    expect(farAt!.getTime()).toBeGreaterThan(new Date(cst("2026-06-20T00:00:00")).getTime());

    await setClock(cst("2026-06-15T09:00:00"));
    const read: string[] = [];
    for await (const ids of casesDueForReminders(sys.deps, sys.clock.now(), 1)) read.push(...ids);
    // fails if: the sweep read every open case again (the far case would be listed)
    expect(read).toEqual([near]);

    expect(await enqueueIdentificationReminders(sys.deps)).toBeGreaterThan(0);
    const kinds = (await sys.deps.db.getRepository(NotificationEntity).find())
      .filter((n) => n.kind.startsWith("identification_"))
      .map((n) => [n.kind, JSON.parse(n.payload).reportId]);
    expect(kinds).toEqual([["identification_due_in_2_days", near]]);
    // the far case was not touched; the near one now waits for its 1-day reminder
    expect(await stored(far)).toEqual(farAt);
    expect(await stored(near)).toEqual(new Date(cst("2026-06-16T08:30:00")));
    // fails if: a sweep that sent nothing new still re-read the case before its next instant
    const again: string[] = [];
    for await (const ids of casesDueForReminders(sys.deps, sys.clock.now())) again.push(...ids);
    expect(again).toEqual([]);
    expect(await enqueueIdentificationReminders(sys.deps)).toBe(0);
  });

  it("after each step move the stored instant equals what the domain computes, to null once nothing can fall due", async () => {
    await setClock(cst("2026-07-01T10:00:00"));
    const id = await propose("赵一步步");
    expect(await stored(id)).toEqual(await computed(id));
    const steps: Array<[string, string, object]> = [
      [cst("2026-07-01T11:00:00"), "demo-cadre", { step: "consent", date: "2026-07-01", signed: true }],
      [cst("2026-07-02T10:00:00"), "demo-cadre", { step: "village_review", date: "2026-07-02", form: "villagers_meeting", result: "agree" }],
      [cst("2026-07-03T10:00:00"), "demo-cadre", { step: "notice", date: "2026-07-03" }],
      [cst("2026-07-09T10:00:00"), "demo-cadre", { step: "notice_result", date: "2026-07-09", result: "no_objection" }],
      [cst("2026-07-09T11:00:00"), "demo-township", { step: "township_review", date: "2026-07-09", result: "agree" }],
      [
        cst("2026-07-10T10:00:00"),
        "demo-county",
        { step: "county_decision", date: "2026-07-10", result: "approved", kind: "marginal", announcement: "公告1号" },
      ],
      [cst("2026-07-13T10:00:00"), "demo-county", { step: "system_entry", date: "2026-07-13" }],
      [
        cst("2026-07-14T10:00:00"),
        "demo-cadre",
        { step: "plan", date: "2026-07-14", labourCapacity: false, measures: [{ kind: "medical", text: "大病保险" }] },
      ],
    ];
    const seen: Array<string | null> = [];
    for (const [at, who, body] of steps) {
      await setClock(at);
      // a stale instant that only a recomputation replaces
      await sys.deps.db.getRepository(ReportEntity).update({ id }, { nextReminderAt: SENTINEL });
      const res = await sys.request().post(`/api/reports/${id}/identification`).set(as(who)).send(body);
      expect(res.status).toBe(200);
      // fails if: a step move forgets to recompute
      expect([(body as { step: string }).step, await stored(id)]).toEqual([(body as { step: string }).step, await computed(id)]);
      seen.push((await stored(id))?.toISOString() ?? null);
    }
    // the notice's window, then the entry and plan clocks after the decision, then nothing
    expect(new Set(seen).size).toBeGreaterThanOrEqual(4);
    expect(seen.at(-1)).toBeNull();
  });

  it("a new holiday arrangement moves a stored instant: the sweep recomputes the case once every instance has the calendar", async () => {
    // received Monday 25 January 2027, a year not yet entered: its 15 days count weekends only
    await setClock(cst("2027-01-25T10:00:00"));
    const id = await propose("孙春节前");
    const before = await stored(id);
    const res = await sys.request().put("/api/calendar/holidays/2027").set(as("demo-admin")).send(MADE_UP_2027);
    expect(res.status).toBe(200);
    expect(await stored(id)).toEqual(new Date(sys.clock.now().getTime() + CALENDAR_RELOAD_MS));
    await setClock(new Date(sys.clock.now().getTime() + CALENDAR_RELOAD_MS).toISOString());
    await enqueueIdentificationReminders(sys.deps);
    // fails if: the stored instant kept the old calendar's date (春节 moves the 15 days' end later)
    expect(await stored(id)).toEqual(await computed(id));
    expect((await stored(id))!.getTime()).toBeGreaterThan(before!.getTime());
  });
});
