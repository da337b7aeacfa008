import { describe, expect, it } from "vitest";
import { deadlineOf, describeDueAt, revisedDeadline } from "../../src/domain/report/clock.js";
import { arrangementProblems, holidayCalendar, missingYears } from "../../src/domain/holidays.js";
import { isQuietTime, noticeSendAt } from "../../src/domain/notice-hours.js";
import { packageArrangements } from "../../src/seed/holiday-calendar.js";
import { MADE_UP_2027 } from "./made-up-2027.js";

// the package knows 2004–2026; 2027 is either missing or the made-up arrangement (see made-up-2027.ts)
const without2027 = holidayCalendar(packageArrangements());
const with2027 = holidayCalendar([...packageArrangements(), { year: 2027, ...MADE_UP_2027 }]);
const at = (iso: string) => new Date(iso);

describe("deadlines across 2026 → 2027", () => {
  it.each([
    // received (China time)       without 2027: last day, basis           with the made-up 2027: last day, basis
    ["2026-12-25T10:00:00+08:00", "2026-12-30", "statutory", "2026-12-30", "statutory"], // last day in a known year
    ["2026-12-26T10:00:00+08:00", "2026-12-31", "statutory", "2026-12-31", "statutory"],
    ["2026-12-27T10:00:00+08:00", "2027-01-01", "weekends_only", "2027-01-04", "statutory"], // 元旦 counted only once 2027 is known
    ["2026-12-27T23:59:00+08:00", "2027-01-01", "weekends_only", "2027-01-04", "statutory"],
    ["2027-02-03T09:00:00+08:00", "2027-02-08", "weekends_only", "2027-02-15", "statutory"], // 春节
    // Sat 30 Jan → Mon 1 Feb on weekends; the made-up swapped working Sunday 31 Jan ends it earlier
    ["2027-01-25T09:00:00+08:00", "2027-02-01", "weekends_only", "2027-01-31", "statutory"],
    ["2027-01-26T09:00:00+08:00", "2027-02-01", "weekends_only", "2027-01-31", "statutory"],
  ])("received %s: %s (%s) without 2027, %s (%s) with it", (received, lastWithout, basisWithout, lastWith, basisWith) => {
    expect(deadlineOf(at(received), "statutory", without2027)).toMatchObject({ lastDay: lastWithout, basis: basisWithout });
    expect(deadlineOf(at(received), "statutory", with2027)).toMatchObject({ lastDay: lastWith, basis: basisWith });
  });

  it("a county on plain calendar days has basis calendar whatever is known", () => {
    expect(deadlineOf(at("2026-12-27T10:00:00+08:00"), "calendar", without2027)).toMatchObject({ lastDay: "2027-01-01", basis: "calendar" });
  });

  it("the deadline ends at 24:00 of the last day and reads so", () => {
    const d = deadlineOf(at("2026-12-27T10:00:00+08:00"), "statutory", with2027);
    expect(d.dueAt.toISOString()).toBe("2027-01-04T16:00:00.000Z");
    expect(describeDueAt(d.dueAt)).toBe("1月4日24时");
  });
});

describe("recomputing a deadline: later, never earlier", () => {
  const told = at("2027-02-01T16:00:00.000Z"); // the household was told 2月1日24时
  it("a later recomputed deadline replaces the told one", () => {
    const later = deadlineOf(at("2026-12-27T10:00:00+08:00"), "statutory", with2027);
    expect(revisedDeadline(at("2027-01-01T16:00:00.000Z"), later)).toMatchObject({ moved: true, deadline: { lastDay: "2027-01-04", basis: "statutory" } });
  });
  it("an earlier recomputed deadline keeps the told date (basis updated)", () => {
    // fails if: revisedDeadline takes the recomputed date whatever it is
    // received 25 January: told 2月1日24时 on weekends only; the made-up 2027 gives Sunday 31 January
    const earlier = deadlineOf(at("2027-01-25T09:00:00+08:00"), "statutory", with2027);
    expect(earlier.lastDay).toBe("2027-01-31");
    expect(revisedDeadline(told, earlier)).toEqual({ moved: false, deadline: { dueAt: told, lastDay: "2027-02-01", basis: "statutory" } });
  });
});

describe("an entered arrangement is checked, naming the bad date", () => {
  it.each([
    [{ restDays: ["2026-12-31"], workingDays: [] }, "restDays", "2026-12-31", "不在2027年内"],
    [{ restDays: ["2027-02-30"], workingDays: [] }, "restDays", "2027-02-30", "不是有效日期"],
    [{ restDays: ["2027-01-02"], workingDays: ["2027-01-02"] }, "workingDays", "2027-01-02", "不能既是放假日又是调休上班日"],
    [{ restDays: [], workingDays: ["2027-02-17"] }, "workingDays", "2027-02-17", "不是周六或周日"],
  ])("%j → %s %s", (entry, field, day, words) => {
    const [first] = arrangementProblems({ year: 2027, ...entry });
    expect(first).toMatchObject({ field, day });
    expect(first.message).toContain(day);
    expect(first.message).toContain(words);
  });
  it("the made-up 2027 arrangement passes", () => {
    expect(arrangementProblems({ year: 2027, ...MADE_UP_2027 })).toEqual([]);
  });
  it("every year seeded from the package passes", () => {
    for (const a of packageArrangements()) expect(arrangementProblems(a), String(a.year)).toEqual([]);
  });
});

describe("warnings before it bites", () => {
  it.each([
    ["2026-10-31", []],
    ["2026-11-01", [2027]],
    ["2026-12-27", [2027]],
    ["2027-01-02", [2027]],
  ])("on %s the missing years are %j", (today, years) => {
    expect(missingYears(today, without2027)).toEqual(years);
  });
  it("no warning once 2027 is entered", () => {
    expect(missingYears("2026-12-27", with2027)).toEqual([]);
  });
});

describe("notice hours", () => {
  it.each([
    // falls due (China time)        county hour  sent (China time)
    ["2026-03-08T00:00:00+08:00", "08:30", "2026-03-08T08:30:00+08:00"], // a midnight reminder waits for the morning
    ["2026-03-08T07:59:00+08:00", "08:30", "2026-03-08T08:30:00+08:00"],
    ["2026-03-08T08:00:00+08:00", "08:30", "2026-03-08T08:00:00+08:00"], // inside working hours: at once
    ["2026-03-08T20:59:00+08:00", "08:30", "2026-03-08T20:59:00+08:00"],
    ["2026-03-08T21:00:00+08:00", "08:30", "2026-03-09T08:30:00+08:00"], // 21:00 is night: next morning
    ["2026-12-31T23:30:00+08:00", "09:00", "2027-01-01T09:00:00+08:00"], // year end, another county's hour
    ["2026-03-08T02:00:00+08:00", "23:00", "2026-03-08T08:30:00+08:00"], // a night-time "notice hour" is not honoured
  ])("due %s with notice hour %s → %s", (due, hour, sent) => {
    expect(noticeSendAt(at(due), hour).toISOString()).toBe(at(sent).toISOString());
  });
  it("21:00–08:00 China time is quiet", () => {
    expect(isQuietTime(at("2026-03-08T20:59:59+08:00"))).toBe(false);
    expect(isQuietTime(at("2026-03-08T21:00:00+08:00"))).toBe(true);
    expect(isQuietTime(at("2026-03-09T07:59:59+08:00"))).toBe(true);
    expect(isQuietTime(at("2026-03-09T08:00:00+08:00"))).toBe(false);
  });
});
