import cron from "node-cron";
import { dispatchChannel } from "../outbox/dispatcher.js";
import { logSender, wechatSubscribeSender } from "../outbox/senders.js";
import type { Deps } from "../services/deps.js";
import { enqueueOverdueDigests, markOverdueReports } from "./report-clock.js";
import { logCalendarWarnings } from "../services/holiday-calendar.js";
import { enqueueIdentificationReminders, reviseKnownYearDeadlines, runRhythm } from "./steps.js";

/** One pass of everything time-driven. Each step is safe with several instances running. */
export type TickStep = (deps: Deps) => Promise<unknown>;

export const tickSteps: Array<[string, TickStep]> = [
  ["revise weekends-only deadlines", reviseKnownYearDeadlines],
  ["mark overdue reports", markOverdueReports],
  ["warn of a missing holiday arrangement", logCalendarWarnings],
  ["overdue digests", enqueueOverdueDigests],
  ["identification clocks' reminders", enqueueIdentificationReminders],
  ["the year's rhythm", runRhythm],
  ["send subscribe messages", (deps) => dispatchChannel(deps, "wechat_subscribe", wechatSubscribeSender(deps))],
  ["send log notices", (deps) => dispatchChannel(deps, "log", logSender(deps))],
];

export async function tick(deps: Deps, steps = tickSteps): Promise<void> {
  for (const [name, step] of steps) {
    try {
      await step(deps);
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
