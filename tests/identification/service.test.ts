import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EntityManager } from "typeorm";
import { AccountEntity } from "../../src/db/entities/account.js";
import { AuditEventEntity } from "../../src/db/entities/audit-event.js";
import { ReportEventEntity } from "../../src/db/entities/report-event.js";
import { inTransaction } from "../../src/db/transaction.js";
import type { Actor } from "../../src/domain/access.js";
import type { AppError } from "../../src/errors.js";
import type { ClearanceStepInput, IdentificationStepInput } from "../../src/contracts/identification.js";
import { setTownshipReview } from "../../src/repositories/identification.js";
import { listRegister, recordClearanceStep, recordIdentificationStep, reportIdentification } from "../../src/services/identification-service.js";
import { areaOf, buildReport, submitAs } from "../helpers/factories.js";
import { testEngines } from "../helpers/databases.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";

const cst = (s: string) => `${s}+08:00`;

describe.each(testEngines())("the identification path and the register on %s", (engine) => {
  let sys: TestSystem;
  const actors: Record<string, Actor> = {};
  let reportId: string;
  let householdId: string;

  const run = <T>(work: (tx: EntityManager) => Promise<T>) => inTransaction(sys.deps.db, work);
  const record = (who: string, input: IdentificationStepInput, id = reportId) => run((tx) => recordIdentificationStep(sys.deps, tx, actors[who]!, id, input));
  const refusal = async (p: Promise<unknown>) => {
    try {
      await p;
      return "ok";
    } catch (e) {
      const err = e as AppError;
      return `${err.status} ${err.code}`;
    }
  };

  beforeAll(async () => {
    sys = await startTestSystem(engine, { start: "2026-06-01T02:00:00Z" }); // Monday 06-01, 10:00 in China
    for (const a of await sys.deps.db.getRepository(AccountEntity).find())
      if (a.username) actors[a.username] = { accountId: a.id, role: a.role, areaCode: a.areaCode, householdId: a.householdId };
    const village = await areaOf(sys, "demo-cadre");
    const cadre = `Bearer ${await sys.tokenFor("demo-cadre")}`;
    const res = await submitAs(sys, "demo-cadre", buildReport(village, { relation: "cadre" }));
    expect(res.status).toBe(201);
    reportId = res.body.id;
    await sys.request().post(`/api/reports/${reportId}/accept`).set("authorization", cadre).send({});
    sys.clock.set(cst("2026-06-02T10:00:00"));
    await sys
      .request()
      .post(`/api/reports/${reportId}/visit`)
      .set("authorization", cadre)
      .send({ visitedAt: cst("2026-06-02T09:00:00"), note: "家里确实困难" });
    sys.clock.set(cst("2026-06-03T10:00:00"));
    const opinion = await sys.request().post(`/api/reports/${reportId}/opinion`).set("authorization", cadre).send({ kind: "propose_monitoring" });
    expect(opinion.status).toBe(200);
    householdId = (await sys.deps.db.query("SELECT household_id FROM report WHERE id = ?", [reportId]))[0].household_id;
  });
  afterAll(async () => sys?.close());

  it("only the step's recorder in the report's area may record it: a grid worker 403, the county 403 for a village step, another village's cadre 404", async () => {
    const consent: IdentificationStepInput = { step: "consent", date: "2026-06-02", signed: true };
    expect(await refusal(record("demo-grid", consent))).toBe("403 role_forbidden");
    expect(await refusal(record("demo-county", consent))).toBe("403 role_forbidden");
    expect(await refusal(record("demo-cadre-other", consent))).toBe("404 report_not_found");
  });

  it("a household goes from consent to the register, each clock computed when read, and the household reads it plainly", async () => {
    await record("demo-cadre", { step: "consent", date: "2026-06-02", signed: true });
    await record("demo-cadre", { step: "village_review", date: "2026-06-03", form: "representatives_meeting", result: "agree" });
    sys.clock.set(cst("2026-06-04T10:00:00"));
    await record("demo-cadre", { step: "notice", date: "2026-06-04" });
    await record("demo-cadre", { step: "plan", date: "2026-06-04", labourCapacity: true, measures: [{ kind: "public_job", text: "村保洁员" }] });
    sys.clock.set(cst("2026-06-09T20:00:00"));
    // fails if: the notice's last day (06-09) were not counted inside the notice
    expect(await refusal(record("demo-cadre", { step: "notice_result", date: "2026-06-09", result: "no_objection" }))).toBe("409 notice_still_open");
    sys.clock.set(cst("2026-06-10T09:00:00"));
    await record("demo-cadre", { step: "notice_result", date: "2026-06-10", result: "no_objection" });
    expect(await refusal(record("demo-cadre", { step: "township_review", date: "2026-06-10", result: "agree" }))).toBe("403 role_forbidden");
    await record("demo-township", { step: "township_review", date: "2026-06-10", result: "agree" });
    expect(await refusal(record("demo-county", { step: "county_decision", date: "2026-06-10", result: "approved", announcement: "公告12号" }))).toBe(
      "400 household_kind_required",
    );
    const decided = await record("demo-county", {
      step: "county_decision",
      date: "2026-06-10",
      result: "approved",
      kind: "marginal",
      announcement: "某县公告〔2026〕12号",
    });
    expect(decided.stage).toBe("entry_and_plan");

    // the next day nothing has been entered: the entry clock runs, held by the county, not yet overdue
    sys.clock.set(cst("2026-06-11T09:00:00"));
    const view = await run((tx) => reportIdentification(sys.deps, tx, actors["demo-county"]!, reportId));
    expect(view && "clocks" in view ? view.clocks.map((c) => [c.name, c.met, c.overdue, c.holder]) : null).toEqual([
      ["identify_within_15_days", true, false, null],
      ["notice_5_days", true, false, null],
      ["entry_within_10_days", null, false, "county"],
      ["plan_within_10_days", true, false, null],
    ]);

    const register = await run((tx) => listRegister(sys.deps, tx, actors["demo-county"]!, { status: "monitored", pageSize: 20 }));
    expect(register.items).toHaveLength(1);
    expect(register.items[0]).toMatchObject({
      householdId,
      status: "monitored",
      kind: "marginal",
      kindLabel: "边缘易致贫户",
      identifiedOn: "2026-06-10",
      household: { name: "李**" },
    });
    expect(register.items[0]!.measures).toEqual([{ kind: "public_job", text: "村保洁员", label: "公益岗位" }]);
    expect((await run((tx) => listRegister(sys.deps, tx, actors["demo-cadre-other"]!, { status: "monitored", pageSize: 20 }))).items).toEqual([]);

    await record("demo-county", { step: "system_entry", date: "2026-06-11" });
    const mine = await run((tx) => reportIdentification(sys.deps, tx, { accountId: "farmer-x", role: "farmer", areaCode: null, householdId }, reportId));
    expect(mine).toMatchObject({ stage: "identified", outcome: "您家已纳入监测" });
    expect(JSON.stringify(mine)).not.toContain("公告12号");
    expect(mine && "timeline" in mine ? mine.timeline.map((t) => t.text) : []).toContain("县里已批准，您家已纳入监测（边缘易致贫户），会为您家落实帮扶措施");

    const audits = await sys.deps.db.getRepository(AuditEventEntity).findBy({ subjectId: reportId });
    expect(audits.filter((a) => a.action.startsWith("report.identification.")).map((a) => a.action)).toEqual([
      "report.identification.consent",
      "report.identification.village_review",
      "report.identification.notice",
      "report.identification.plan",
      "report.identification.notice_result",
      "report.identification.township_review",
      "report.identification.county_decision",
      "report.identification.system_entry",
    ]);
    const events = await sys.deps.db.getRepository(ReportEventEntity).findBy({ reportId, action: "identification", internal: false });
    expect(events).toHaveLength(8);
  });

  it("two cadres recording the same step at once record it once", async () => {
    const village = await areaOf(sys, "demo-cadre");
    const cadre = `Bearer ${await sys.tokenFor("demo-cadre")}`;
    sys.clock.set(cst("2026-06-11T10:00:00"));
    const res = await submitAs(sys, "demo-cadre", buildReport(village, { relation: "cadre" }));
    await sys.request().post(`/api/reports/${res.body.id}/accept`).set("authorization", cadre).send({});
    await sys.request().post(`/api/reports/${res.body.id}/opinion`).set("authorization", cadre).send({ kind: "propose_monitoring" });
    const consent: IdentificationStepInput = { step: "consent", date: "2026-06-11", signed: true };
    // fails if: neither the once_key nor the row lock guarded the step (tried: both removed, two consents recorded)
    const results = await Promise.all([refusal(record("demo-cadre", consent, res.body.id)), refusal(record("demo-cadre", consent, res.body.id))]);
    expect(results.sort()).toEqual(["409 step_already_recorded", "ok"]);
  });

  it("a county without township review goes from the notice's result to its decision", async () => {
    const village = await areaOf(sys, "demo-cadre");
    const cadre = `Bearer ${await sys.tokenFor("demo-cadre")}`;
    await run((tx) => setTownshipReview(tx, `${village.slice(0, 6)}000000`, false));
    sys.clock.set(cst("2026-06-12T10:00:00"));
    const res = await submitAs(sys, "demo-cadre", buildReport(village, { relation: "cadre" }));
    await sys.request().post(`/api/reports/${res.body.id}/accept`).set("authorization", cadre).send({});
    await sys.request().post(`/api/reports/${res.body.id}/opinion`).set("authorization", cadre).send({ kind: "propose_monitoring" });
    const view = await record("demo-cadre", { step: "consent", date: "2026-06-12", signed: true }, res.body.id);
    expect(view.townshipReview).toBe(false);
    await run((tx) => setTownshipReview(tx, `${village.slice(0, 6)}000000`, true));
  });

  it("the household's risk clearance: study, visit with six steady months, review, notice, township, county, update → cleared", async () => {
    const clear = (who: string, input: ClearanceStepInput) => run((tx) => recordClearanceStep(sys.deps, tx, actors[who]!, householdId, input));
    sys.clock.set(cst("2026-12-14T10:00:00")); // Monday
    await clear("demo-cadre", { step: "village_study", date: "2026-12-14" });
    expect(
      await refusal(
        clear("demo-cadre", {
          step: "visit",
          date: "2026-12-14",
          incomePerPerson: 9800,
          steadySince: "2026-06-15",
          incomeSteady: true,
          guaranteesSecure: true,
          riskGone: true,
        }),
      ),
    ).toBe("400 income_not_steady_long_enough");
    await clear("demo-cadre", {
      step: "visit",
      date: "2026-12-14",
      incomePerPerson: 9800,
      steadySince: "2026-06-14",
      incomeSteady: true,
      guaranteesSecure: true,
      riskGone: true,
    });
    await clear("demo-cadre", { step: "village_review", date: "2026-12-14", form: "villagers_meeting", result: "agree" });
    await clear("demo-cadre", { step: "notice", date: "2026-12-14" });
    // posted Monday 12-14: the 5th day is Saturday 12-19, so the notice runs to 24:00 Monday 12-21
    sys.clock.set(cst("2026-12-21T10:00:00"));
    expect(await refusal(clear("demo-cadre", { step: "notice_result", date: "2026-12-21", result: "no_objection" }))).toBe("409 notice_still_open");
    sys.clock.set(cst("2026-12-22T10:00:00"));
    await clear("demo-cadre", { step: "notice_result", date: "2026-12-22", result: "no_objection" });
    await clear("demo-township", { step: "township_review", date: "2026-12-22", result: "agree" });
    await clear("demo-county", { step: "county_decision", date: "2026-12-22", result: "approved", announcement: "某县公告〔2026〕80号" });
    const done = await clear("demo-county", { step: "information_update", date: "2026-12-22" });
    expect(done.stage).toBe("cleared");
    const cleared = await run((tx) => listRegister(sys.deps, tx, actors["demo-county"]!, { status: "risk_cleared", pageSize: 20 }));
    expect(cleared.items.map((i) => [i.householdId, i.clearedOn])).toEqual([[householdId, "2026-12-22"]]);
    expect((await run((tx) => listRegister(sys.deps, tx, actors["demo-county"]!, { status: "monitored", pageSize: 20 }))).items).toEqual([]);
    expect(await refusal(clear("demo-cadre", { step: "village_study", date: "2026-12-22" }))).toBe("409 already_cleared");
  });
});
