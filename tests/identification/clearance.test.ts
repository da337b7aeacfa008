import { describe, expect, it } from "vitest";
import { checkClearanceStep, clearanceState, type ClearanceContext } from "../../src/domain/clearance/path.js";
import { householdClearanceText, mayRecordClearance, type ClearanceRecord } from "../../src/domain/clearance/steps.js";
import { addMonths } from "../../src/domain/identification/period.js";
import { packageCalendar } from "../../src/seed/holiday-calendar.js";

const ctx: ClearanceContext = { identifiedOn: "2025-12-01", rule: "statutory", calendar: packageCalendar() };
const TODAY = "2026-08-10";

// income steady since 2026-01-15: the village may propose from 2026-07-15
const study: ClearanceRecord = { step: "village_study", date: "2026-07-15" };
const visit: ClearanceRecord = {
  step: "visit",
  date: "2026-07-16",
  incomePerPerson: 9800,
  steadySince: "2026-01-15",
  incomeSteady: true,
  guaranteesSecure: true,
  riskGone: true,
};
const review: ClearanceRecord = { step: "village_review", date: "2026-07-17", form: "committees_meeting", result: "agree" };
// posted Monday 07-20: the 5th day is Saturday 07-25, so under the statutory rule the notice runs to Monday 07-27
const notice: ClearanceRecord = { step: "notice", date: "2026-07-20" };
const noticeResult: ClearanceRecord = { step: "notice_result", date: "2026-07-28", result: "no_objection" };
const township: ClearanceRecord = { step: "township_review", date: "2026-07-29", result: "agree" };
const decision: ClearanceRecord = { step: "county_decision", date: "2026-07-30", result: "approved", announcement: "某县公告〔2026〕30号" };
const update: ClearanceRecord = { step: "information_update", date: "2026-07-31" };
const line = [study, visit, review, notice, noticeResult, township, decision, update];

const problemOf = (records: ClearanceRecord[], next: ClearanceRecord, today = TODAY) => {
  const r = checkClearanceStep(records, next, ctx, today);
  return r.ok ? "ok" : `${r.problem.status} ${r.problem.code}${r.problem.field ? ` ${r.problem.field}` : ""}`;
};

describe("risk clearance, step by step (seed 001 一(四)2)", () => {
  it("a household goes from the village's study to cleared", () => {
    const done: ClearanceRecord[] = [];
    const after: string[] = [];
    for (const step of line) {
      const r = checkClearanceStep(done, step, ctx, TODAY);
      expect(r.ok, `${step.step}: ${r.ok ? "" : r.problem.message}`).toBe(true);
      if (r.ok) after.push(r.after);
      done.push(step);
    }
    expect(after).toEqual(["visit", "village_review", "notice", "notice_result", "township_review", "county_decision", "information_update", "cleared"]);
  });

  it.each<[string, ClearanceRecord[], ClearanceRecord, string]>([
    ["the visit needs the village's study", [], visit, "409 step_out_of_order"],
    ["the review needs the visit", [study], review, "409 step_out_of_order"],
    ["the notice needs the review", [study, visit], notice, "409 step_out_of_order"],
    ["the township review needs the notice's result", [study, visit, review, notice], township, "409 step_out_of_order"],
    [
      "the county decision needs the township review (seed 一(四)2(5) lists it)",
      [study, visit, review, notice, noticeResult],
      decision,
      "409 step_out_of_order",
    ],
    ["the information update needs the county decision", [study, visit, review, notice, noticeResult, township], update, "409 step_out_of_order"],
    ["each step once", [study], study, "409 step_already_recorded"],
    ["nothing after cleared", line, update, "409 already_cleared"],
    [
      "a visit finding a condition unmet ends the clearance: the household stays monitored",
      [study, { ...visit, riskGone: false } as ClearanceRecord],
      review,
      "409 clearance_ended",
    ],
    ["a disagreeing review ends it", [study, visit, { ...review, result: "disagree" } as ClearanceRecord], notice, "409 clearance_ended"],
    [
      "a rejection ends it",
      [study, visit, review, notice, noticeResult, township, { step: "county_decision", date: "2026-07-30", result: "rejected", reason: "收入不稳定" }],
      update,
      "409 clearance_ended",
    ],
    ["the study cannot predate the identification", [], { ...study, date: "2025-11-30" } as ClearanceRecord, "409 date_before_previous_step"],
    ["not in the future", [], { ...study, date: "2026-08-11" } as ClearanceRecord, "400 date_in_future date"],
    ["the review cannot predate the visit", [study, visit], { ...review, date: "2026-07-15" } as ClearanceRecord, "409 date_before_previous_step"],
    [
      "the notice's result on its last day (Monday 07-27) is inside it",
      [study, visit, review, notice],
      { ...noticeResult, date: "2026-07-27" } as ClearanceRecord,
      "409 notice_still_open",
    ],
    [
      "an objection after the notice ended is refused",
      [study, visit, review, notice],
      { step: "notice_objection", date: "2026-07-28", text: "收入不实" },
      "409 objection_after_notice",
    ],
    [
      "an objection in the notice needs its handling recorded",
      [study, visit, review, notice, { step: "notice_objection", date: "2026-07-22", text: "收入不实" }],
      noticeResult,
      "409 objection_needs_handling",
    ],
    [
      "an approval names its announcement",
      [study, visit, review, notice, noticeResult, township],
      { step: "county_decision", date: "2026-07-30", result: "approved" },
      "400 announcement_required announcement",
    ],
  ])("%s", (_why, records, next, expected) => {
    expect(problemOf(records, next)).toBe(expected);
  });

  it("the stage waits for the notice through its last day", () => {
    expect(clearanceState([study, visit, review, notice], ctx, "2026-07-27").stage).toBe("notice_open");
    expect(clearanceState([study, visit, review, notice], ctx, "2026-07-28").stage).toBe("notice_result");
  });
});

describe("income steady at least half a year before the clearance is proposed", () => {
  it.each<[string, string, string, string]>([
    ["steady since 01-15, proposed 07-15: six months, fine", "2026-01-15", "2026-07-15", "ok"],
    ["steady since 01-15, proposed 07-14: one day short, refused", "2026-01-15", "2026-07-14", "400 income_not_steady_long_enough steadySince"],
    ["steady since 08-31, proposed 02-28: six months end at the month's end", "2025-08-31", "2026-02-28", "ok"],
    ["steady since 08-31, proposed 02-27: refused", "2025-08-31", "2026-02-27", "400 income_not_steady_long_enough steadySince"],
  ])("%s", (_why, steadySince, studyOn, expected) => {
    // fails if: the six months were counted from the visit instead of the proposal, or in 30-day blocks
    const proposal: ClearanceRecord = { step: "village_study", date: studyOn };
    expect(problemOf([proposal], { ...visit, date: "2026-07-20", steadySince } as ClearanceRecord)).toBe(expected);
  });

  it("the steady date cannot come after the visit", () => {
    expect(problemOf([study], { ...visit, steadySince: "2026-07-20" } as ClearanceRecord)).toBe("400 steady_since_after_visit steadySince");
  });

  it.each([
    ["2026-01-15", "2026-07-15"],
    ["2025-08-31", "2026-02-28"],
    ["2027-08-31", "2028-02-29"],
    ["2026-07-01", "2027-01-01"],
  ])("six months after %s is %s", (from, to) => {
    expect(addMonths(from, 6)).toBe(to);
  });
});

describe("who records the clearance", () => {
  it.each([
    ["visit", "village_cadre", true],
    ["visit", "township", false],
    ["township_review", "township", true],
    ["county_decision", "county", true],
    ["county_decision", "village_cadre", false],
    ["information_update", "county", true],
  ] as const)("%s by %s: %s", (step, role, allowed) => {
    expect(mayRecordClearance(step, role)).toBe(allowed);
  });
});

describe("what the household reads", () => {
  it("is told the outcome plainly, and never about an objection", () => {
    expect(householdClearanceText(update)).toBe("您家已标注风险消除，之后村里还会在日常排查中持续关注您家");
    expect(householdClearanceText({ ...visit, riskGone: false } as ClearanceRecord)).toBe("村里上门核实了您家的情况，暂时还不符合风险消除条件，会继续帮扶");
    expect(householdClearanceText({ step: "notice_objection", date: "2026-07-22", text: "收入不实" })).toBeUndefined();
  });
});
