import type { CaseClock, ClockName } from "./clocks.js";

/** The clocks the dashboard rates, as the county must prove it kept them (the 5-day answer's siblings). */
export const RATED_CLOCKS = ["identify_within_15_days", "entry_within_10_days", "plan_within_10_days"] as const satisfies readonly ClockName[];
export type RatedClock = (typeof RATED_CLOCKS)[number];

export const RATE_LABELS: Record<RatedClock, string> = {
  identify_within_15_days: "15日内识别认定率",
  entry_within_10_days: "10日内录入率",
  plan_within_10_days: "10日内制定帮扶计划率",
};

export interface ClockRate {
  name: RatedClock;
  label: string;
  /** Cases whose clock ended in the window. */
  due: number;
  /** Of those, done by the clock's last day. */
  inTime: number;
  /** inTime / due; null when no clock ended in the window (shown as "—"). */
  share: number | null;
}

/**
 * Of the clocks that ended in [from, to), how many were kept, per clock. Counting by the end
 * of the period (as the 5-day answer's rate does) means every clock counted had its whole time;
 * one done early but ending later waits for its end.
 */
export function clockRates(cases: ReadonlyArray<readonly CaseClock[]>, from: Date, to: Date): ClockRate[] {
  return RATED_CLOCKS.map((name) => {
    let due = 0;
    let inTime = 0;
    for (const clocks of cases) {
      const c = clocks.find((x) => x.name === name);
      if (!c?.dueAt || c.dueAt.getTime() < from.getTime() || c.dueAt.getTime() >= to.getTime()) continue;
      due++;
      if (c.met === true) inTime++;
    }
    return { name, label: RATE_LABELS[name], due, inTime, share: due === 0 ? null : inTime / due };
  });
}
