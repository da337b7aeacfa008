import { describe, expect, it } from "vitest";
import { clockHolder, clockNotices, identificationClocks, type CaseClock, type ClockName } from "../../src/domain/identification/clocks.js";
import { clockNoticeText } from "../../src/domain/identification/notice-texts.js";
import type { IdentificationContext } from "../../src/domain/identification/path.js";
import { periodDeadline } from "../../src/domain/identification/period.js";
import type { IdentificationRecord } from "../../src/domain/identification/steps.js";
import { deadlineOf } from "../../src/domain/report/clock.js";
import { holidayCalendar } from "../../src/domain/holidays.js";
import { chinaDay } from "../../src/domain/china-time.js";
import { packageCalendar } from "../../src/seed/holiday-calendar.js";

const calendar = packageCalendar();
const at = (s: string) => new Date(s);
const cst = (s: string) => new Date(`${s}+08:00`).toISOString();

const ctx: IdentificationContext = {
  receivedOn: "2026-06-01",
  visitedOn: "2026-06-02",
  proposedOn: "2026-06-03",
  townshipReview: true,
  rule: "statutory",
  calendar,
};
const received = at("2026-06-01T10:00:00+08:00");
const consent: IdentificationRecord = { step: "consent", date: "2026-06-02", signed: true };
const review: IdentificationRecord = { step: "village_review", date: "2026-06-03", form: "villagers_meeting", result: "agree" };
const notice: IdentificationRecord = { step: "notice", date: "2026-06-04" };
const noticeResult: IdentificationRecord = { step: "notice_result", date: "2026-06-10", result: "no_objection" };
const township: IdentificationRecord = { step: "township_review", date: "2026-06-10", result: "agree" };
const decidedOn = (date: string): IdentificationRecord => ({
  step: "county_decision",
  date,
  result: "approved",
  kind: "sudden_hardship",
  announcement: "公告12号",
});
const untilDecision = [consent, review, notice, noticeResult, township];

const clockOf = (name: ClockName, clocks: CaseClock[]) => clocks.find((c) => c.name === name);

describe("identify within 15 days: from the report's receipt to the county decision", () => {
  it("received Monday 06-01: the 15th day is Tuesday 06-16, due 24:00", () => {
    const c = clockOf("identify_within_15_days", identificationClocks(received, [], ctx, at("2026-06-05T09:00:00+08:00")))!;
    expect([c.lastDay, c.dueAt?.toISOString(), c.overdue, c.met]).toEqual(["2026-06-16", cst("2026-06-17T00:00:00"), false, null]);
  });

  it.each([
    ["received at 00:00 China time counts from that day", "2026-06-01T00:00:00+08:00", "2026-06-16"],
    ["received at 23:59 the same day: the same last day", "2026-06-01T23:59:59+08:00", "2026-06-16"],
    ["16:00 UTC on 05-31 is already 06-01 in China", "2026-05-31T16:00:00Z", "2026-06-16"],
    ["the 15th day on the Dragon Boat holiday (06-19) moves to Monday 06-22", "2026-06-04T10:00:00+08:00", "2026-06-22"],
    ["the 15th day a Saturday (06-13) moves to Monday 06-15", "2026-05-29T10:00:00+08:00", "2026-06-15"],
  ])("%s", (_why, receivedAt, lastDay) => {
    expect(clockOf("identify_within_15_days", identificationClocks(at(receivedAt), [], ctx, at(receivedAt)))!.lastDay).toBe(lastDay);
  });

  it.each([
    ["decided on the last day: met", "2026-06-16", true],
    ["decided the day after: missed", "2026-06-17", false],
  ])("%s", (_why, date, met) => {
    const c = clockOf("identify_within_15_days", identificationClocks(received, [...untilDecision, decidedOn(date)], ctx, at("2026-06-20T10:00:00+08:00")))!;
    expect([c.doneAt, c.met, c.overdue]).toEqual([date, met, false]);
  });

  it.each([
    ["at 23:59:59 of the last day it is not yet overdue", "2026-06-16T23:59:59+08:00", false],
    ["at 24:00 (00:00 the next day) it is overdue", "2026-06-17T00:00:00+08:00", true],
  ])("still undecided %s", (_why, now, overdue) => {
    // fails if: overdue were judged by the China day instead of the instant 24:00, or one day late
    expect(clockOf("identify_within_15_days", identificationClocks(received, untilDecision, ctx, at(now)))!.overdue).toBe(overdue);
  });

  it("a path that ended early (a disagreeing review) has its 15 days done on that day, and no entry or plan clocks", () => {
    const clocks = identificationClocks(received, [consent, { ...review, result: "disagree" } as IdentificationRecord], ctx, at("2026-07-01T10:00:00+08:00"));
    expect(clocks.map((c) => c.name)).toEqual(["identify_within_15_days"]);
    expect([clocks[0]!.doneAt, clocks[0]!.met, clocks[0]!.overdue]).toEqual(["2026-06-03", true, false]);
  });
});

describe("entry within 10 days and plan within 10 days: from the county decision", () => {
  it("before the decision both are present with no due date, and not overdue", () => {
    const clocks = identificationClocks(received, [consent], ctx, at("2026-08-01T10:00:00+08:00"));
    expect(clocks.map((c) => [c.name, c.dueAt, c.overdue])).toEqual([
      ["identify_within_15_days", at("2026-06-17T00:00:00+08:00"), true],
      ["notice_5_days", null, false],
      ["entry_within_10_days", null, false],
      ["plan_within_10_days", null, false],
    ]);
  });

  it("decided Thursday 06-11: the 10th day is Sunday 06-21 in the Dragon Boat holiday → Monday 06-22", () => {
    const c = clockOf(
      "entry_within_10_days",
      identificationClocks(received, [...untilDecision, decidedOn("2026-06-11")], ctx, at("2026-06-12T10:00:00+08:00")),
    )!;
    expect([c.lastDay, c.dueAt?.toISOString()]).toEqual(["2026-06-22", cst("2026-06-23T00:00:00")]);
  });

  it.each([
    ["entered on the last day: met", { step: "system_entry", date: "2026-06-22" }, "entry_within_10_days", true],
    ["entered the day after: missed", { step: "system_entry", date: "2026-06-23" }, "entry_within_10_days", false],
    [
      "a plan made at the village review, before the decision, meets its clock",
      { step: "plan", date: "2026-06-03", labourCapacity: false, measures: [{ kind: "medical", text: "大病保险" }] },
      "plan_within_10_days",
      true,
    ],
    [
      "a plan made the day after the last day misses it",
      { step: "plan", date: "2026-06-23", labourCapacity: false, measures: [{ kind: "medical", text: "大病保险" }] },
      "plan_within_10_days",
      false,
    ],
  ] as const)("%s", (_why, step, name, met) => {
    const c = clockOf(
      name,
      identificationClocks(received, [...untilDecision, decidedOn("2026-06-11"), step as IdentificationRecord], ctx, at("2026-06-30T10:00:00+08:00")),
    )!;
    expect([c.doneAt, c.met]).toEqual([step.date, met]);
  });

  it("under calendar days the holiday does not move it: due 24:00 Sunday 06-21", () => {
    const c = clockOf(
      "plan_within_10_days",
      identificationClocks(received, [...untilDecision, decidedOn("2026-06-11")], { ...ctx, rule: "calendar" }, at("2026-06-22T00:00:00+08:00")),
    )!;
    expect([c.lastDay, c.overdue]).toEqual(["2026-06-21", true]);
  });
});

describe("a made-up 2027 calendar (rest 05-03..05-05, Saturday 05-08 a working day)", () => {
  const made = holidayCalendar([{ year: 2027, restDays: ["2027-05-03", "2027-05-04", "2027-05-05"], workingDays: ["2027-05-08"] }]);
  it.each([
    ["the 10th day on a made-up rest day (Monday 05-03) moves to Thursday 05-06", "2027-04-23", made, "2027-05-06", "statutory"],
    ["a swapped working Saturday (05-08) is a last day", "2027-04-28", made, "2027-05-08", "statutory"],
    ["a calendar without 2027 counts weekends only, and says so", "2027-04-23", holidayCalendar([]), "2027-05-03", "weekends_only"],
  ])("%s", (_why, from, cal, lastDay, basis) => {
    const d = periodDeadline(from, 10, "statutory", cal);
    expect([d.lastDay, d.basis]).toEqual([lastDay, basis]);
  });
});

describe("the notice's 5 days as a clock", () => {
  it.each([
    ["posted 06-04, at 23:59:59 on 06-09 it still runs", "2026-06-09T23:59:59+08:00", null],
    ["at 24:00 on 06-09 it has run its course", "2026-06-10T00:00:00+08:00", "2026-06-09"],
  ])("%s", (_why, now, doneAt) => {
    const c = clockOf("notice_5_days", identificationClocks(received, [consent, review, notice], ctx, at(now)))!;
    expect([c.lastDay, c.doneAt, c.overdue]).toEqual(["2026-06-09", doneAt, false]);
  });
});

describe("who is reminded, and the escalation ladder", () => {
  it.each([
    ["identify_within_15_days", "consent", "village"],
    ["identify_within_15_days", "notice_result", "village"],
    ["identify_within_15_days", "township_review", "township"],
    ["identify_within_15_days", "county_decision", "county"],
    ["entry_within_10_days", "entry_and_plan", "county"],
    ["plan_within_10_days", "entry_and_plan", "village"],
  ] as const)("%s at stage %s is held by the %s", (name, stage, level) => {
    expect(clockHolder(name, stage)).toBe(level);
  });

  it("a village's 15 days: reminded 2 and 1 days before, escalated to the township at the end and to the county 2 days later, in working hours", () => {
    const c = clockOf("identify_within_15_days", identificationClocks(received, [consent], ctx, at("2026-06-05T10:00:00+08:00")))!;
    expect(clockNotices("r1", c, "village").map((n) => [n.kind, n.to, n.sendAt.toISOString()])).toEqual([
      ["due_in_2_days", "village", cst("2026-06-15T08:30:00")],
      ["due_in_1_day", "village", cst("2026-06-16T08:30:00")],
      ["overdue", "township", cst("2026-06-17T08:30:00")],
      ["still_overdue", "county", cst("2026-06-19T08:30:00")],
    ]);
  });

  it("the county's own clock escalates no higher than the county", () => {
    const c = clockOf("identify_within_15_days", identificationClocks(received, untilDecision, ctx, at("2026-06-12T10:00:00+08:00")))!;
    expect(clockNotices("r1", c, "county").map((n) => n.to)).toEqual(["county", "county", "county", "county"]);
  });

  it("each notice has its own key, so two instances send it once; a clock done has none", () => {
    const c = clockOf("identify_within_15_days", identificationClocks(received, [consent], ctx, at("2026-06-05T10:00:00+08:00")))!;
    const keys = clockNotices("r1", c, "village").map((n) => n.key);
    expect(new Set(keys).size).toBe(4);
    expect(keys[0]).toBe("identification:r1:identify_within_15_days:due_in_2_days:2026-06-16");
    const done = clockOf(
      "identify_within_15_days",
      identificationClocks(received, [...untilDecision, decidedOn("2026-06-11")], ctx, at("2026-06-12T10:00:00+08:00")),
    )!;
    expect(clockNotices("r1", done, "county")).toEqual([]);
  });
});

describe("the clocks count exactly as the 5-day answer does", () => {
  it.each(["2025-12-29T10:00:00+08:00", "2026-02-12T09:00:00+08:00", "2026-09-28T09:00:00+08:00", "2026-03-01T16:00:00Z"])("received %s", (receivedAt) => {
    // fails if: the period rule drifted from deadline.ts (a holiday or the 24:00 end counted differently)
    for (const rule of ["statutory", "calendar"] as const) {
      expect(periodDeadline(chinaDay(at(receivedAt)), 5, rule, calendar)).toEqual(deadlineOf(at(receivedAt), rule, calendar));
    }
  });
});

describe("what the clock notices say", () => {
  it.each([
    ["due_in_2_days", "【提醒】申报20260601001（红星村）“15天内完成识别认定”还剩2天到期（6月16日24时），目前待县级审定，请抓紧办理。"],
    ["overdue", "【督办】申报20260601001（红星村）“15天内完成识别认定”已超过6月16日24时的期限，目前待县级审定，请督促或直接介入。"],
  ] as const)("%s names the number, village, clock and its end, no household", (kind, text) => {
    expect(
      clockNoticeText(
        kind,
        { name: "identify_within_15_days", dueAt: at("2026-06-17T00:00:00+08:00") },
        { number: "20260601001", villageName: "红星村", stage: "county_decision" },
      ),
    ).toBe(text);
  });
});
