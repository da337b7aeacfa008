import { randomUUID } from "node:crypto";
import { In, LessThanOrEqual, type DataSource, type EntityManager } from "typeorm";
import type { Clock } from "../clock.js";
import { engineOf } from "../db/data-source.js";
import { NotificationEntity, type Notification, type NotificationChannel } from "../db/entities/notification.js";
import { inTransaction } from "../db/transaction.js";
import { insertRows } from "../db/insert-rows.js";
import { isQuietTime, noticeSendAt } from "../domain/notice-hours.js";
import { noticeTimesOf, recipientKey } from "../repositories/county-settings.js";

/**
 * The transactional outbox. A notification row is written in the same transaction as the
 * change that causes it; its unique dedupe key is the ledger that makes it happen once.
 * Senders claim due rows under a lease and acknowledge only after sending, so a crashed
 * sender's rows come back when the lease runs out and nothing is sent twice by two senders.
 */
export interface NewNotification {
  dedupeKey: string;
  channel: NotificationChannel;
  kind: string;
  recipientType: Notification["recipientType"];
  recipientId: string;
  payload: Record<string, unknown>;
  dueAt: Date;
}

/** Attempts before a notification is given up as failed. */
export const MAX_ATTEMPTS = 8;

/**
 * Inserts notifications in one statement, skipping any whose dedupe key exists. Returns whether
 * the (first) one was new. Every notification passes here, so this is where notice hours apply:
 * one that falls due at night is first sent at its county's notice hour (`dueAt` keeps when it
 * fell due). `recipientAreas` (by recipientKey): the area of accounts the caller has read
 * already, so their county is not read again.
 */
export async function enqueueNotification(
  tx: EntityManager,
  batch: NewNotification | NewNotification[],
  now: Date,
  opts: { recipientAreas?: ReadonlyMap<string, string> } = {},
): Promise<boolean> {
  const list = Array.isArray(batch) ? batch : [batch];
  if (list.length === 0) return false;
  const atNight = list.filter((n) => isQuietTime(n.dueAt));
  const noticeTimes = atNight.length ? await noticeTimesOf(tx, atNight, opts.recipientAreas) : new Map<string, string>();
  const inserted = await insertRows(
    tx,
    NotificationEntity,
    list.map((n) => ({
      id: undefined as unknown as number,
      dedupeKey: n.dedupeKey,
      channel: n.channel,
      kind: n.kind,
      recipientType: n.recipientType,
      recipientId: n.recipientId,
      payload: JSON.stringify(n.payload),
      dueAt: n.dueAt,
      status: "pending",
      attempts: 0,
      nextAttemptAt: noticeSendAt(n.dueAt, noticeTimes.get(recipientKey(n))),
      leaseUntil: null,
      sentAt: null,
      lastError: null,
      createdAt: now,
    })),
    { orIgnore: true },
  );
  return inserted > 0;
}

export interface ClaimedNotification extends Omit<Notification, "payload" | "leaseToken"> {
  payload: Record<string, unknown>;
  /** This claim's lease: acknowledgements are compare-and-set on it. */
  leaseToken: string;
}

/**
 * Claims up to `limit` due notifications of a channel for `leaseMs`. A row is claimed by a
 * compare-and-set: the update that writes this claim's lease token only takes rows that are
 * still pending and due, so two senders never both get a row, whatever the engine. On
 * MySQL/MariaDB the candidates are also read FOR UPDATE SKIP LOCKED, so concurrent senders look
 * at disjoint rows instead of queueing on the same ones; TiDB accepts SKIP LOCKED and ignores it,
 * and there the compare-and-set alone keeps them apart. On
 * SQLite transactions take turns. A claimed row stays "pending" with lease_until set and
 * next_attempt_at moved to the lease end, so a sender that dies leaves it claimable again once
 * the lease has run out. (One status value keeps the scan in index order: with a range on
 * status InnoDB would sort, locking every due row for the first claimer.)
 */
export async function claimNotifications(
  db: DataSource,
  clock: Clock,
  opts: { channel: NotificationChannel; limit: number; leaseMs: number },
): Promise<ClaimedNotification[]> {
  return inTransaction(
    db,
    async (tx) => {
      const now = clock.now();
      const repo = tx.getRepository(NotificationEntity);
      const qb = repo
        .createQueryBuilder("n")
        .where("n.channel = :channel", { channel: opts.channel })
        .andWhere("n.status = :pending", { pending: "pending" })
        .andWhere("n.nextAttemptAt <= :now", { now })
        .orderBy("n.nextAttemptAt", "ASC")
        .limit(opts.limit);
      if (engineOf(db) === "mysql") qb.setLock("pessimistic_write").setOnLocked("skip_locked");
      return takeLeases(tx, await qb.getMany(), now, opts.leaseMs);
    },
    "READ COMMITTED",
  );
}

/**
 * The compare-and-set of a claim: writes one new lease token on those of `candidates` that are
 * still pending and due, and returns just those. Candidates read earlier without a lock may have
 * been claimed by another sender since; they are left to it.
 */
export async function takeLeases(tx: EntityManager, candidates: Notification[], now: Date, leaseMs: number): Promise<ClaimedNotification[]> {
  if (candidates.length === 0) return [];
  const repo = tx.getRepository(NotificationEntity);
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const leaseToken = randomUUID();
  const ids = candidates.map((r) => r.id);
  const claimed = await repo.update(
    { id: In(ids), status: "pending", nextAttemptAt: LessThanOrEqual(now) },
    { leaseUntil, leaseToken, nextAttemptAt: leaseUntil, attempts: () => "attempts + 1" },
  );
  let ours = candidates;
  if (claimed.affected !== candidates.length) {
    const won = new Set((await repo.find({ select: { id: true }, where: { id: In(ids), leaseToken } })).map((r) => r.id));
    ours = candidates.filter((r) => won.has(r.id));
  }
  return ours.map((r) => ({ ...r, attempts: r.attempts + 1, leaseUntil, leaseToken, payload: JSON.parse(r.payload) }));
}

type Lease = Pick<ClaimedNotification, "id" | "leaseToken">;

/** Changes a row only while this lease still holds it (compare-and-set); whether it did. */
async function underLease(db: DataSource, n: Lease, patch: Partial<Notification>): Promise<boolean> {
  const result = await db.getRepository(NotificationEntity).update({ id: n.id, leaseToken: n.leaseToken, status: "pending" }, patch);
  return (result.affected ?? 0) > 0;
}

/**
 * Renews the lease just before a send, so a slow channel cannot outlast it mid-batch. False when
 * the lease was lost (another sender claimed the row after it ran out): then do not send.
 */
export async function renewLease(db: DataSource, clock: Clock, n: Lease, leaseMs: number): Promise<boolean> {
  const leaseUntil = new Date(clock.now().getTime() + leaseMs);
  return underLease(db, n, { leaseUntil, nextAttemptAt: leaseUntil });
}

/**
 * Acknowledges a send. If the lease was lost meanwhile, the message went out anyway: the row is
 * recorded as sent (with a note) unless another sender already finished it, so no one repeats it.
 * Returns whether the lease still held.
 */
export async function markNotificationSent(db: DataSource, clock: Clock, n: Lease): Promise<boolean> {
  const sent = { status: "sent" as const, sentAt: clock.now(), leaseUntil: null, leaseToken: null, lastError: null };
  if (await underLease(db, n, sent)) return true;
  await db.getRepository(NotificationEntity).update({ id: n.id, status: "pending" }, { ...sent, lastError: "sent after its lease was lost" });
  return false;
}

/** Something made the message pointless (the report was answered): recorded, not sent. */
export async function markNotificationSkipped(db: DataSource, n: Lease, reason: string): Promise<boolean> {
  return underLease(db, n, { status: "skipped", leaseUntil: null, leaseToken: null, lastError: reason.slice(0, 500) });
}

/** Exponential back-off from one minute, at most an hour. */
export const retryDelayMs = (attempts: number): number => Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 3600_000);

/** A failed send: retried with back-off, or given up for good when `permanent` or out of attempts. */
export async function markNotificationFailed(
  db: DataSource,
  clock: Clock,
  n: Pick<ClaimedNotification, "id" | "attempts" | "leaseToken">,
  error: string,
  opts: { permanent?: boolean } = {},
): Promise<boolean> {
  const giveUp = opts.permanent || n.attempts >= MAX_ATTEMPTS;
  return underLease(db, n, {
    status: giveUp ? "failed" : "pending",
    leaseUntil: null,
    leaseToken: null,
    lastError: error.slice(0, 500),
    nextAttemptAt: new Date(clock.now().getTime() + retryDelayMs(n.attempts)),
  });
}
