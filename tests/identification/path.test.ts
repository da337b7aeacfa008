import { describe, expect, it } from "vitest";
import { checkIdentificationStep, identificationState, type IdentificationContext } from "../../src/domain/identification/path.js";
import { noticeWindow } from "../../src/domain/identification/period.js";
import type { IdentificationRecord } from "../../src/domain/identification/steps.js";
import { householdTimelineText, mayRecord } from "../../src/domain/identification/steps.js";
import { packageCalendar } from "../../src/seed/holiday-calendar.js";

const calendar = packageCalendar();
const ctx: IdentificationContext = {
  receivedOn: "2026-06-01",
  visitedOn: "2026-06-02",
  proposedOn: "2026-06-03",
  townshipReview: true,
  rule: "statutory",
  calendar,
};
const noTownship: IdentificationContext = { ...ctx, townshipReview: false };

// the whole path of a household identified in June 2026 (the notice posted Thursday 06-04 ends 24:00 Tuesday 06-09)
const consent: IdentificationRecord = { step: "consent", date: "2026-06-02", signed: true };
const review: IdentificationRecord = { step: "village_review", date: "2026-06-03", form: "representatives_meeting", result: "agree" };
const notice: IdentificationRecord = { step: "notice", date: "2026-06-04" };
const objection: IdentificationRecord = { step: "notice_objection", date: "2026-06-06", text: "他家有车" };
const noticeResult: IdentificationRecord = { step: "notice_result", date: "2026-06-10", result: "no_objection" };
const township: IdentificationRecord = { step: "township_review", date: "2026-06-10", result: "agree" };
const decision: IdentificationRecord = {
  step: "county_decision",
  date: "2026-06-11",
  result: "approved",
  kind: "marginal",
  announcement: "某县公告〔2026〕12号",
};
const entry: IdentificationRecord = { step: "system_entry", date: "2026-06-12" };
const plan: IdentificationRecord = { step: "plan", date: "2026-06-05", labourCapacity: true, measures: [{ kind: "employment", text: "推荐到县城工厂务工" }] };
const TODAY = "2026-06-20";

const check = (records: IdentificationRecord[], next: IdentificationRecord, today = TODAY, c = ctx) => checkIdentificationStep(records, next, c, today);
const problemOf = (records: IdentificationRecord[], next: IdentificationRecord, today = TODAY, c = ctx) => {
  const r = check(records, next, today, c);
  return r.ok ? "ok" : `${r.problem.status} ${r.problem.code}${r.problem.field ? ` ${r.problem.field}` : ""}`;
};

describe("the identification path, step by step (seed 001 一(二)3)", () => {
  it("a household goes from consent to identified, each step moving the stage on", () => {
    const path = [consent, review, notice, noticeResult, township, decision, plan, entry];
    const stages: string[] = [];
    const done: IdentificationRecord[] = [];
    for (const step of path) {
      const r = check(done, step);
      expect(r.ok, `${step.step}: ${r.ok ? "" : r.problem.message}`).toBe(true);
      if (r.ok) stages.push(r.after);
      done.push(step);
    }
    expect(stages).toEqual([
      "village_review",
      "notice",
      "notice_result",
      "township_review",
      "county_decision",
      "entry_and_plan",
      "entry_and_plan",
      "identified",
    ]);
  });

  it("a county without the township review goes from the notice's result straight to the county", () => {
    // fails if: the township review were required whatever the county's setting
    expect(identificationState([consent, review, notice, noticeResult], noTownship, TODAY).stage).toBe("county_decision");
    expect(problemOf([consent, review, notice, noticeResult], decision, TODAY, noTownship)).toBe("ok");
    expect(problemOf([consent, review, notice, noticeResult], township, TODAY, noTownship)).toBe("409 township_review_not_used");
  });
});

describe("every ordering rule (409)", () => {
  it.each<[string, IdentificationRecord[], IdentificationRecord, string]>([
    ["the village review needs the consent signed", [], review, "409 consent_not_signed"],
    [
      "a refused consent ends the path: no review after it",
      [{ step: "consent", date: "2026-06-02", signed: false, reason: "不愿意查询存款" }],
      review,
      "409 identification_ended",
    ],
    ["the data comparison needs the consent signed", [], { step: "data_comparison", date: "2026-06-03", result: "consistent" }, "409 consent_not_signed"],
    [
      "no data comparison after the county decided",
      [consent, review, notice, noticeResult, township, decision],
      { step: "data_comparison", date: "2026-06-12", result: "consistent" },
      "409 step_out_of_order",
    ],
    ["the notice needs the village review", [consent], notice, "409 step_out_of_order"],
    ["a disagreeing review ends the path", [consent, { ...review, result: "disagree" } as IdentificationRecord], notice, "409 identification_ended"],
    ["an objection needs a notice", [consent, review], objection, "409 step_out_of_order"],
    [
      "no objection after the notice's result",
      [consent, review, notice, noticeResult],
      { ...objection, date: "2026-06-08" } as IdentificationRecord,
      "409 notice_concluded",
    ],
    ["the notice's result needs a notice", [consent, review], noticeResult, "409 step_out_of_order"],
    ["an objection recorded cannot end as 'no objection'", [consent, review, notice, objection], noticeResult, "409 objection_needs_handling"],
    [
      "'objection resolved' needs an objection recorded",
      [consent, review, notice],
      { ...noticeResult, result: "objection_resolved" } as IdentificationRecord,
      "409 no_objection_recorded",
    ],
    [
      "an upheld objection ends the path",
      [consent, review, notice, objection, { ...noticeResult, result: "objection_upheld" } as IdentificationRecord],
      township,
      "409 identification_ended",
    ],
    ["the township review needs the notice's result", [consent, review, notice], township, "409 step_out_of_order"],
    ["the county decision waits for the township review when the county uses it", [consent, review, notice, noticeResult], decision, "409 step_out_of_order"],
    [
      "a township that disagrees ends the path",
      [consent, review, notice, noticeResult, { ...township, result: "disagree" } as IdentificationRecord],
      decision,
      "409 identification_ended",
    ],
    ["the system entry needs the county decision", [consent, review, notice, noticeResult, township], entry, "409 step_out_of_order"],
    [
      "a rejection ends the path: no system entry",
      [consent, review, notice, noticeResult, township, { step: "county_decision", date: "2026-06-11", result: "rejected", reason: "家庭收入高于监测范围" }],
      entry,
      "409 identification_ended",
    ],
    ["the plan waits for the village review", [consent], plan, "409 step_out_of_order"],
    ["each step once: a second village review", [consent, review], review, "409 step_already_recorded"],
    ["each step once: a second plan", [consent, review, plan], plan, "409 step_already_recorded"],
    ["each step once: a second decision", [consent, review, notice, noticeResult, township, decision], decision, "409 step_already_recorded"],
  ])("%s", (_why, records, next, expected) => {
    expect(problemOf(records, next)).toBe(expected);
  });
});

describe("the dates of the steps", () => {
  it.each<[string, IdentificationRecord[], IdentificationRecord, string, string]>([
    ["a step dated today is fine", [consent], { ...review, date: "2026-06-20" } as IdentificationRecord, "2026-06-20", "ok"],
    ["not in the future: tomorrow is refused", [consent], { ...review, date: "2026-06-21" } as IdentificationRecord, "2026-06-20", "400 date_in_future date"],
    ["not a real date", [consent], { ...review, date: "2026-06-31" } as IdentificationRecord, TODAY, "400 invalid_date date"],
    ["the consent may carry the visit's day", [], { ...consent, date: "2026-06-02" } as IdentificationRecord, TODAY, "ok"],
    ["the consent may not predate the visit", [], { ...consent, date: "2026-06-01" } as IdentificationRecord, TODAY, "409 date_before_previous_step"],
    ["the review may be on the consent's day", [consent], { ...review, date: "2026-06-03" } as IdentificationRecord, TODAY, "ok"],
    [
      "the review may not predate the opinion",
      [{ ...consent, date: "2026-06-02" } as IdentificationRecord],
      { ...review, date: "2026-06-02" } as IdentificationRecord,
      TODAY,
      "409 date_before_previous_step",
    ],
    [
      "the notice may not predate the review",
      [consent, review],
      { ...notice, date: "2026-06-02" } as IdentificationRecord,
      TODAY,
      "409 date_before_previous_step",
    ],
    [
      "the system entry may not predate the decision",
      [consent, review, notice, noticeResult, township, decision],
      { ...entry, date: "2026-06-10" } as IdentificationRecord,
      TODAY,
      "409 date_before_previous_step",
    ],
    [
      "the decision may not predate the data comparison",
      [consent, { step: "data_comparison", date: "2026-06-12", result: "inconsistent" }, review, notice, noticeResult, township],
      decision,
      TODAY,
      "409 date_before_previous_step",
    ],
  ])("%s", (_why, records, next, today, expected) => {
    expect(problemOf(records, next, today)).toBe(expected);
  });
});

describe("the 5-day notice: from the next day, ending 24:00 of the 5th", () => {
  it("posted on 06-04, it ends at 24:00 on 06-09", () => {
    const w = noticeWindow("2026-06-04", "statutory", calendar);
    expect(w.lastDay).toBe("2026-06-09");
    expect(w.dueAt.toISOString()).toBe(new Date("2026-06-10T00:00:00+08:00").toISOString());
  });

  it.each<[string, IdentificationRecord[], IdentificationRecord, string, string]>([
    [
      "its result dated 06-09 (the last day) is inside the notice",
      [consent, review, notice],
      { ...noticeResult, date: "2026-06-09" } as IdentificationRecord,
      TODAY,
      "409 notice_still_open",
    ],
    ["its result dated 06-10 is fine", [consent, review, notice], noticeResult, TODAY, "ok"],
    [
      "on 06-09 the result cannot be dated today: the notice is still open",
      [consent, review, notice],
      { ...noticeResult, date: "2026-06-09" } as IdentificationRecord,
      "2026-06-09",
      "409 notice_still_open",
    ],
    [
      "the county cannot decide while the notice has no result",
      [consent, review, notice],
      { ...decision, date: "2026-06-08" } as IdentificationRecord,
      TODAY,
      "409 step_out_of_order",
    ],
    ["an objection on the last day is inside the window", [consent, review, notice], { ...objection, date: "2026-06-09" } as IdentificationRecord, TODAY, "ok"],
    [
      "an objection dated after the notice ended is refused",
      [consent, review, notice],
      { ...objection, date: "2026-06-10" } as IdentificationRecord,
      TODAY,
      "409 objection_after_notice",
    ],
    [
      "an objection before the notice was posted is refused",
      [consent, review, notice],
      { ...objection, date: "2026-06-03" } as IdentificationRecord,
      TODAY,
      "409 date_before_previous_step",
    ],
    ["the plan may be made while the notice runs (同步开展)", [consent, review, notice], { ...plan, date: "2026-06-07" } as IdentificationRecord, TODAY, "ok"],
  ])("%s", (_why, records, next, today, expected) => {
    expect(problemOf(records, next, today)).toBe(expected);
  });

  it("a notice ending on a Saturday runs to Monday under the statutory rule, not under calendar days", () => {
    // 2026-06-08 is a Monday: the 5th day is Saturday 06-13
    expect(noticeWindow("2026-06-08", "statutory", calendar).lastDay).toBe("2026-06-15");
    expect(noticeWindow("2026-06-08", "calendar", calendar).lastDay).toBe("2026-06-13");
  });

  it("the stage is 'notice open' through the last day and 'waiting for the result' from the next", () => {
    expect(identificationState([consent, review, notice], ctx, "2026-06-09").stage).toBe("notice_open");
    expect(identificationState([consent, review, notice], ctx, "2026-06-10").stage).toBe("notice_result");
  });
});

describe("the fields of a step (400, naming the field)", () => {
  it.each<[string, IdentificationRecord[], IdentificationRecord, string]>([
    ["a refused consent needs its reason", [], { step: "consent", date: "2026-06-02", signed: false }, "400 consent_reason_required reason"],
    ["an objection needs its text", [consent, review, notice], { ...objection, text: "  " } as IdentificationRecord, "400 objection_text_required text"],
    [
      "an approval names the household's kind",
      [consent, review, notice, noticeResult, township],
      { step: "county_decision", date: "2026-06-11", result: "approved", announcement: "公告12号" },
      "400 household_kind_required kind",
    ],
    [
      "an approval names its announcement",
      [consent, review, notice, noticeResult, township],
      { step: "county_decision", date: "2026-06-11", result: "approved", kind: "unstable" },
      "400 announcement_required announcement",
    ],
    [
      "a rejection gives its reason",
      [consent, review, notice, noticeResult, township],
      { step: "county_decision", date: "2026-06-11", result: "rejected" },
      "400 rejection_reason_required reason",
    ],
    ["a plan has at least one measure", [consent, review], { ...plan, measures: [] } as IdentificationRecord, "400 measures_required measures"],
    [
      "labour capacity and only 兜底保障: refused",
      [consent, review],
      { ...plan, measures: [{ kind: "social_assistance", text: "纳入低保" }] } as IdentificationRecord,
      "400 developmental_measure_required measures",
    ],
    [
      "labour capacity with 兜底保障 and 公益岗位: fine",
      [consent, review],
      {
        ...plan,
        measures: [
          { kind: "social_assistance", text: "纳入低保" },
          { kind: "public_job", text: "护林员" },
        ],
      } as IdentificationRecord,
      "ok",
    ],
    [
      "no labour capacity, 兜底保障 only: fine",
      [consent, review],
      { ...plan, labourCapacity: false, measures: [{ kind: "social_assistance", text: "纳入低保" }] } as IdentificationRecord,
      "ok",
    ],
  ])("%s", (_why, records, next, expected) => {
    expect(problemOf(records, next)).toBe(expected);
  });
});

describe("who records which step, and what the household reads", () => {
  it.each([
    ["consent", "village_cadre", true],
    ["consent", "grid_worker", false],
    ["township_review", "township", true],
    ["township_review", "village_cadre", false],
    ["county_decision", "county", true],
    ["county_decision", "township", false],
    ["system_entry", "county", true],
    ["plan", "village_cadre", true],
    ["data_comparison", "village_cadre", false],
  ] as const)("%s by %s: %s", (step, role, allowed) => {
    expect(mayRecord(step, role)).toBe(allowed);
  });

  it("the household is told the outcome in plain words, and never about an objection", () => {
    expect(householdTimelineText(decision)).toBe("县里已批准，您家已纳入监测（边缘易致贫户），会为您家落实帮扶措施");
    expect(householdTimelineText(objection)).toBeUndefined();
    expect(householdTimelineText({ ...noticeResult, result: "objection_upheld" } as IdentificationRecord)).toBe(
      "公示中有人提出异议，经核实异议成立，这次不纳入监测",
    );
  });
});
