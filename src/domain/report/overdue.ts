import { AWAITING_OPINION, type ReportStatus } from "./lifecycle.js";

/** What the overdue rule reads of a report. */
export interface ClockFacts {
  status: ReportStatus;
  dueAt: Date;
  opinionAt: Date | null;
  overdueAt: Date | null;
  /** The clock had run out before a transfer restarted it (the ledger still counts the report late). */
  lateBeforeTransfer?: boolean;
}

/** Overdue: marked so by the escalation, or still awaiting the opinion at or past the deadline. */
export const isOverdue = (r: ClockFacts, now: Date): boolean =>
  r.overdueAt !== null || (r.opinionAt === null && AWAITING_OPINION.includes(r.status) && r.dueAt.getTime() <= now.getTime());

/** Late in the ledger: marked overdue, answered after the deadline, or still waiting past it. */
export function wasLate(r: ClockFacts, now: Date): boolean {
  if (r.overdueAt || r.lateBeforeTransfer) return true;
  if (r.opinionAt) return r.opinionAt.getTime() > r.dueAt.getTime();
  return AWAITING_OPINION.includes(r.status) && r.dueAt.getTime() <= now.getTime();
}

/**
 * The same rule as a query spec for the repositories: the clock runs while the status is one of
 * `awaiting` and there is no opinion yet. The repositories turn it into SQL; the rule stays here.
 */
export const OVERDUE_SPEC = {
  awaiting: AWAITING_OPINION,
} as const;
