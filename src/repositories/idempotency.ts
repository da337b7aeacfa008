import type { DataSource, EntityManager } from "typeorm";
import { IdempotencyRecordEntity } from "../db/entities/idempotency-record.js";
import { isUniqueViolation } from "../db/unique-violation.js";

type Db = DataSource | EntityManager;

/** An in-flight record older than this belongs to a request that died; it may be taken over. */
export const IN_FLIGHT_TIMEOUT_MS = 2 * 60_000;

export type KeyClaim = { kind: "claimed" } | { kind: "replay"; status: number; body: string } | { kind: "mismatch" } | { kind: "in_flight" };

/** Claims an idempotency key for a request, or says what the key already stands for. */
export async function claimIdempotencyKey(db: Db, scope: string, key: string, requestHash: string, now: Date): Promise<KeyClaim> {
  const repo = db.getRepository(IdempotencyRecordEntity);
  try {
    await repo.insert({ scope, key, requestHash, state: "in_flight", responseStatus: null, responseBody: null, createdAt: now });
    return { kind: "claimed" };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
  const existing = await repo.findOneBy({ scope, key });
  if (!existing) return claimIdempotencyKey(db, scope, key, requestHash, now);
  if (existing.requestHash !== requestHash) return { kind: "mismatch" };
  if (existing.state === "done") return { kind: "replay", status: existing.responseStatus ?? 200, body: existing.responseBody ?? "null" };
  if (now.getTime() - existing.createdAt.getTime() > IN_FLIGHT_TIMEOUT_MS) {
    // compare-and-set on created_at so only one retry takes an abandoned key over
    const taken = await repo.update({ scope, key, state: "in_flight", createdAt: existing.createdAt }, { createdAt: now });
    if (taken.affected === 1) return { kind: "claimed" };
  }
  return { kind: "in_flight" };
}

export async function completeIdempotencyKey(db: Db, scope: string, key: string, status: number, body: unknown): Promise<void> {
  await db.getRepository(IdempotencyRecordEntity).update({ scope, key }, { state: "done", responseStatus: status, responseBody: JSON.stringify(body) });
}

/** Frees a key whose request failed, so the household can correct it and send again. */
export async function releaseIdempotencyKey(db: Db, scope: string, key: string): Promise<void> {
  await db.getRepository(IdempotencyRecordEntity).delete({ scope, key, state: "in_flight" });
}
