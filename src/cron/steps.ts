import { inTransaction } from "../db/transaction.js";
import { isUniqueViolation } from "../db/unique-violation.js";
import { casesDueForReminders, remindCase } from "../notices/identification-clock.js";
import { decideDueOccurrence, dueOccurrences } from "../notices/rhythm.js";
import type { Deps } from "../services/deps.js";
import { reviseWeekendsOnlyDeadlines, weekendsOnlyDeadlinesToRevise } from "../services/holiday-calendar.js";

/**
 * The tick's steps that write: each reads what is due, then opens one transaction per unit of
 * work, so one bad unit does not hold up the rest and a second instance meets the first's rows.
 */

/** Weekends-only deadlines whose year has become known since are recomputed, in one transaction. */
export async function reviseKnownYearDeadlines(deps: Deps): Promise<number> {
  const pending = await weekendsOnlyDeadlinesToRevise(deps);
  if (pending.length === 0) return 0;
  return inTransaction(deps.db, (tx) => reviseWeekendsOnlyDeadlines(deps, tx, pending));
}

/**
 * Enqueues the identification clocks' reminders that have fallen due, one transaction per case
 * due, of `counties` only when given (the tick's leased counties). Returns how many were new.
 */
export async function enqueueIdentificationReminders(deps: Deps, counties?: readonly string[]): Promise<number> {
  const now = deps.clock.now();
  let added = 0;
  for await (const ids of casesDueForReminders(deps, now, undefined, counties))
    for (const id of ids) added += await inTransaction(deps.db, (tx) => remindCase(deps, tx, id, now));
  return added;
}

export interface RhythmCounts {
  sent: number;
  missed: number;
  notifications: number;
  takenByOthers: number;
  failed: number;
}

/**
 * One pass of the year's rhythm: every rule and campaign occurrence (of `counties` only when
 * given: the tick's leased counties) that has come due and that no instance has decided yet is
 * decided now, each in its own transaction.
 */
export async function runRhythm(deps: Deps, counties?: readonly string[]): Promise<RhythmCounts> {
  const now = deps.clock.now();
  const counts: RhythmCounts = { sent: 0, missed: 0, notifications: 0, takenByOthers: 0, failed: 0 };
  for (const due of await dueOccurrences(deps, now, counties)) {
    const o = due.candidate.occurrence;
    try {
      const enqueued = await inTransaction(deps.db, (tx) => decideDueOccurrence(deps, tx, due, now));
      if (enqueued === null) continue;
      if (due.decision === "send") {
        counts.sent++;
        counts.notifications += enqueued;
      } else {
        counts.missed++;
        deps.log.warn({ occurrence: o.key, scheduledFor: o.at.toISOString() }, "reminder missed: older than the grace window");
      }
    } catch (err) {
      if (isUniqueViolation(err)) counts.takenByOthers++;
      else {
        // one bad occurrence must not hold up the rest; it is tried again next tick
        counts.failed++;
        deps.log.error({ occurrence: o.key, error: (err as Error).message }, "reminder could not be decided");
      }
    }
  }
  return counts;
}
