import { describe, expect, it } from "vitest";
import { daysLeft, describeDueAt, reportDueAt } from "../../src/domain/report/clock.js";
import { packageCalendar } from "../../src/seed/holiday-calendar.js";

const chinaWorkingDays = packageCalendar();

const at = (s: string) => new Date(s);

describe("the 5-day deadline, statutory rule (民法典 201, 203: from the day after; a last day on a rest day moves to the next working day)", () => {
  it.each([
    ["receipt at 00:00 Monday; the 5th day is Saturday → Monday", "2026-03-02T00:00:00+08:00", "2026-03-10T00:00:00+08:00"],
    ["receipt at 23:59 the same Monday gives the same deadline", "2026-03-02T23:59:59+08:00", "2026-03-10T00:00:00+08:00"],
    ["receipt at 23:59 Sunday (15:59 UTC) is still Sunday in China; the 5th day is Friday", "2026-03-01T23:59:00+08:00", "2026-03-07T00:00:00+08:00"],
    ["receipt at 16:00 UTC Sunday is already Monday in China", "2026-03-01T16:00:00Z", "2026-03-10T00:00:00+08:00"],
    ["month end: the 5th day is Saturday 31 January → Monday 2 February", "2026-01-26T10:00:00+08:00", "2026-02-03T00:00:00+08:00"],
    ["year end: lands on the New Year holiday, and Sunday 4 January is a swapped working day", "2025-12-29T10:00:00+08:00", "2026-01-05T00:00:00+08:00"],
    ["across the Spring Festival holiday: 17 February → 24 February", "2026-02-12T09:00:00+08:00", "2026-02-25T00:00:00+08:00"],
    ["a swapped working Saturday before the Spring Festival counts as a working day", "2026-02-09T09:00:00+08:00", "2026-02-15T00:00:00+08:00"],
    ["across National Day: 3 October → 8 October", "2026-09-28T09:00:00+08:00", "2026-10-09T00:00:00+08:00"],
    ["a swapped working Saturday after National Day counts", "2026-10-05T09:00:00+08:00", "2026-10-11T00:00:00+08:00"],
    ["end of February (not a leap year)", "2026-02-25T09:00:00+08:00", "2026-03-03T00:00:00+08:00"],
  ])("%s", (_why, received, due) => {
    expect(reportDueAt(at(received), "statutory", chinaWorkingDays).toISOString()).toBe(at(due).toISOString());
  });
});

describe("the 5-day deadline, calendar-day rule (a county may choose it)", () => {
  it.each([
    ["the Spring Festival does not move it", "2026-02-12T09:00:00+08:00", "2026-02-18T00:00:00+08:00"],
    ["a Saturday does not move it", "2026-03-02T00:00:00+08:00", "2026-03-08T00:00:00+08:00"],
    ["year end", "2026-12-28T23:00:00+08:00", "2027-01-03T00:00:00+08:00"],
  ])("%s", (_why, received, due) => {
    expect(reportDueAt(at(received), "calendar", chinaWorkingDays).toISOString()).toBe(at(due).toISOString());
  });
});

describe("how the deadline is told", () => {
  it("names the last day at 24:00, not the next day at 00:00", () => {
    expect(describeDueAt(at("2026-03-10T00:00:00+08:00"))).toBe("3月9日24时");
  });

  it.each([
    ["on the day of receipt", "2026-03-02T10:00:00+08:00", 7],
    ["on the last day", "2026-03-09T23:00:00+08:00", 0],
    ["the day after the deadline", "2026-03-10T08:00:00+08:00", -1],
  ])("days left %s", (_why, now, expected) => {
    expect(daysLeft(at("2026-03-10T00:00:00+08:00"), at(now))).toBe(expected);
  });
});
