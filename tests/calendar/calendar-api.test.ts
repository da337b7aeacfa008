import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../src/clock.js";
import { HolidayYearEntity } from "../../src/db/entities/holiday-year.js";
import { NotificationEntity } from "../../src/db/entities/notification.js";
import { OccurrenceLedgerEntity } from "../../src/db/entities/occurrence-ledger.js";
import { runRhythm } from "../../src/cron/steps.js";
import { inTransaction } from "../../src/db/transaction.js";
import { dispatchChannel } from "../../src/outbox/dispatcher.js";
import { setNoticeTime } from "../../src/repositories/county-settings.js";
import type { Deps } from "../../src/services/deps.js";
import { deadlineForCounty } from "../../src/services/holiday-calendar.js";
import { startSystem } from "../../src/system.js";
import { testEngines } from "../helpers/databases.js";
import { areaOf, buildReport, submitAs } from "../helpers/factories.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";
import { MADE_UP_2027 } from "./made-up-2027.js";

// 2026-12-27, 10:00 China time: a report received now has its 5th day on 1 January 2027, a year
// chinese-days 1.5.7 does not know. 2027 is entered here from a MADE-UP arrangement (made-up-2027.ts).
const START = "2026-12-27T02:00:00Z";

describe.each(testEngines())("the holiday calendar on %s", (engine) => {
  let sys: TestSystem;
  let second: Deps;
  let village: string;
  let reportId: string;
  const auth = async (u: string) => `Bearer ${await sys.tokenFor(u)}`;

  beforeAll(async () => {
    sys = await startTestSystem(engine, { start: START });
    // a second instance on the same database (as `npm run bot` or another server would be)
    second = await startSystem(sys.deps.config, { clock: new FakeClock(START), log: sys.deps.log });
    village = await areaOf(sys, "demo-cadre");
  });
  afterAll(async () => {
    await second.db.destroy();
    await sys.close();
  });

  it("a year the package knows is there; 2027 is not known", async () => {
    const cadre = await auth("demo-cadre");
    const y2026 = await sys.request().get("/api/calendar/holidays/2026").set("authorization", cadre);
    expect(y2026.status).toBe(200);
    expect(y2026.body).toMatchObject({ year: 2026, known: true, source: expect.stringContaining("chinese-days") });
    expect(y2026.body.restDays).toContain("2026-10-01");
    expect(y2026.body.workingDays).toContain("2026-01-04");
    const y2027 = await sys.request().get("/api/calendar/holidays/2027").set("authorization", cadre);
    expect(y2027.body).toMatchObject({ year: 2027, known: false, restDays: [], workingDays: [] });
    const farmer = await sys
      .request()
      .get("/api/calendar/holidays/2027")
      .set("authorization", await auth("demo-farmer"));
    expect(farmer.status).toBe(403);
  });

  it("without 2027 a deadline counts weekends only, says so, and everyone is warned", async () => {
    // the demo farmer's own household (src/seed/demo.ts), so it reads the household's timeline
    const res = await submitAs(
      sys,
      "demo-farmer",
      buildReport(village, { channel: "miniprogram", household: { name: "张德福", phone: "13800138000" } }),
      "calendar-edge-0001",
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    reportId = res.body.id;
    expect(res.body.dueAt).toBe("2027-01-01T16:00:00.000Z");
    expect(res.body.message).toContain("1月1日24时");
    const detail = await sys
      .request()
      .get(`/api/reports/${reportId}`)
      .set("authorization", await auth("demo-cadre"));
    expect(detail.body).toMatchObject({ deadlineBasis: "weekends_only", dueText: "1月1日24时" });

    const warning = "2027年节假日安排尚未录入，期限暂按周末计算";
    const health = await sys.request().get("/healthz");
    expect(health.status).toBe(200);
    expect(health.body.details.warnings).toEqual([{ code: "holiday_year_missing", year: 2027, message: warning }]);
    for (const who of ["demo-county", "demo-admin"]) {
      const d = await sys
        .request()
        .get("/api/dashboard")
        .set("authorization", await auth(who));
      expect(d.body.warnings, who).toEqual([warning]);
    }
    const township = await sys
      .request()
      .get("/api/dashboard")
      .set("authorization", await auth("demo-township"));
    expect(township.body.warnings).toEqual([]);

    const rule = await sys
      .request()
      .get("/api/calendar/deadline")
      .query({ receivedAt: "2026-12-27T10:00:00+08:00", county: "231226" })
      .set("authorization", await auth("demo-cadre"));
    expect(rule.body).toEqual({ dueAt: "2027-01-01T16:00:00.000Z", lastDay: "2027-01-01", dueText: "1月1日24时", basis: "weekends_only" });
    // the second instance has read its calendar (and caches it for a minute)
    expect((await deadlineForCounty(second, new Date("2026-12-27T10:00:00+08:00"), "231226")).basis).toBe("weekends_only");
  });

  it("only an admin enters a year; a bad date is refused naming it", async () => {
    const county = await sys
      .request()
      .put("/api/calendar/holidays/2027")
      .set("authorization", await auth("demo-county"))
      .send(MADE_UP_2027);
    expect(county.status).toBe(403);
    const admin = await auth("demo-admin");
    const cases: Array<[object, string, string]> = [
      [{ ...MADE_UP_2027, restDays: [...MADE_UP_2027.restDays, "2026-12-31"] }, "2026-12-31", "restDays"],
      [{ ...MADE_UP_2027, workingDays: ["2027-02-17"] }, "2027-02-17", "workingDays"],
      [{ ...MADE_UP_2027, workingDays: ["2027-01-02"] }, "2027-01-02", "workingDays"],
      [{ ...MADE_UP_2027, restDays: ["2027-13-01"] }, "2027-13-01", "restDays"],
    ];
    for (const [body, day, field] of cases) {
      const res = await sys.request().put("/api/calendar/holidays/2027").set("authorization", admin).send(body);
      expect(res.status, day).toBe(400);
      expect(res.body.error.code).toBe("holiday_date_invalid");
      expect(res.body.error.message).toContain(day);
      expect(res.body.error.details.field).toBe(field);
    }
    const notADay = await sys
      .request()
      .put("/api/calendar/holidays/2027")
      .set("authorization", admin)
      .send({ ...MADE_UP_2027, restDays: ["1月1日"] });
    expect(notADay.status).toBe(400);
    expect(notADay.body.error.code).toBe("validation_failed");
    expect((await sys.request().get("/api/calendar/holidays/2027").set("authorization", admin)).body.known).toBe(false);
  });

  it("entering 2027 moves the open deadline later, with a timeline event the household reads", async () => {
    const res = await sys
      .request()
      .put("/api/calendar/holidays/2027")
      .set("authorization", await auth("demo-admin"))
      .send(MADE_UP_2027);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      year: 2027,
      known: true,
      source: MADE_UP_2027.source,
      restDays: MADE_UP_2027.restDays,
      workingDays: MADE_UP_2027.workingDays,
      deadlinesMoved: 1,
    });

    // fails if: reviseDeadlines is not called when a year is entered (the report keeps 1月1日)
    const detail = await sys
      .request()
      .get(`/api/reports/${reportId}`)
      .set("authorization", await auth("demo-cadre"));
    expect(detail.body).toMatchObject({ dueAt: "2027-01-04T16:00:00.000Z", dueText: "1月4日24时", deadlineBasis: "statutory" });
    const mine = await sys
      .request()
      .get("/api/me/reports")
      .set("authorization", await auth("demo-farmer"));
    const labels = mine.body.items.find((r: { id: string }) => r.id === reportId).timeline.map((e: { label: string }) => e.label);
    expect(labels).toContain("2027年节假日安排已录入，办理期限顺延至1月4日24时");

    // the cadre's reminders follow the new deadline, at 08:30 on the days before it
    const reminders = await sys.deps.db.getRepository(NotificationEntity).find({ where: { kind: "report_due_in_1_day" } });
    const revised = reminders.find((n) => n.dedupeKey.endsWith(":2027-01-04"));
    expect(revised?.nextAttemptAt.toISOString()).toBe("2027-01-04T00:30:00.000Z");

    const rule = await sys
      .request()
      .get("/api/calendar/deadline")
      .query({ receivedAt: "2026-12-27T10:00:00+08:00", county: "231226" })
      .set("authorization", await auth("demo-county"));
    expect(rule.body).toEqual({ dueAt: "2027-01-04T16:00:00.000Z", lastDay: "2027-01-04", dueText: "1月4日24时", basis: "statutory" });
    expect((await sys.request().get("/healthz")).body.details.warnings).toEqual([]);
    expect(
      (
        await sys
          .request()
          .get("/api/dashboard")
          .set("authorization", await auth("demo-county"))
      ).body.warnings,
    ).toEqual([]);
  });

  it("a second instance uses the entry within a minute, without a restart", async () => {
    const received = new Date("2026-12-27T10:00:00+08:00");
    expect((await deadlineForCounty(second, received, "231226")).basis).toBe("weekends_only"); // its cached minute
    (second.clock as FakeClock).advance(61_000);
    // fails if: HolidayCalendarStore never reloads (the second process counts weekends until restarted)
    expect(await deadlineForCounty(second, received, "231226")).toMatchObject({ lastDay: "2027-01-04", basis: "statutory" });
  });

  it("a correction is a new version; a deadline it would make earlier keeps the date the household was told", async () => {
    // the correction makes Saturday 2 January a working day: the report's last day would be the 2nd
    const corrected = {
      ...MADE_UP_2027,
      restDays: MADE_UP_2027.restDays.filter((d) => d !== "2027-01-02"),
      workingDays: [...MADE_UP_2027.workingDays, "2027-01-02"],
    };
    const res = await sys
      .request()
      .put("/api/calendar/holidays/2027")
      .set("authorization", await auth("demo-admin"))
      .send(corrected);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 2, deadlinesMoved: 0 });
    // fails if: revisedDeadline takes an earlier recomputed date
    const detail = await sys
      .request()
      .get(`/api/reports/${reportId}`)
      .set("authorization", await auth("demo-cadre"));
    expect(detail.body.dueAt).toBe("2027-01-04T16:00:00.000Z");
    expect(await sys.deps.db.getRepository(HolidayYearEntity).countBy({ year: 2027 })).toBe(2);
    const audit = await sys.deps.db.query("SELECT COUNT(*) AS n FROM audit_event WHERE action = 'holiday_year.entered'");
    expect(Number(audit[0].n)).toBe(2);
    // a new report uses the corrected calendar at once in the instance that took the entry
    const rule = await sys
      .request()
      .get("/api/calendar/deadline")
      .query({ receivedAt: "2026-12-28T10:00:00+08:00", county: "231226" })
      .set("authorization", await auth("demo-county"));
    expect(rule.body.lastDay).toBe("2027-01-02"); // 28 Dec + 5 = Saturday 2 January, a working day in the correction
  });

  it("a bad time or county is a 400", async () => {
    const cadre = await auth("demo-cadre");
    const badTime = await sys.request().get("/api/calendar/deadline").query({ receivedAt: "昨天", county: "231226" }).set("authorization", cadre);
    expect(badTime.status).toBe(400);
    expect(badTime.body.error.code).toBe("validation_failed");
    const badCounty = await sys
      .request()
      .get("/api/calendar/deadline")
      .query({ receivedAt: "2026-12-27T10:00:00+08:00", county: "999999" })
      .set("authorization", cadre);
    expect(badCounty.status).toBe(400);
    expect(badCounty.body.error).toMatchObject({ code: "county_invalid", message: expect.stringContaining("999999") });
  });

  it("the year's rhythm shifts to the next working day of the entered calendar", async () => {
    const cal = await sys
      .request()
      .get("/api/calendar")
      .query({ from: "2027-01-01", to: "2027-01-10" })
      .set("authorization", await auth("demo-county"));
    const visit = cal.body.items.find((i: { code: string }) => i.code === "routine_visit");
    // 1 January 2027 is a Friday: only the entered arrangement makes it a rest day, and the
    // correction above made Saturday 2 January a working day
    // fails if: the rhythm keeps using the package's calendar (it would stay on the 1st)
    expect(visit).toMatchObject({ day: "2027-01-02", shiftedFrom: "2027-01-01" });
  });

  it("the rhythm engine sends a shifted reminder on the entered calendar's working day", async () => {
    sys.clock.set(new Date("2027-01-02T11:00:00+08:00"));
    await runRhythm(sys.deps);
    const rows = await sys.deps.db.getRepository(OccurrenceLedgerEntity).find();
    const januaryVisit = rows.filter((r) => r.occurrenceKey.includes(":2027-01-01:") && r.status === "sent");
    // fails if: runRhythm plans with another calendar than the system's (it would send on Friday the 1st)
    expect(januaryVisit.length).toBeGreaterThan(0);
    for (const r of januaryVisit) expect(r.scheduledFor.toISOString()).toBe("2027-01-02T01:00:00.000Z");
    sys.clock.set(new Date("2026-12-28T10:00:00+08:00"));
  });

  it("notices at night wait for the county's notice hour; nothing is sent at night", async () => {
    await inTransaction(sys.deps.db, (tx) => setNoticeTime(tx, "231226000000", "09:15"));
    sys.clock.set(new Date("2026-12-28T22:30:00+08:00"));
    const res = await submitAs(sys, "demo-grid", buildReport(village, { relation: "grid_worker" }));
    expect(res.status).toBe(201);
    const notice = await sys.deps.db.getRepository(NotificationEntity).findOneByOrFail({
      dedupeKey: `report:${res.body.id}:received:${(await sys.deps.db.query("SELECT id FROM account WHERE username = 'demo-cadre'"))[0].id}`,
    });
    expect(notice.dueAt.toISOString()).toBe(new Date("2026-12-28T22:30:00+08:00").toISOString());
    expect(notice.nextAttemptAt.toISOString()).toBe(new Date("2026-12-29T09:15:00+08:00").toISOString());
    // a row already due (a retry, an expired lease) is not sent at night either
    // fails if: dispatchChannel has no quiet-hours guard
    await sys.deps.db.getRepository(NotificationEntity).update({ id: notice.id }, { nextAttemptAt: new Date("2026-12-28T22:00:00+08:00") });
    const sent: string[] = [];
    const night = await dispatchChannel(sys.deps, "bot", async (n) => (sent.push(n.kind), { kind: "sent" }));
    expect(night.sent).toBe(0);
    sys.clock.set(new Date("2026-12-29T08:00:00+08:00"));
    await dispatchChannel(sys.deps, "bot", async (n) => (sent.push(n.kind), { kind: "sent" }));
    expect(sent).toContain("report_received");
  });

  it("the ledger's deadline is a date cell reading the last day and 24时", async () => {
    const file = await sys
      .request()
      .get("/api/ledger.xlsx")
      .query({ from: "2026-12-27", to: "2026-12-27" })
      .set("authorization", await auth("demo-county"))
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on("data", (c: Buffer) => chunks.push(c));
        r.on("end", () => done(null, Buffer.concat(chunks)));
      });
    expect(file.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.body as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("申报台账")!;
    const header = (sheet.getRow(1).values as string[]).indexOf("办理期限");
    const cell = sheet.getRow(2).getCell(header);
    // fails if: the cell is text, or the next day's 00:00 ("2027-01-05 00:00")
    expect(cell.value).toBeInstanceOf(Date);
    expect((cell.value as Date).toISOString()).toBe("2027-01-04T00:00:00.000Z");
    expect(cell.numFmt).toBe('yyyy-mm-dd "24时"');
  });
});
