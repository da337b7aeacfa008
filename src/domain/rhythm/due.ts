import { startOfChinaDay } from "../china-time.js";

/** Reminders go out at 09:00 in China, when village offices are open. */
export const SEND_HOUR_CHINA = 9;

/** The instant an occurrence on a China day is sent. */
export const sendInstant = (day: string): Date => new Date(startOfChinaDay(day).getTime() + SEND_HOUR_CHINA * 3600_000);

export type DueDecision = "not_yet" | "send" | "missed";

/**
 * What to do now about an occurrence nobody has decided yet: wait for it, send it (on
 * time, or late after downtime while within the grace window), or record it as missed.
 */
export function decideOccurrence(now: Date, at: Date, graceMs: number): DueDecision {
  const late = now.getTime() - at.getTime();
  if (late < 0) return "not_yet";
  return late <= graceMs ? "send" : "missed";
}
