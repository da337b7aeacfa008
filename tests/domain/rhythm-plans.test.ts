import { describe, expect, it } from "vitest";
import { addDays, chinaMonthDay, daysBetween, isoWeekday, startOfChinaDay } from "../../src/domain/china-time.js";
import { nextWorkingDayFrom, type WorkingDayCalendar } from "../../src/domain/holidays.js";
import { expandCampaign } from "../../src/domain/rhythm/campaign-plan.js";
import { campaignKey, planCampaign, planRule, ruleKey } from "../../src/domain/rhythm/occurrences.js";
import { expandSchedule, type ScheduleSpec } from "../../src/domain/rhythm/schedule.js";
import { campaignDatesProblem, scheduleProblem } from "../../src/domain/rhythm/schedule-check.js";
import { campaignText, renderTemplate } from "../../src/domain/rhythm/texts.js";

const weekdays: WorkingDayCalendar = { isWorkingDay: (d) => isoWeekday(d) <= 5, knowsYear: () => true };

describe("China days", () => {
  it.each([
    ["2026-03-02", "2026-03-02", 0],
    ["2026-03-02", "2026-03-09", 7],
    ["2026-03-09", "2026-03-02", -7],
    ["2026-12-31", "2027-01-01", 1],
    ["2028-02-28", "2028-03-01", 2],
  ])("from %s to %s is %i days", (from, to, n) => expect(daysBetween(from, to)).toBe(n));

  it.each([
    ["2026-03-02", 1],
    ["2026-03-07", 6],
    ["2026-03-08", 7],
    ["2027-01-01", 5],
  ])("%s is weekday %i (Monday 1 … Sunday 7)", (day, n) => expect(isoWeekday(day)).toBe(n));

  it("a China day begins at 16:00 UTC the day before; days are said as 3月7日", () => {
    expect(startOfChinaDay("2026-03-07").toISOString()).toBe("2026-03-06T16:00:00.000Z");
    expect(chinaMonthDay("2026-03-07")).toBe("3月7日");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });
});

describe("the next working day", () => {
  it("moves a Saturday to Monday and leaves a working day alone", () => {
    expect(nextWorkingDayFrom("2026-03-07", weekdays)).toBe("2026-03-09");
    expect(nextWorkingDayFrom("2026-03-09", weekdays)).toBe("2026-03-09");
  });

  // fails if: a calendar with no working day (bad holiday data) makes the search run forever or past a month.
  it("gives up after 30 days when a calendar has no working day at all", () => {
    expect(nextWorkingDayFrom("2026-03-01", { isWorkingDay: () => false, knowsYear: () => true })).toBe("2026-03-31");
  });
});

describe("a campaign's plan", () => {
  it("every step's day and audiences for a September screening", () => {
    expect(expandCampaign({ firstDay: "2026-09-01", lastDay: "2026-09-30" })).toEqual([
      { step: "before_7d", day: "2026-08-25", audiences: ["village_groups", "cadres", "grid_workers"] },
      { step: "before_1d", day: "2026-08-31", audiences: ["village_groups", "cadres", "grid_workers", "farmers"] },
      { step: "first_day", day: "2026-09-01", audiences: ["village_groups"] },
      { step: "before_end_3d", day: "2026-09-27", audiences: ["cadres"] },
      { step: "after_end", day: "2026-10-01", audiences: ["township", "county"] },
    ]);
  });

  it.each([
    ["3 days: 3 days before the end is before the start", "2026-09-01", "2026-09-03", false],
    ["4 days: 3 days before the end is the first day, which already speaks", "2026-09-01", "2026-09-04", false],
    ["5 days: 3 days before the end is the second day", "2026-09-01", "2026-09-05", true],
  ])("%s", (_why, firstDay, lastDay, has) => {
    expect(expandCampaign({ firstDay, lastDay }).some((o) => o.step === "before_end_3d")).toBe(has);
  });

  it("plans only the steps in the asked days, inclusive, one key per audience", () => {
    const planned = planCampaign({ id: 4, firstDay: "2026-09-01", lastDay: "2026-09-30" }, "2026-08-31", "2026-09-01");
    expect(planned.map((o) => o.key)).toEqual([
      "campaign:4:before_1d:2026-08-31:village_groups",
      "campaign:4:before_1d:2026-08-31:cadres",
      "campaign:4:before_1d:2026-08-31:grid_workers",
      "campaign:4:before_1d:2026-08-31:farmers",
      "campaign:4:first_day:2026-09-01:village_groups",
    ]);
    expect(planned[0]).toMatchObject({ source: "campaign", sourceId: 4, step: "before_1d", nominalDay: "2026-08-31", day: "2026-08-31", dueDay: null });
    expect(planned[0].at.toISOString()).toBe("2026-08-31T01:00:00.000Z");
    expect(campaignKey(4, "after_end", "2026-10-01", "county")).toBe("campaign:4:after_end:2026-10-01:county");
  });

  it.each([
    ["the last day before the first", "2026-09-10", "2026-09-01", "campaign_dates_invalid"],
    ["one day", "2026-09-01", "2026-09-01", null],
    ["92 days", "2026-09-01", "2026-12-01", null],
    ["93 days", "2026-09-01", "2026-12-02", "campaign_too_long"],
  ])("dates: %s → %s", (_why, first, last, code) => expect(campaignDatesProblem(first, last)?.code ?? null).toBe(code));

  it("says in plain words why the dates cannot stand", () => {
    expect(campaignDatesProblem("2026-09-10", "2026-09-01")?.message).toBe("结束日期不能早于开始日期");
    expect(campaignDatesProblem("2026-09-01", "2026-12-02")?.message).toMatch(/最长三个月（92天）/);
  });
});

describe("a rule's plan", () => {
  it.each([
    ["a window ending before it starts", { kind: "monthly_window", startDay: 15, endDay: 5 } as ScheduleSpec, "每月时段的结束日不能早于开始日"],
    ["a one-day window", { kind: "monthly_window", startDay: 5, endDay: 5 } as ScheduleSpec, null],
    ["a monthly deadline before its reminder", { kind: "monthly", day: 2, dueDay: 1 } as ScheduleSpec, "截止日不能早于提醒日"],
    ["a monthly deadline on its reminder day", { kind: "monthly", day: 2, dueDay: 2 } as ScheduleSpec, null],
    ["a quarterly deadline before its reminder", { kind: "quarterly", month: 1, day: 10, dueDay: 5 } as ScheduleSpec, "截止日不能早于提醒日"],
    ["a yearly list of dates", { kind: "yearly", dates: [{ on: "12-10", due: "12-01" }] } as ScheduleSpec, null],
    ["a monthly reminder without a deadline", { kind: "monthly", day: 2 } as ScheduleSpec, null],
  ] as Array<[string, ScheduleSpec, string | null]>)("schedule: %s", (_why, spec, problem) => expect(scheduleProblem(spec)).toBe(problem));

  // fails if: the plan's day window leaks (days before `from` or after `to` are planned, or its ends are dropped).
  it("plans the sent days in [from, to], both ends included, with keys on the nominal day", () => {
    const rule = { id: 9, schedule: { kind: "monthly", day: 1 } as const, audiences: ["cadres" as const], holidayShift: true };
    // 2026-03-01 is a Sunday: sent Monday 2 March; 2026-04-01 is a Wednesday.
    const planned = planRule(rule, "2026-03-02", "2026-04-01", weekdays);
    expect(planned.map((o) => [o.key, o.day])).toEqual([
      ["rule:9:2026-03-01:cadres", "2026-03-02"],
      ["rule:9:2026-04-01:cadres", "2026-04-01"],
    ]);
    expect(planRule(rule, "2026-03-03", "2026-03-31", weekdays)).toEqual([]);
    // 1 March (a Sunday) is in the window but is sent on 2 March, after it: not this window's
    expect(planRule(rule, "2026-02-03", "2026-03-01", weekdays)).toEqual([]);
    expect(ruleKey(9, "2026-03-01", "township")).toBe("rule:9:2026-03-01:township");
  });

  it("expands in day order across a year end, a month at a time, both ends included", () => {
    const got = expandSchedule({ kind: "yearly", dates: [{ on: "12-25" }, { on: "01-05" }] }, "2026-01-05", "2027-01-05", {
      holidayShift: false,
      calendar: weekdays,
    });
    expect(got.map((o) => o.nominalDay)).toEqual(["2026-01-05", "2026-12-25", "2027-01-05"]);
    const monthly = expandSchedule({ kind: "monthly", day: 31, dueDay: 31 }, "2026-02-01", "2026-03-31", { holidayShift: false, calendar: weekdays });
    expect(monthly).toEqual([
      { nominalDay: "2026-02-28", day: "2026-02-28", dueDay: "2026-02-28", step: "due" },
      { nominalDay: "2026-03-31", day: "2026-03-31", dueDay: "2026-03-31", step: "due" },
    ]);
  });

  it("leaves out the days of the first and last month that lie outside [from, to], and sorts dates given out of order", () => {
    const monthly = expandSchedule({ kind: "monthly", day: 1 }, "2026-03-02", "2026-04-30", { holidayShift: false, calendar: weekdays });
    expect(monthly.map((o) => o.nominalDay)).toEqual(["2026-04-01"]);
    const yearly = expandSchedule({ kind: "yearly", dates: [{ on: "03-20" }, { on: "03-05" }] }, "2026-01-01", "2026-12-31", {
      holidayShift: false,
      calendar: weekdays,
    });
    expect(yearly.map((o) => o.nominalDay)).toEqual(["2026-03-05", "2026-03-20"]);
  });

  it("a yearly deadline on the reminder's own day is the same year's", () => {
    const got = expandSchedule({ kind: "yearly", dates: [{ on: "07-01", due: "07-01" }] }, "2026-01-01", "2026-12-31", {
      holidayShift: false,
      calendar: weekdays,
    });
    expect(got).toEqual([{ nominalDay: "2026-07-01", day: "2026-07-01", dueDay: "2026-07-01", step: "due" }]);
  });

  it("a quarterly rule without a deadline has none", () => {
    const got = expandSchedule({ kind: "quarterly", month: 1, day: 1 }, "2026-01-01", "2026-06-30", { holidayShift: false, calendar: weekdays });
    expect(got).toEqual([
      { nominalDay: "2026-01-01", day: "2026-01-01", dueDay: null, step: "due" },
      { nominalDay: "2026-04-01", day: "2026-04-01", dueDay: null, step: "due" },
    ]);
  });
});

describe("reminder words", () => {
  it.each([
    ["2026-01-05", "第一季度"],
    ["2026-03-31", "第一季度"],
    ["2026-04-01", "第二季度"],
    ["2026-09-30", "第三季度"],
    ["2026-12-01", "第四季度"],
  ])("%s is in %s", (day, quarter) => expect(renderTemplate("{quarter}", { day, dueDay: null })).toBe(quarter));

  it("fills every placeholder each time it appears; no deadline leaves {due} empty", () => {
    expect(renderTemplate("{date}{date} {month} 截止{due}", { day: "2026-07-01", dueDay: "2026-07-15" })).toBe("7月1日7月1日 7月 截止7月15日");
    expect(renderTemplate("截止{due}", { day: "2026-07-01", dueDay: null })).toBe("截止");
    expect(renderTemplate("x", { day: "2026-07-01", dueDay: null, step: "start" })).toBe("x");
  });

  const c = { name: "秋季集中排查", firstDay: "2026-09-01", lastDay: "2026-09-30" };
  it.each([
    ["before_7d", "village_groups", ['乡亲们好！再过一周（9月1日）开始"秋季集中排查"', "微信或电话"]],
    ["before_1d", "village_groups", ["乡亲们好！明天（9月1日）开始"]],
    ["before_1d", "farmers", ["秋季集中排查：9月1日至9月30日入户走访", "小程序"]],
    ["before_7d", "cadres", ['提醒：再过一周（9月1日）开始"秋季集中排查"（9月1日至9月30日）']],
    ["before_1d", "grid_workers", ["提醒：明天（9月1日）开始"]],
    ["first_day", "village_groups", ['今天起到9月30日是"秋季集中排查"']],
    ["before_end_3d", "cadres", ["将于9月30日结束，还有3天"]],
  ] as const)("%s to %s says %j", (step, audience, phrases) => {
    const text = campaignText(step, audience, c);
    for (const p of phrases) expect(text).toContain(p);
  });

  it("after the end, the summary counts (0 when none is given); an unknown step says the campaign's name", () => {
    expect(campaignText("after_end", "county", c, { reports: 5, answered: 4 })).toContain("共收到风险申报5件，已给出办理意见4件");
    expect(campaignText("after_end", "county", c)).toContain("共收到风险申报0件，已给出办理意见0件");
    expect(campaignText("mid_way", "county", c)).toBe("秋季集中排查");
  });
});
