import type { DataSource, EntityManager } from "typeorm";
import { engineOf } from "./data-source.js";

// SQLite has one connection and one writer: transactions take turns instead of nesting.
const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * Errors after which running the whole transaction again is the cure: MySQL/MariaDB's
 * deadlock victim (1213) and lock wait timeout (1205); TiDB's write conflicts — 8002 (a
 * SELECT FOR UPDATE met a commit conflict), 8005 and 9007 — which TiDB leaves to the
 * application to retry (docs.pingcap.com/tidb/stable/error-codes).
 */
const RETRYABLE_ERRNOS = new Set([1213, 1205, 8002, 8005, 9007]);

function isRetryable(err: unknown): boolean {
  const e = err as { driverError?: { code?: string; errno?: number }; code?: string; errno?: number };
  const code = e.driverError?.code ?? e.code;
  const errno = e.driverError?.errno ?? e.errno;
  return code === "ER_LOCK_DEADLOCK" || code === "ER_LOCK_WAIT_TIMEOUT" || (errno !== undefined && RETRYABLE_ERRNOS.has(errno));
}

export type Isolation = "READ COMMITTED" | "REPEATABLE READ";

/**
 * Runs `work` in one transaction. On SQLite, one transaction at a time; on MySQL/MariaDB/TiDB a
 * transaction chosen as a deadlock victim or lost to a write conflict is run again (work must
 * touch only the database).
 */
export async function inTransaction<T>(db: DataSource, work: (tx: EntityManager) => Promise<T>, isolation?: Isolation): Promise<T> {
  if (engineOf(db) !== "sqlite") {
    for (let attempt = 1; ; attempt++) {
      try {
        return await (isolation ? db.transaction(isolation, work) : db.transaction(work));
      } catch (err) {
        if (!isRetryable(err) || attempt >= 5) throw err;
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
      }
    }
  }
  const previous = sqliteQueues.get(db) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => db.transaction(work));
  sqliteQueues.set(
    db,
    run.catch(() => undefined),
  );
  return run;
}
