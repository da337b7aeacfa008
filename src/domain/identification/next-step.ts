import { daysLeft } from "../report/clock.js";
import { dueWords, type DueWords } from "../report/due-words.js";
import { CLOCK_LABELS, type CaseClock, type ClockName, type Level } from "./clocks.js";
import type { IdentificationStage } from "./path.js";
import type { IdentificationRecord } from "./steps.js";

/** Who holds a step, as staff say it. */
export const LEVEL_LABELS: Record<Level, string> = { village: "村干部", township: "乡镇", county: "县里" };

/** What a case waits for, as a cadre reads it: "下一步：民主评议", who does it, and the clock that runs for it. */
export interface NextStep {
  /** "民主评议", "公示结果（公示期满后）", "系统录入、帮扶计划"; null once the case is identified or ended. */
  label: string | null;
  holder: Level | null;
  holderLabel: string | null;
  /** The clock the next step answers to, in the words every deadline is said in ("还剩3天" / "已超期2天"). */
  clock: { name: ClockName; label: string; lastDay: string; overdue: boolean; due: DueWords } | null;
}

const STEP_OF_STAGE: Partial<Record<IdentificationStage, { label: string; holder: Level }>> = {
  consent: { label: "签署授权承诺书", holder: "village" },
  village_review: { label: "民主评议", holder: "village" },
  notice: { label: "村内公示", holder: "village" },
  notice_open: { label: "公示结果（公示期满后填写）", holder: "village" },
  notice_result: { label: "填写公示结果", holder: "village" },
  township_review: { label: "乡镇初审", holder: "township" },
  county_decision: { label: "县级审定", holder: "county" },
};

/** Clocks still running (started, not done), overdue first, then the soonest end. */
export function openClocks(clocks: readonly CaseClock[]): CaseClock[] {
  return clocks
    .filter((c) => c.dueAt !== null && c.doneAt === null && c.name !== "notice_5_days")
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueAt!.getTime() - b.dueAt!.getTime());
}

/**
 * The next step of a case at `now` and the clock it answers to: before the county's decision
 * the 15 days; after approval, whichever of system entry (county) and plan (village) is still
 * missing, the sooner clock first. The notice's 5 days are a window, not a duty, so they
 * never stand for a case's clock.
 */
export function nextStep(stage: IdentificationStage, records: readonly IdentificationRecord[], clocks: readonly CaseClock[], now: Date): NextStep {
  const running = openClocks(clocks);
  const words = (c: CaseClock | undefined): NextStep["clock"] =>
    c && c.dueAt && c.lastDay
      ? { name: c.name, label: CLOCK_LABELS[c.name], lastDay: c.lastDay, overdue: c.overdue, due: dueWords(daysLeft(c.dueAt, now), c.overdue) }
      : null;
  const before = STEP_OF_STAGE[stage];
  if (before)
    return {
      label: before.label,
      holder: before.holder,
      holderLabel: LEVEL_LABELS[before.holder],
      clock: words(running.find((c) => c.name === "identify_within_15_days")),
    };
  if (stage !== "entry_and_plan") return { label: null, holder: null, holderLabel: null, clock: null };
  const missing = [
    ...(records.some((r) => r.step === "system_entry") ? [] : [{ label: "系统录入", holder: "county" as const, clock: "entry_within_10_days" }]),
    ...(records.some((r) => r.step === "plan") ? [] : [{ label: "制定帮扶计划", holder: "village" as const, clock: "plan_within_10_days" }]),
  ];
  const first = running.find((c) => missing.some((m) => m.clock === c.name));
  const lead = missing.find((m) => m.clock === first?.name) ?? missing[0]!;
  return {
    label: missing.map((m) => m.label).join("、"),
    holder: lead.holder,
    holderLabel: missing.map((m) => LEVEL_LABELS[m.holder]).join("、"),
    clock: words(first),
  };
}
