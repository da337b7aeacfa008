/**
 * The rule for wrong passwords typed for one phone number, whoever's it is. Five wrong in 15
 * minutes block that phone; each further block in a row lasts twice as long (5, 10, 20 … at
 * most 60 minutes). A blocked request is answered at once (429 with Retry-After), never held.
 */
export const FAILURES_BEFORE_BLOCK = 5;
export const FAILURE_WINDOW_MINUTES = 15;
export const FIRST_BLOCK_MINUTES = 5;
export const LONGEST_BLOCK_MINUTES = 60;

export interface ThrottleState {
  failures: number;
  windowStart: Date;
  blocks: number;
  blockedUntil: Date | null;
}

/** Whole seconds the phone stays blocked at `now`, or 0. */
export function secondsBlocked(state: ThrottleState | null, now: Date): number {
  if (!state?.blockedUntil) return 0;
  return Math.max(0, Math.ceil((state.blockedUntil.getTime() - now.getTime()) / 1000));
}

/** How long the n-th block in a row lasts (n ≥ 1). */
export const blockMinutes = (n: number): number => Math.min(FIRST_BLOCK_MINUTES * 2 ** (n - 1), LONGEST_BLOCK_MINUTES);

/** The state after one more wrong password at `now`. */
export function afterFailure(state: ThrottleState | null, now: Date): ThrottleState {
  const windowOpen = state && now.getTime() - state.windowStart.getTime() < FAILURE_WINDOW_MINUTES * 60_000;
  const failures = windowOpen ? state.failures + 1 : 1;
  const windowStart = windowOpen ? state.windowStart : now;
  const blocks = state?.blocks ?? 0;
  if (failures < FAILURES_BEFORE_BLOCK) return { failures, windowStart, blocks, blockedUntil: state?.blockedUntil ?? null };
  return { failures: 0, windowStart: now, blocks: blocks + 1, blockedUntil: new Date(now.getTime() + blockMinutes(blocks + 1) * 60_000) };
}
