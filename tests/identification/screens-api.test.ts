import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { areaOf, buildReport, submitAs } from "../helpers/factories.js";
import { testEngines } from "../helpers/databases.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";

const cst = (s: string) => `${s}+08:00`;

/**
 * What the screens read of the identification path (监测认定 page, ledger, dashboard), on one
 * county's cases at 2026-06-25 (端午 06-19 is a rest day):
 * A received 06-01, approved 06-09, plan 06-10, never entered: entry due 06-22, overdue;
 * B received 06-02, consent only: its 15 days ended 06-17, overdue;
 * C received 06-02, consent refused: ended, decided in time;
 * D received 06-24, just proposed.
 */
describe.each(testEngines())("the identification screens' API on %s", (engine) => {
  let sys: TestSystem;
  const cases: Record<string, { id: string; number: string }> = {};
  const auth = async (who: string) => ({ authorization: `Bearer ${await sys.tokenFor(who)}` });

  async function proposed(name: string): Promise<{ id: string; number: string }> {
    const village = await areaOf(sys, "demo-cadre");
    const body = buildReport(village, { relation: "cadre", riskTypes: ["illness", "housing"] });
    const res = await submitAs(sys, "demo-cadre", { ...body, household: { ...body.household!, name } });
    await sys
      .request()
      .post(`/api/reports/${res.body.id}/accept`)
      .set(await auth("demo-cadre"))
      .send({});
    const opinion = await sys
      .request()
      .post(`/api/reports/${res.body.id}/opinion`)
      .set(await auth("demo-cadre"))
      .send({ kind: "propose_monitoring" });
    expect(opinion.status).toBe(200);
    return { id: res.body.id, number: res.body.number };
  }
  async function step(who: string, id: string, body: object): Promise<void> {
    const res = await sys
      .request()
      .post(`/api/reports/${id}/identification`)
      .set(await auth(who))
      .send(body);
    expect([res.status, res.body.error]).toEqual([200, undefined]);
  }

  beforeAll(async () => {
    sys = await startTestSystem(engine, { start: "2026-06-01T02:00:00Z" });
    cases.A = await proposed("王建国");
    sys.clock.set(cst("2026-06-02T10:00:00"));
    cases.B = await proposed("赵春梅");
    cases.C = await proposed("孙立新");
    await step("demo-cadre", cases.B.id, { step: "consent", date: "2026-06-02", signed: true });
    await step("demo-cadre", cases.C.id, { step: "consent", date: "2026-06-02", signed: false, reason: "不愿提供家庭收入情况" });
    sys.clock.set(cst("2026-06-10T10:00:00"));
    await step("demo-cadre", cases.A.id, { step: "consent", date: "2026-06-01", signed: true });
    await step("demo-cadre", cases.A.id, { step: "village_review", date: "2026-06-02", form: "villagers_meeting", result: "agree" });
    await step("demo-cadre", cases.A.id, { step: "notice", date: "2026-06-03" });
    await step("demo-cadre", cases.A.id, { step: "notice_result", date: "2026-06-09", result: "no_objection" });
    await step("demo-township", cases.A.id, { step: "township_review", date: "2026-06-09", result: "agree" });
    await step("demo-county", cases.A.id, {
      step: "county_decision",
      date: "2026-06-09",
      result: "approved",
      kind: "sudden_hardship",
      announcement: "公告〔2026〕7号",
    });
    await step("demo-cadre", cases.A.id, {
      step: "plan",
      date: "2026-06-10",
      labourCapacity: true,
      measures: [
        { kind: "public_job", text: "村保洁公益岗" },
        { kind: "medical", text: "大病保险二次报销" },
      ],
    });
    sys.clock.set(cst("2026-06-24T10:00:00"));
    cases.D = await proposed("钱秀英");
    sys.clock.set(cst("2026-06-25T10:00:00"));
  });
  afterAll(async () => sys?.close());

  // fails if: cases are not sorted overdue first then by their clock's end, an ended case stays listed, or a name is shown in full
  it("the county's open cases: overdue first (soonest end first), ended ones gone, each with its next step and clock", async () => {
    const res = await sys
      .request()
      .get("/api/identification/cases")
      .set(await auth("demo-county"));
    expect(res.status).toBe(200);
    expect(
      res.body.items.map((c: { number: string; overdue: boolean; next: { label: string; holderLabel: string; clock: { due: { text: string } } } }) => [
        c.number,
        c.overdue,
        c.next.label,
        c.next.holderLabel,
        c.next.clock.due.text,
      ]),
    ).toEqual([
      [cases.B.number, true, "民主评议", "村干部", "已超期8天"],
      [cases.A.number, true, "系统录入", "县里", "已超期3天"],
      [cases.D.number, false, "签署授权承诺书", "村干部", "还剩14天"],
    ]);
    expect(res.body.items[0].household.name).toBe("赵**");
    expect(res.body).toMatchObject({ total: 3, overdue: 2 });
    expect(res.body.stages.find((s: { stage: string }) => s.stage === "entry_and_plan")).toMatchObject({ label: "待系统录入和帮扶计划", count: 1, overdue: 1 });
  });

  // fails if: another village's cadre, a department or a farmer can read the village's cases
  it("another village's cadre sees none; a department and a farmer are refused", async () => {
    const other = await sys
      .request()
      .get("/api/identification/cases")
      .set(await auth("demo-cadre-other"));
    expect([other.status, other.body.total]).toEqual([200, 0]);
    const own = await sys
      .request()
      .get("/api/identification/cases")
      .set(await auth("demo-cadre"));
    expect(own.body.total).toBe(3);
    expect(
      (
        await sys
          .request()
          .get("/api/identification/cases")
          .set(await auth("demo-farmer"))
      ).status,
    ).toBe(403);
  });

  // fails if: the register sheet is missing or comes first, or its row lacks the kind, the date, the measures or the missed entry clock
  it("the county's ledger: 申报台账 first, then 监测对象台账 with the monitored household, masked", async () => {
    const res = await sys
      .request()
      .get("/api/ledger.xlsx")
      .query({ from: "2026-06-01", to: "2026-06-25" })
      .set(await auth("demo-county"))
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on("data", (c: Buffer) => chunks.push(c));
        r.on("end", () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["申报台账", "监测对象台账", "说明"]);
    const sheet = wb.getWorksheet("监测对象台账")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(sheet.rowCount).toBe(2);
    const row = Object.fromEntries(header.map((h, i) => [h, sheet.getRow(2).getCell(i + 1).value]));
    expect(row).toMatchObject({
      户主: "王**",
      监测对象类型: "突发严重困难户",
      风险类型: "因病、住房安全",
      帮扶措施: "公益岗位：村保洁公益岗；医疗：大病保险二次报销",
      "10天内制定帮扶计划": "按期",
      "10天内录入系统": "超期未完成",
      状态: "监测中",
      申报编号: cases.A.number,
    });
    expect((row["认定日期"] as Date).toISOString().slice(0, 10)).toBe("2026-06-09");
    expect(String(row["身份证号"])).toMatch(/\*/);
  });

  // fails if: the rates count clocks not yet ended, miss a case whose clock ran out unanswered, or show 0% instead of "no data" for an empty area
  it("the dashboard's siblings of 5日内答复率: identified within 15, entered within 10, planned within 10", async () => {
    const res = await sys
      .request()
      .get("/api/dashboard")
      .set(await auth("demo-county"));
    expect(res.status).toBe(200);
    expect(res.body.identificationInTime.map((r: { label: string; due: number; inTime: number; share: number | null }) => [r.label, r.due, r.inTime])).toEqual([
      ["15日内识别认定率", 3, 2],
      ["10日内录入率", 1, 0],
      ["10日内制定帮扶计划率", 1, 1],
    ]);
    const otherVillage = await areaOf(sys, "demo-cadre-other");
    const other = await sys
      .request()
      .get("/api/dashboard")
      .query({ areaCode: otherVillage })
      .set(await auth("demo-county"));
    expect(other.body.identificationInTime.map((r: { share: number | null }) => r.share)).toEqual([null, null, null]);
  });
});
