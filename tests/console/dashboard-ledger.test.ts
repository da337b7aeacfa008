import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { ReportEntity, type Report } from "../../src/db/entities/report.js";
import { LEDGER_COLUMNS, LEDGER_PAGE_SIZE } from "../../src/services/ledger-service.js";
import { isoWeekLabel } from "../../src/services/dashboard-service.js";
import { testEngines } from "../helpers/databases.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";
import { demoPlaces, fileReport, move, type Places } from "./console-fixtures.js";

const DAY = 86_400_000;

describe("ISO week labels", () => {
  it.each([
    ["2026-03-02", "2026-W10"],
    ["2025-12-29", "2026-W01"], // the Monday before New Year belongs to week 1 of the next year
    ["2021-01-04", "2021-W01"],
    ["2020-12-28", "2020-W53"], // a 53-week year
  ])("the week of Monday %s is %s", (monday, label) => {
    expect(isoWeekLabel(monday)).toBe(label);
  });
});

describe.each(testEngines())("dashboard and ledger on %s", (engine) => {
  let sys: TestSystem;
  let places: Places;
  let county: string;
  let township: string;
  beforeAll(async () => {
    sys = await startTestSystem(engine);
    places = await demoPlaces(sys);
    // Monday 2026-03-02: three reports in village A, one in village B (another township), one answered at once
    const a1 = await fileReport(sys, "demo-cadre", places.villageA.code, ["illness", "housing"]);
    await fileReport(sys, "demo-cadre", places.villageA.code, ["illness"]);
    await fileReport(sys, "demo-cadre", places.villageA.code, ["disaster"]);
    await fileReport(sys, "demo-cadre-other", places.villageB.code, ["schooling"]);
    const quick = await fileReport(sys, "demo-cadre", places.villageA.code, ["accident"]);
    await move(sys, "demo-cadre", quick.id, "accept");
    await move(sys, "demo-cadre", quick.id, "opinion", { kind: "already_assisted", reason: "已享受临时救助" });
    // eight days on, the first four are past their 5-day deadline; a1 gets a late answer
    sys.clock.advance(8 * DAY);
    await move(sys, "demo-cadre", a1.id, "accept");
    await move(sys, "demo-cadre", a1.id, "opinion", { kind: "propose_monitoring" });
    await fileReport(sys, "demo-cadre", places.villageA.code, ["illness"]);
    county = `Bearer ${await sys.tokenFor("demo-county")}`;
    township = `Bearer ${await sys.tokenFor("demo-township")}`;
  });
  afterAll(() => sys.close());

  it("the county sees villages with open reports, the one with overdue reports first", async () => {
    const res = await sys.request().get("/api/dashboard").set("authorization", county);
    expect(res.status).toBe(200);
    expect(res.body.area.code).toBe(places.county.code);
    const [first, second] = res.body.villages;
    expect(first).toMatchObject({ code: places.villageA.code, name: places.villageA.name, open: 5, awaiting: 3, overdue: 2 });
    expect(first.township.code).toBe(places.township.code);
    expect(second).toMatchObject({ code: places.villageB.code, open: 1, awaiting: 1, overdue: 1 });
    expect(res.body.totals).toMatchObject({ open: 6, awaiting: 4, overdue: 3, villagesOverdue: 2 });
  });

  it("reports are counted by risk type in the ISO week they came in", async () => {
    const res = await sys.request().get("/api/dashboard").set("authorization", county);
    const weeks = res.body.weeks as Array<{ week: string; counts: Record<string, number>; total: number }>;
    expect(weeks).toHaveLength(8);
    expect(weeks[6].week).toBe("2026-W10");
    expect(weeks[6].counts).toMatchObject({ illness: 2, housing: 1, disaster: 1, schooling: 1, accident: 1 });
    expect(weeks[7].week).toBe("2026-W11");
    expect(weeks[7].counts.illness).toBe(1);
    expect(weeks[7].total).toBe(1);
    expect(weeks.slice(0, 6).every((w) => w.total === 0)).toBe(true);
  });

  it("the share answered within the period counts reports whose period ended in the last 30 days", async () => {
    const res = await sys.request().get("/api/dashboard").set("authorization", county);
    expect(res.body.answeredInTime).toMatchObject({ due: 5, inTime: 1, share: 0.2 });
  });

  it("a township sees only its own villages; another area is a 404", async () => {
    const res = await sys.request().get("/api/dashboard").set("authorization", township);
    expect(res.body.villages.map((v: { code: string }) => v.code)).toEqual([places.villageA.code]);
    const other = await sys.request().get("/api/dashboard").query({ areaCode: places.villageB.code }).set("authorization", township);
    expect(other.status).toBe(404);
  });

  it("a village cadre may not open the dashboard", async () => {
    const res = await sys
      .request()
      .get("/api/dashboard")
      .set("authorization", `Bearer ${await sys.tokenFor("demo-cadre")}`);
    expect(res.status).toBe(403);
  });

  async function ledger(auth: string, query: Record<string, string> = {}) {
    const res = await sys
      .request()
      .get("/api/ledger.xlsx")
      .query(query)
      .set("authorization", auth)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on("data", (c: Buffer) => chunks.push(c));
        r.on("end", () => done(null, Buffer.concat(chunks)));
      });
    return res;
  }

  async function readSheet(body: Buffer) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? "" : String(v)))));
    return rows;
  }

  it("the ledger is an Excel file with the county's columns, masked numbers and the overdue mark", async () => {
    const res = await ledger(county, { from: "2026-03-01", to: "2026-03-31" });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    expect(res.headers["content-disposition"]).toContain("attachment");
    const rows = await readSheet(res.body as Buffer);
    expect(rows[0]).toEqual(LEDGER_COLUMNS.map((c) => c.header));
    const data = rows.slice(1).filter((r) => /^\d{6}-\d{5}$/.test(r[1]));
    expect(data).toHaveLength(6);
    const col = (name: string) => LEDGER_COLUMNS.findIndex((c) => c.header === name);
    // the clock stood still while filing, so rows of one instant come in id order: find by content
    const first = data.find((r) => r[col("风险类型")] === "因病、住房安全")!;
    expect(first[col("村")]).toBe(places.villageA.name);
    expect(first[col("联系电话")]).toMatch(/^138\*{4}\d{4}$/);
    expect(first[col("户主")]).toMatch(/^王\*+$/);
    expect(first[col("办理意见")]).toContain("拟纳入监测");
    expect(first[col("是否超期")]).toBe("是");
    const quick = data.find((r) => r[col("风险类型")] === "因意外事故")!;
    expect(quick[col("是否超期")]).toBe("否");
    expect(quick[col("受理时间")]).toBe("2026-03-02 10:00");
    expect(JSON.stringify(rows)).not.toMatch(/138\d{8}/);
  });

  it("a township's ledger holds its own villages only; the export is audited", async () => {
    const rows = await readSheet((await ledger(township)).body as Buffer);
    const villages = new Set(
      rows
        .slice(1)
        .filter((r) => /^\d{6}-\d{5}$/.test(r[1]))
        .map((r) => r[3]),
    );
    expect([...villages]).toEqual([places.villageA.name]);
    const audit = await sys.deps.db.query("SELECT COUNT(*) AS n FROM audit_event WHERE action = 'ledger.exported'");
    expect(Number(audit[0].n)).toBeGreaterThanOrEqual(2);
  });

  it(`a ledger longer than one page (${LEDGER_PAGE_SIZE} rows) holds every report once, even when many share a receipt time`, async () => {
    const receivedAt = new Date("2026-02-10T02:00:00Z");
    const sealed = sys.deps.crypto.encrypt("13912345678");
    const rows: Report[] = Array.from({ length: LEDGER_PAGE_SIZE * 2 + 7 }, (_, i) => ({
      id: randomUUID(),
      number: `P${String(i).padStart(8, "0")}`,
      villageCode: places.villageB.code,
      householdId: randomUUID(),
      householdName: "张三",
      phoneSealed: sealed,
      idNumberSealed: null,
      riskTypes: ",other,",
      description: "",
      relation: "self",
      channel: "miniprogram",
      reporterAccountId: null,
      consentGiven: true,
      consentTextVersion: "v1",
      status: "closed",
      openKey: null,
      // three receipt instants only, so pages break inside runs of equal times
      receivedAt: new Date(receivedAt.getTime() + (i % 3) * 1000),
      dueAt: new Date(receivedAt.getTime() + 6 * DAY),
      deadlineBasis: "statutory",
      acceptedAt: null,
      visitedAt: null,
      opinionAt: new Date(receivedAt.getTime() + DAY),
      opinionKind: "not_eligible",
      opinionReason: "收入高于监测线",
      opinionPolicyRef: null,
      overdueAt: null,
      closedAt: null,
      transferredTo: null,
      updatedAt: receivedAt,
    }));
    for (let i = 0; i < rows.length; i += 200) await sys.deps.db.getRepository(ReportEntity).insert(rows.slice(i, i + 200));
    const sheet = await readSheet((await ledger(county, { from: "2026-02-10", to: "2026-02-10" })).body as Buffer);
    const numbers = sheet
      .slice(1)
      .map((r) => r[1] ?? "")
      .filter((n) => n.startsWith("P"));
    expect(numbers).toHaveLength(rows.length);
    expect(new Set(numbers).size).toBe(rows.length);
  });

  it("a ledger of another area is a 404 and a reversed period a 400, both in Chinese", async () => {
    const other = await sys.request().get("/api/ledger.xlsx").query({ areaCode: places.villageB.code }).set("authorization", township);
    expect(other.status).toBe(404);
    const reversed = await sys.request().get("/api/ledger.xlsx").query({ from: "2026-03-10", to: "2026-03-01" }).set("authorization", county);
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.message).toMatch(/开始日期/);
  });
});
