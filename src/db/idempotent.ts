import { createHash } from "node:crypto";
import type { DataSource, EntityManager } from "typeorm";
import { conflict, unprocessable } from "../errors.js";
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from "../repositories/idempotency.js";
import { inTransaction } from "./transaction.js";
import { isUniqueViolation } from "./unique-violation.js";

/** A request that names its attempt (Idempotency-Key): a retry gets the first answer. */
export interface NamedAttempt {
  scope: string;
  key: string;
  body: unknown;
  now: Date;
}

/** The same hash for the same JSON whatever the order of its keys. */
export function canonicalHash(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, x]) => [k, sort(x)]),
          )
        : v;
  return createHash("sha256")
    .update(JSON.stringify(sort(value)))
    .digest("hex");
}

/**
 * The edge of an intake: one transaction for `work`, run at most once per named attempt. The key is
 * claimed in its own statement before the transaction (so truly concurrent retries see each other),
 * answered inside the transaction (the answer commits with the work, or neither does), freed on failure. Two first writes racing on a unique key (two
 * households' first reports on MySQL) run the transaction again once the winner committed.
 */
export async function inTransactionOnce<T>(
  db: DataSource,
  attempt: NamedAttempt | undefined,
  work: (tx: EntityManager) => Promise<T>,
  statusOf: (result: T) => number,
): Promise<{ result: T; replayed: boolean }> {
  if (attempt) {
    const claim = await claimIdempotencyKey(db, attempt.scope, attempt.key, canonicalHash(attempt.body), attempt.now);
    if (claim.kind === "replay") return { result: JSON.parse(claim.body) as T, replayed: true };
    if (claim.kind === "mismatch") throw unprocessable("idempotency_key_reused", "这个提交编号已经用于另一份申报，请刷新后重新提交");
    if (claim.kind === "in_flight") throw conflict("request_in_flight", "这份申报正在提交中，请稍等几秒再查看结果");
  }
  try {
    for (let round = 1; ; round++) {
      try {
        const result = await inTransaction(db, async (tx) => {
          const done = await work(tx);
          if (attempt) await completeIdempotencyKey(tx, attempt.scope, attempt.key, statusOf(done), done);
          return done;
        });
        return { result, replayed: false };
      } catch (err) {
        if (!isUniqueViolation(err) || round >= 3) throw err;
      }
    }
  } catch (err) {
    if (attempt) await releaseIdempotencyKey(db, attempt.scope, attempt.key);
    throw err;
  }
}
