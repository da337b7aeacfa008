import type { NotificationChannel } from "../db/entities/notification.js";
import type { Deps } from "../services/deps.js";
import { claimNotifications, markNotificationFailed, markNotificationSent, markNotificationSkipped, renewLease, type ClaimedNotification } from "./outbox.js";
import { isQuietTime } from "../domain/notice-hours.js";
import { reasonToSkip } from "./relevance.js";

/** What a channel's sender made of one notification. */
export type SendOutcome = { kind: "sent" } | { kind: "retry"; error: string } | { kind: "failed"; error: string } | { kind: "skipped"; reason: string };

export type Sender = (n: ClaimedNotification) => Promise<SendOutcome>;

/** How long a sender holds a claimed notification before another may take it. */
export const LEASE_MS = 5 * 60_000;

/**
 * Sends the due notifications of one channel: claim a batch, and for each renew the lease,
 * send, and acknowledge under that lease. A row whose lease was lost (a slow channel let it run
 * out and another sender took it) is not sent; a send that finished after losing it is recorded
 * as sent, not repeated. Returns counts, for logs and tests.
 */
export async function dispatchChannel(deps: Deps, channel: NotificationChannel, send: Sender, limit = 50) {
  const counts = { sent: 0, retried: 0, failed: 0, skipped: 0, leaseLost: 0 };
  // notice hours: a retry or an expired lease must not send at night either; it waits for 08:00
  if (isQuietTime(deps.clock.now())) return counts;
  const batch = await claimNotifications(deps.db, deps.clock, { channel, limit, leaseMs: LEASE_MS });
  for (const n of batch) {
    if (!(await renewLease(deps.db, deps.clock, n, LEASE_MS))) {
      counts.leaseLost++;
      continue;
    }
    const skip = await reasonToSkip(deps.db, n, deps.clock.now());
    const outcome: SendOutcome = skip
      ? { kind: "skipped", reason: skip }
      : await send(n).catch((err: Error) => ({ kind: "retry" as const, error: err.message }));
    if (outcome.kind === "sent") {
      if (!(await markNotificationSent(deps.db, deps.clock, n))) {
        counts.leaseLost++;
        deps.log.warn({ notification: n.id, channel }, "notification sent after its lease was lost; recorded as sent");
      }
      counts.sent++;
    } else if (outcome.kind === "skipped") {
      await markNotificationSkipped(deps.db, n, outcome.reason);
      counts.skipped++;
    } else {
      await markNotificationFailed(deps.db, deps.clock, n, outcome.error, { permanent: outcome.kind === "failed" });
      if (outcome.kind === "failed") counts.failed++;
      else counts.retried++;
    }
  }
  return counts;
}
