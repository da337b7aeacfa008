import { describe, expect, it } from "vitest";
import { chinaDay } from "../../src/domain/china-time.js";
import type { WorkingDayCalendar } from "../../src/domain/holidays.js";
import { packageCalendar } from "../../src/seed/holiday-calendar.js";

const chinaWorkingDays = packageCalendar();
import { expandCampaign } from "../../src/domain/rhythm/campaign-plan.js";
import { decideOccurrence, sendInstant } from "../../src/domain/rhythm/due.js";
import { planRule } from "../../src/domain/rhythm/occurrences.js";
import { expandSchedule, type ScheduleSpec } from "../../src/domain/rhythm/schedule.js";
import { campaignText, renderTemplate } from "../../src/domain/rhythm/texts.js";

const weekendsOnly: WorkingDayCalendar = { isWorkingDay: (d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()), knowsYear: () => false };
const days = (spec: ScheduleSpec, from: string, to: string, holidayShift = false, calendar = weekendsOnly) =>
  expandSchedule(spec, from, to, { holidayShift, calendar }).map((o) => o.day);

describe("recurrence expansion", () => {
  it.each<[string, ScheduleSpec, string, string, string[]]>([
    ["monthly on the 1st across Dec→Jan", { kind: "monthly", day: 1 }, "2026-11-15", "2027-02-10", ["2026-12-01", "2027-01-01", "2027-02-01"]],
    ["monthly on the 31st holds to February's last day", { kind: "monthly", day: 31 }, "2027-01-01", "2027-03-31", ["2027-01-31", "2027-02-28", "2027-03-31"]],
    ["monthly on the 29th in a leap February", { kind: "monthly", day: 29 }, "2028-02-01", "2028-02-29", ["2028-02-29"]],
    [
      "monthly window gives its first and last day",
      { kind: "monthly_window", startDay: 5, endDay: 15 },
      "2026-12-01",
      "2026-12-31",
      ["2026-12-05", "2026-12-15"],
    ],
    [
      "quarterly in the first month of each quarter",
      { kind: "quarterly", month: 1, day: 1 },
      "2026-01-01",
      "2026-12-31",
      ["2026-01-01", "2026-04-01", "2026-07-01", "2026-10-01"],
    ],
    ["quarterly in the last month of each quarter", { kind: "quarterly", month: 3, day: 20 }, "2026-01-01", "2026-06-30", ["2026-03-20", "2026-06-20"]],
    [
      "yearly on MM-DD, in date order",
      { kind: "yearly", dates: [{ on: "12-01" }, { on: "07-01" }] },
      "2026-01-01",
      "2027-12-31",
      ["2026-07-01", "2026-12-01", "2027-07-01", "2027-12-01"],
    ],
    ["range ends are inclusive", { kind: "monthly", day: 2 }, "2026-03-02", "2026-04-02", ["2026-03-02", "2026-04-02"]],
  ])("%s", (_name, spec, from, to, expected) => {
    expect(days(spec, from, to)).toEqual(expected);
  });

  it("a window step's deadline is the window's last day", () => {
    const [start, end] = expandSchedule({ kind: "monthly_window", startDay: 5, endDay: 15 }, "2027-02-01", "2027-02-28", {
      holidayShift: false,
      calendar: weekendsOnly,
    });
    expect([start.step, start.dueDay, end.step, end.dueDay]).toEqual(["start", "2027-02-15", "end", "2027-02-15"]);
  });

  it("Dec→Jan: a reminder on 12-25 due 01-05 speaks of next year's 5 January", () => {
    const [o] = expandSchedule({ kind: "yearly", dates: [{ on: "12-25", due: "01-05" }] }, "2026-01-01", "2026-12-31", {
      holidayShift: false,
      calendar: weekendsOnly,
    });
    expect(o).toMatchObject({ day: "2026-12-25", dueDay: "2027-01-05" });
  });

  it("a deadline in another month (雨露计划 12-10 → due 12-20) is kept", () => {
    const [o] = expandSchedule({ kind: "yearly", dates: [{ on: "12-10", due: "12-20" }] }, "2026-01-01", "2026-12-31", {
      holidayShift: false,
      calendar: weekendsOnly,
    });
    expect(o).toMatchObject({ day: "2026-12-10", dueDay: "2026-12-20" });
  });
});

describe("holiday shift", () => {
  it.each([
    ["National Day 2026-10-01 moves to 2026-10-08", "10-01", "2026-10-08"],
    ["New Year 2026-01-01 moves to Sunday 2026-01-04, a swapped working day (调休)", "01-01", "2026-01-04"],
    ["a plain Saturday 2026-08-01 moves to Monday", "08-01", "2026-08-03"],
    ["a working day stays", "09-01", "2026-09-01"],
  ])("%s", (_name, on, expected) => {
    expect(days({ kind: "yearly", dates: [{ on }] }, "2026-01-01", "2026-12-31", true, chinaWorkingDays)).toEqual([expected]);
  });

  it("without the flag a holiday stays where it is", () => {
    expect(days({ kind: "yearly", dates: [{ on: "10-01" }] }, "2026-01-01", "2026-12-31", false, chinaWorkingDays)).toEqual(["2026-10-01"]);
  });

  it("an occurrence shifted into the range is planned although its nominal day is before it", () => {
    const planned = planRule(
      { id: 1, schedule: { kind: "yearly", dates: [{ on: "10-01" }] }, audiences: ["county"], holidayShift: true },
      "2026-10-05",
      "2026-10-31",
      chinaWorkingDays,
    );
    expect(planned.map((o) => [o.nominalDay, o.day, o.key])).toEqual([["2026-10-01", "2026-10-08", "rule:1:2026-10-01:county"]]);
  });
});

describe("campaign steps", () => {
  it("offsets from the first and last day, one key per audience", () => {
    const steps = expandCampaign({ firstDay: "2027-04-01", lastDay: "2027-04-30" });
    expect(steps.map((s) => [s.step, s.day])).toEqual([
      ["before_7d", "2027-03-25"],
      ["before_1d", "2027-03-31"],
      ["first_day", "2027-04-01"],
      ["before_end_3d", "2027-04-27"],
      ["after_end", "2027-05-01"],
    ]);
    expect(steps.find((s) => s.step === "before_1d")!.audiences).toContain("farmers");
  });

  it("Dec→Jan: a campaign starting 2027-01-03 is announced on 2026-12-27", () => {
    expect(expandCampaign({ firstDay: "2027-01-03", lastDay: "2027-01-20" })[0].day).toBe("2026-12-27");
  });

  it("a three-day campaign has no 3-days-before-the-end step (it would precede the start)", () => {
    expect(expandCampaign({ firstDay: "2027-04-01", lastDay: "2027-04-03" }).map((s) => s.step)).toEqual(["before_7d", "before_1d", "first_day", "after_end"]);
  });
});

describe("when an occurrence is due", () => {
  it("is sent at 09:00 China time, which is 01:00 UTC the same day", () => {
    expect(sendInstant("2027-01-01").toISOString()).toBe("2027-01-01T01:00:00.000Z");
  });

  it("16:00 UTC is already the next China day", () => {
    expect(chinaDay(new Date("2026-12-31T15:59:59Z"))).toBe("2026-12-31");
    expect(chinaDay(new Date("2026-12-31T16:00:00Z"))).toBe("2027-01-01");
  });

  const at = new Date("2027-01-01T01:00:00Z");
  const grace = 24 * 3600_000;
  it.each([
    ["a second before: not yet", "2027-01-01T00:59:59Z", "not_yet"],
    ["on the minute: send", "2027-01-01T01:00:00Z", "send"],
    ["23 h late after downtime: send late", "2027-01-02T00:00:00Z", "send"],
    ["exactly the grace window late: still send", "2027-01-02T01:00:00Z", "send"],
    ["a millisecond past the grace window: missed", "2027-01-02T01:00:00.001Z", "missed"],
    ["three days late: missed", "2027-01-04T01:00:00Z", "missed"],
  ])("%s", (_name, now, expected) => {
    expect(decideOccurrence(new Date(now), at, grace)).toBe(expected);
  });
});

describe("texts", () => {
  it("fills a rule template's placeholders with plain dates", () => {
    expect(renderTemplate("{quarter}：{month}，请在{due}前，今天{date}", { day: "2026-10-08", dueDay: "2026-10-15" })).toBe(
      "第四季度：10月，请在10月15日前，今天10月8日",
    );
  });

  it("a window's closing day is headed so it is not mistaken for the opening", () => {
    expect(renderTemplate("预警推送期，截止{due}。", { day: "2026-12-15", dueDay: "2026-12-15", step: "end" })).toBe("【今天截止】预警推送期，截止12月15日。");
    expect(renderTemplate("预警推送期，截止{due}。", { day: "2026-12-05", dueDay: "2026-12-15", step: "start" })).toBe("预警推送期，截止12月15日。");
  });

  it("the first-day group message says what happens and that families far away can join by WeChat or phone", () => {
    const text = campaignText("first_day", "village_groups", { name: "集中排查", firstDay: "2027-04-01", lastDay: "2027-04-30" });
    expect(text).toContain("4月30日");
    expect(text).toMatch(/上门/);
    expect(text).toMatch(/外地.*微信或电话/);
  });

  it("the summary counts reports and answers", () => {
    expect(campaignText("after_end", "county", { name: "集中排查", firstDay: "2027-04-01", lastDay: "2027-04-30" }, { reports: 7, answered: 5 })).toContain(
      "7件",
    );
  });
});
