import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/data-source.js";
import { AreaEntity } from "../../src/db/entities/area.js";
import { AuditEventEntity } from "../../src/db/entities/audit-event.js";
import { ScreeningCampaignEntity } from "../../src/db/entities/screening-campaign.js";
import { campaignsOfCounty, rulesOfCounty } from "../../src/repositories/rhythm.js";
import { seedRhythm } from "../../src/seed/rhythm.js";
import { runRhythm } from "../../src/cron/steps.js";
import { testEngines } from "../helpers/databases.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";
import { notifications } from "./helpers.js";

interface Item {
  day: string;
  code: string;
  step: string;
  source: string;
  title: string;
  text: string;
  dueDay: string | null;
  shiftedFrom: string | null;
  audiences: Array<{ audience: string; status: string | null }>;
}

const daysOf = (items: Item[], code: string) => items.filter((i) => i.code === code).map((i) => i.day);

for (const engine of testEngines()) {
  describe(`screening campaigns, rules and the calendar on ${engine}`, () => {
    let ts: TestSystem;
    let county: string;
    const auth = (token: string) => ({ authorization: `Bearer ${token}` });
    beforeEach(async () => {
      // the demo as it stands on 24 November 2026, 09:37 in China
      ts = await startTestSystem(engine, { start: "2026-11-24T01:37:00Z" });
      county = await ts.tokenFor("demo-county");
    });
    afterEach(async () => ts.close());

    it("the demo county's calendar for the next 12 months shows both campaigns' steps and every recurring rule on its dates", async () => {
      const res = await ts.request().get("/api/calendar").set(auth(county));
      expect(res.status).toBe(200);
      expect([res.body.from, res.body.to]).toEqual(["2026-11-24", "2027-11-24"]);
      const items: Item[] = res.body.items;
      const campaignSteps = items.filter((i) => i.source === "campaign").map((i) => [i.day, i.step, i.audiences.map((a) => a.audience).join(",")]);
      expect(campaignSteps).toEqual([
        ["2027-03-25", "before_7d", "village_groups,cadres,grid_workers"],
        ["2027-03-31", "before_1d", "village_groups,cadres,grid_workers,farmers"],
        ["2027-04-01", "first_day", "village_groups"],
        ["2027-04-27", "before_end_3d", "cadres"],
        ["2027-05-01", "after_end", "township,county"],
        ["2027-08-25", "before_7d", "village_groups,cadres,grid_workers"],
        ["2027-08-31", "before_1d", "village_groups,cadres,grid_workers,farmers"],
        ["2027-09-01", "first_day", "village_groups"],
        ["2027-09-27", "before_end_3d", "cadres"],
        ["2027-10-01", "after_end", "township,county"],
      ]);
      expect(items.find((i) => i.step === "first_day")!.title).toContain("2027年上半年");
      const monthly = ["2026-12", "2027-01", "2027-02", "2027-03", "2027-04", "2027-05", "2027-06", "2027-07", "2027-08", "2027-09", "2027-10", "2027-11"];
      expect(daysOf(items, "migrant_records")).toEqual(monthly.map((m) => `${m}-01`));
      expect(items.find((i) => i.code === "migrant_records")!.dueDay).toBe("2026-12-02");
      expect(daysOf(items, "department_alert_window")).toEqual(monthly.flatMap((m) => [`${m}-05`, `${m}-15`]));
      expect(daysOf(items, "routine_visit")).toHaveLength(12);
      // weekends move (chinese-days knows statutory holidays through 2026 only; 2027 falls back to weekends)
      expect(daysOf(items, "routine_visit")).toContain("2027-05-03");
      expect(daysOf(items, "income_survey")).toEqual(["2027-01-01", "2027-04-01", "2027-07-01", "2027-10-01"]);
      expect(daysOf(items, "yulu_payment")).toEqual(["2026-12-01", "2027-07-01"]);
      expect(items.filter((i) => i.code === "yulu_payment").map((i) => i.dueDay)).toEqual(["2026-12-15", "2027-07-15"]);
      expect(items.filter((i) => i.code === "yulu_entry").map((i) => [i.day, i.dueDay])).toEqual([["2026-12-10", "2026-12-20"]]);
      expect(items.every((i) => i.audiences.every((a) => a.status === null))).toBe(true);
      expect(items.map((i) => i.day)).toEqual([...items.map((i) => i.day)].sort());
    });

    it("a sent occurrence shows as sent in the calendar", async () => {
      ts.clock.set("2026-12-01T01:05:00Z");
      await runRhythm(ts.deps);
      const res = await ts
        .request()
        .get("/api/calendar?from=2026-12-01&to=2026-12-31")
        .set(auth(await ts.tokenFor("demo-county")));
      const visit = (res.body.items as Item[]).find((i) => i.code === "routine_visit")!;
      expect(visit.audiences).toEqual([
        { audience: "cadres", label: "村干部", status: "sent" },
        { audience: "grid_workers", label: "网格员", status: "sent" },
      ]);
    });

    it("only county staff may use it: a township, a cadre and a farmer get 403", async () => {
      for (const who of ["demo-township", "demo-cadre"]) {
        const token = await ts.tokenFor(who);
        expect((await ts.request().get("/api/calendar").set(auth(token))).status).toBe(403);
        expect((await ts.request().post("/api/campaigns").set(auth(token)).send({ name: "排查", firstDay: "2027-01-10", lastDay: "2027-01-20" })).status).toBe(
          403,
        );
      }
      expect((await ts.request().get("/api/rules")).status).toBe(401);
    });

    it("a county creates a campaign in one township; only that township's village groups hear of it", async () => {
      const [township] = await ts.deps.db
        .getRepository(AreaEntity)
        .find({ where: { level: "township" as const, parentCode: "231226000000" }, order: { code: "ASC" } });
      const res = await ts
        .request()
        .post("/api/campaigns")
        .set(auth(county))
        .send({ name: "冬季补充排查", areaCodes: [township.code], firstDay: "2026-12-10", lastDay: "2026-12-20" });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ name: "冬季补充排查", status: "active", areas: [{ code: township.code, name: township.name }] });
      const audit = await ts.deps.db.getRepository(AuditEventEntity).findOneBy({ action: "campaign.create", subjectId: String(res.body.id) });
      expect(audit).not.toBeNull();
      ts.clock.set("2026-12-03T01:00:00Z");
      await runRhythm(ts.deps);
      const groups = (await notifications(ts.deps)).filter((n) => n.kind === "screening_before_7d" && n.recipientType === "village_group");
      const villages = await ts.deps.db.getRepository(AreaEntity).countBy({ parentCode: township.code });
      expect(groups.length).toBe(villages);
      expect(groups.every((n) => n.recipientId.startsWith(township.code.slice(0, 9)))).toBe(true);
      expect(JSON.parse(groups[0].payload).text).toContain("12月10日");
    });

    it("changing a campaign's dates moves its steps in the calendar", async () => {
      const created = await ts.request().post("/api/campaigns").set(auth(county)).send({ name: "冬季补充排查", firstDay: "2027-01-10", lastDay: "2027-01-20" });
      const moved = await ts.request().patch(`/api/campaigns/${created.body.id}`).set(auth(county)).send({ firstDay: "2027-01-12", lastDay: "2027-01-25" });
      expect(moved.status).toBe(200);
      const cal = await ts.request().get("/api/calendar?from=2027-01-01&to=2027-01-31").set(auth(county));
      expect((cal.body.items as Item[]).filter((i) => i.source === "campaign").map((i) => [i.step, i.day])).toEqual([
        ["before_7d", "2027-01-05"],
        ["before_1d", "2027-01-11"],
        ["first_day", "2027-01-12"],
        ["before_end_3d", "2027-01-22"],
        ["after_end", "2027-01-26"],
      ]);
    });

    it.each([
      [
        "the last day before the first day",
        { name: "排查", firstDay: "2027-01-20", lastDay: "2027-01-10" },
        "campaign_dates_invalid",
        /结束日期不能早于开始日期/,
      ],
      [
        "a township of another county",
        { name: "排查", firstDay: "2027-01-10", lastDay: "2027-01-20", areaCodes: ["430503001000"] },
        "area_outside_county",
        /不在本县/,
      ],
      [
        "a village instead of a township",
        { name: "排查", firstDay: "2027-01-10", lastDay: "2027-01-20", areaCodes: ["231226001001"] },
        "area_level_invalid",
        /全县或乡镇/,
      ],
      ["a campaign that has already ended", { name: "排查", firstDay: "2026-10-01", lastDay: "2026-10-10" }, "campaign_in_past", /已经过去/],
      ["a date that is not a date", { name: "排查", firstDay: "2027/01/10", lastDay: "2027-01-20" }, "validation_failed", /YYYY-MM-DD/],
      ["four months of screening", { name: "排查", firstDay: "2027-01-10", lastDay: "2027-05-20" }, "campaign_too_long", /三个月/],
    ])("a campaign with %s is refused with 400 and a Chinese message", async (_name, body, code, message) => {
      const res = await ts.request().post("/api/campaigns").set(auth(county)).send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message).toMatch(message);
    });

    it("another county's campaign is not found (404), and cannot be changed or cancelled", async () => {
      const now = ts.clock.now();
      const other = await ts.deps.db.getRepository(ScreeningCampaignEntity).insert({
        countyCode: "430503000000",
        name: "大祥区排查",
        areaCodes: '["430503000000"]',
        firstDay: "2027-04-01",
        lastDay: "2027-04-30",
        status: "active",
        seedKey: null,
        createdBy: null,
        createdAt: now,
        updatedAt: now,
      });
      const id = other.identifiers[0].id;
      expect((await ts.request().get(`/api/campaigns/${id}`).set(auth(county))).status).toBe(404);
      expect((await ts.request().patch(`/api/campaigns/${id}`).set(auth(county)).send({ name: "改名" })).status).toBe(404);
      expect((await ts.request().post(`/api/campaigns/${id}/cancel`).set(auth(county)).send({})).status).toBe(404);
      const list = await ts.request().get("/api/campaigns").set(auth(county));
      expect(list.body.items.map((c: { name: string }) => c.name)).not.toContain("大祥区排查");
    });

    it("rules: the seeded ones are listed; one switched off leaves the calendar; a taken code is 409; a bad schedule 400", async () => {
      const list = await ts.request().get("/api/rules").set(auth(county));
      expect(list.body.items.map((r: { code: string }) => r.code).sort()).toEqual([
        "department_alert_window",
        "income_survey",
        "migrant_records",
        "routine_visit",
        "yulu_entry",
        "yulu_payment",
      ]);
      const visit = list.body.items.find((r: { code: string }) => r.code === "routine_visit");
      const off = await ts.request().patch(`/api/rules/${visit.id}`).set(auth(county)).send({ enabled: false });
      expect(off.body.enabled).toBe(false);
      const cal = await ts.request().get("/api/calendar").set(auth(county));
      expect(daysOf(cal.body.items, "routine_visit")).toEqual([]);
      const taken = await ts
        .request()
        .post("/api/rules")
        .set(auth(county))
        .send({ code: "routine_visit", title: "重复", schedule: { kind: "monthly", day: 3 }, audiences: ["cadres"], template: "请走访困难家庭。" });
      expect([taken.status, taken.body.error.code]).toEqual([409, "rule_code_taken"]);
      const window = await ts
        .request()
        .post("/api/rules")
        .set(auth(county))
        .send({
          code: "odd_window",
          title: "时段",
          schedule: { kind: "monthly_window", startDay: 20, endDay: 10 },
          audiences: ["county"],
          template: "时段提醒。",
        });
      expect([window.status, window.body.error.code]).toEqual([400, "schedule_invalid"]);
      const audience = await ts
        .request()
        .post("/api/rules")
        .set(auth(county))
        .send({ code: "odd_people", title: "对象", schedule: { kind: "monthly", day: 3 }, audiences: ["everyone"], template: "提醒一下。" });
      expect([audience.status, audience.body.error.code]).toEqual([400, "validation_failed"]);
      const farmers = await ts
        .request()
        .post("/api/rules")
        .set(auth(county))
        .send({ code: "farmer_spam", title: "农户", schedule: { kind: "monthly", day: 3 }, audiences: ["farmers"], template: "提醒一下。" });
      expect(farmers.status).toBe(400);
      expect(farmers.body.error.message).toMatch(/不能发给农户/);
    });

    it("two instances seeding a county at the same moment make one set of rules and campaigns", async () => {
      const other = engine === "mysql" ? await openDatabase(ts.database.url) : ts.deps.db;
      try {
        await Promise.all([seedRhythm(ts.deps.db, ts.clock, "430503"), seedRhythm(other, ts.clock, "430503")]);
      } finally {
        if (other !== ts.deps.db) await other.destroy();
      }
      expect((await rulesOfCounty(ts.deps.db, "430503000000")).length).toBe(5);
      expect((await campaignsOfCounty(ts.deps.db, "430503000000")).length).toBe(2);
    });

    it("a calendar range that ends before it starts, or spans more than 400 days, is 400", async () => {
      const back = await ts.request().get("/api/calendar?from=2027-02-01&to=2027-01-01").set(auth(county));
      expect([back.status, back.body.error.code]).toEqual([400, "calendar_range_invalid"]);
      const long = await ts.request().get("/api/calendar?from=2027-01-01&to=2028-06-01").set(auth(county));
      expect([long.status, long.body.error.code]).toEqual([400, "calendar_range_too_long"]);
    });
  });
}

describe("大祥区 (430503) seeds its own rhythm", () => {
  it("a quarterly information update instead of the income survey, no department-alert window, Heilongjiang's deadlines switched off; seeding twice adds nothing", async () => {
    const ts = await startTestSystem("sqlite", { start: "2026-11-24T01:37:00Z" });
    try {
      await seedRhythm(ts.deps.db, ts.clock, "430503");
      await seedRhythm(ts.deps.db, ts.clock, "430503");
      const rules = Object.fromEntries((await rulesOfCounty(ts.deps.db, "430503000000")).map((r) => [r.code, r.enabled]));
      expect(rules).toEqual({ routine_visit: true, info_update: true, migrant_records: false, yulu_payment: false, yulu_entry: false });
      const campaigns = await campaignsOfCounty(ts.deps.db, "430503000000");
      expect(campaigns.map((c) => [c.firstDay, c.lastDay])).toEqual([
        ["2027-04-01", "2027-04-30"],
        ["2027-09-01", "2027-09-30"],
      ]);
    } finally {
      await ts.close();
    }
  });
});
