import { AWAITING_OPINION, type ReportStatus } from "./lifecycle.js";

/**
 * The order of every queue: reports still waiting for their opinion first, then answered ones
 * (which keep old deadlines and must not push the urgent ones down); within each, the soonest
 * deadline first, the id breaking ties. Before keyset paging the group was `opinionAt IS NULL`;
 * the moves make that a function of the status (an opinion is given only by give_opinion, to
 * opinion_given, and closing follows it; a withdrawn report never had one), so a queue can be
 * read as one stream per village and status, each already in this order.
 */
export type QueueGroup = 0 | 1;

const ANSWERED: readonly ReportStatus[] = ["opinion_given", "closed"];

export const queueGroup = (status: ReportStatus): QueueGroup => (ANSWERED.includes(status) ? 1 : 0);

/** Where a page ended: the last report's group, deadline (ms) and id. */
export interface QueueCursor {
  g: QueueGroup;
  d: number;
  i: string;
}

export interface QueueKey {
  status: ReportStatus;
  dueAt: Date;
  id: string;
}

export const cursorOf = (r: QueueKey): QueueCursor => ({ g: queueGroup(r.status), d: r.dueAt.getTime(), i: r.id });

/** Negative when `a` comes first in a queue. */
export function compareQueueKeys(a: QueueCursor, b: QueueCursor): number {
  return a.g - b.g || a.d - b.d || (a.i < b.i ? -1 : a.i > b.i ? 1 : 0);
}

/** The opaque text a client sends back for the next page. */
export const encodeCursor = (c: QueueCursor): string => Buffer.from(JSON.stringify([c.g, c.d, c.i])).toString("base64url");

/** The cursor in a client's text, or null when it is not one of ours. */
export function decodeCursor(text: string): QueueCursor | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (!Array.isArray(v) || v.length !== 3) return null;
    const [g, d, i] = v;
    if ((g !== 0 && g !== 1) || !Number.isSafeInteger(d) || typeof i !== "string" || !/^[\w-]{1,36}$/.test(i)) return null;
    return { g, d, i };
  } catch {
    return null;
  }
}

/**
 * Overdue within one status (the rule of overdue.ts, isOverdue): a report still waiting for its
 * opinion is overdue once its deadline has passed — the escalation marks it only then
 * (markReportOverdue requires due_at <= now), and every move that sets a new deadline clears
 * the mark — so there the test is a range on the deadline; any other report is overdue when it
 * was marked.
 */
export const overdueTestOf = (status: ReportStatus): "deadline_passed" | "marked" => (AWAITING_OPINION.includes(status) ? "deadline_passed" : "marked");
