import cron from "node-cron";
import { dispatchChannel } from "../outbox/dispatcher.js";
import { logSender, wechatSubscribeSender } from "../outbox/senders.js";
import type { Deps } from "../services/deps.js";
import { takeCounties } from "./county-leases.js";
import { enqueueOverdueDigests, markOverdueReports } from "./report-clock.js";
import { logCalendarWarnings } from "../services/holiday-calendar.js";
import { enqueueIdentificationReminders, reviseKnownYearDeadlines, runRhythm } from "./steps.js";

/**
 * One step of the tick. `counties` are the counties this instance holds the lease of this tick:
 * a step whose work belongs to a county does only theirs; the others (the outbox's sending,
 * the holiday calendar's) ignore it. Each step is safe with several instances running.
 */
export type TickStep = (deps: Deps, counties: readonly string[]) => Promise<unknown>;

export const tickSteps: Array<[string, TickStep]> = [
  ["revise weekends-only deadlines", (deps) => reviseKnownYearDeadlines(deps)],
  ["mark overdue reports", (deps, counties) => markOverdueReports(deps, counties)],
  ["warn of a missing holiday arrangement", (deps) => logCalendarWarnings(deps)],
  ["overdue digests", enqueueOverdueDigests],
  ["identification clocks' reminders", enqueueIdentificationReminders],
  ["the year's rhythm", runRhythm],
  ["send subscribe messages", (deps) => dispatchChannel(deps, "wechat_subscribe", wechatSubscribeSender(deps))],
  ["send log notices", (deps) => dispatchChannel(deps, "log", logSender(deps))],
];

/**
 * One pass of everything time-driven. The instance first takes its share of the county leases
 * (cron/county-leases.ts), then runs each step for those counties: several instances divide
 * the counties between them, a single one takes them all, and one that stops ticking loses its
 * counties to the others when its leases run out. If the leases cannot be read, no county's
 * work runs this tick (the outbox still sends).
 */
export async function tick(deps: Deps, steps = tickSteps): Promise<void> {
  let counties: string[] = [];
  try {
    counties = await takeCounties(deps);
  } catch (err) {
    deps.log.error({ step: "take county leases", error: (err as Error).message }, "tick step failed");
  }
  for (const [name, step] of steps) {
    try {
      await step(deps, counties);
    } catch (err) {
      deps.log.error({ step: name, error: (err as Error).message }, "tick step failed");
    }
  }
}

/**
 * node-cron only ticks, every minute in China's time; the database decides who does what,
 * so a tick that missed minutes (downtime) catches up on its next run.
 */
export function startScheduler(deps: Deps): { stop(): void } {
  let running = false;
  const task = cron.schedule(
    "* * * * *",
    async () => {
      if (running) return;
      running = true;
      try {
        await tick(deps);
      } finally {
        running = false;
      }
    },
    { timezone: "Asia/Shanghai" },
  );
  void tick(deps);
  return { stop: () => void task.stop() };
}
