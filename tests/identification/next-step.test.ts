import { describe, expect, it } from "vitest";
import type { CaseClock } from "../../src/domain/identification/clocks.js";
import { nextStep } from "../../src/domain/identification/next-step.js";
import type { IdentificationRecord } from "../../src/domain/identification/steps.js";

const now = new Date("2026-06-25T02:00:00Z"); // 06-25 10:00 in China
/** A clock ending 24:00 of `lastDay` (China), done on `doneAt` or still open. */
const clock = (name: CaseClock["name"], lastDay: string | null, doneAt: string | null = null): CaseClock => {
  const dueAt = lastDay ? new Date(Date.parse(`${lastDay}T00:00:00+08:00`) + 86_400_000) : null;
  return { name, dueAt, lastDay, doneAt, overdue: !!dueAt && doneAt === null && now >= dueAt, met: doneAt && lastDay ? doneAt <= lastDay : null };
};
const approved: IdentificationRecord = { step: "county_decision", date: "2026-06-12", result: "approved", kind: "marginal", announcement: "公告" };

describe("a case's next step, who holds it and its clock", () => {
  // fails if: after approval the plan the village still owes is not named, or the county is named for it
  it("entered but no plan: 制定帮扶计划, the village's, on the plan's clock", () => {
    const records: IdentificationRecord[] = [approved, { step: "system_entry", date: "2026-06-15" }];
    const next = nextStep(
      "entry_and_plan",
      records,
      [clock("entry_within_10_days", "2026-06-22", "2026-06-15"), clock("plan_within_10_days", "2026-06-22")],
      now,
    );
    expect([next.label, next.holder, next.holderLabel, next.clock?.name, next.clock?.due.text]).toEqual([
      "制定帮扶计划",
      "village",
      "村干部",
      "plan_within_10_days",
      "已超期3天",
    ]);
  });

  // fails if: with both owed the sooner (or overdue) clock is not the one shown, or one of the two holders is left out
  it("neither entered nor planned: both named, both holders, the clock that ends first", () => {
    const next = nextStep("entry_and_plan", [approved], [clock("entry_within_10_days", "2026-06-29"), clock("plan_within_10_days", "2026-06-26")], now);
    expect([next.label, next.holderLabel, next.clock?.name, next.clock?.due.text]).toEqual([
      "系统录入、制定帮扶计划",
      "县里、村干部",
      "plan_within_10_days",
      "明天到期",
    ]);
  });

  // fails if: an open notice shows its 5-day window as the case's deadline instead of the 15 days
  it("while the notice runs the case still answers to its 15 days", () => {
    const next = nextStep("notice_open", [], [clock("identify_within_15_days", "2026-06-30"), clock("notice_5_days", "2026-06-26")], now);
    expect([next.label, next.clock?.name, next.clock?.due.text]).toEqual(["公示结果（公示期满后填写）", "identify_within_15_days", "还剩5天"]);
  });

  // fails if: a finished case still offers a step or a clock
  it("an identified or ended case has no next step", () => {
    expect(nextStep("identified", [], [], now)).toEqual({ label: null, holder: null, holderLabel: null, clock: null });
    expect(nextStep("ended", [], [], now)).toEqual({ label: null, holder: null, holderLabel: null, clock: null });
  });
});
