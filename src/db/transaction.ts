import type { DataSource, EntityManager } from "typeorm";
import { engineOf } from "./data-source.js";

// SQLite has one connection and one writer: transactions take turns instead of nesting.
const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

/** MySQL/MariaDB gave up on this transaction to break a lock cycle; running it again is the cure. */
function isDeadlock(err: unknown): boolean {
  const code = (err as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (err as { code?: string }).code;
  return code === "ER_LOCK_DEADLOCK" || code === "ER_LOCK_WAIT_TIMEOUT";
}

export type Isolation = "READ COMMITTED" | "REPEATABLE READ";

/**
 * Runs `work` in one transaction. On SQLite, one transaction at a time; on MySQL/MariaDB a
 * transaction chosen as a deadlock victim is run again (work must touch only the database).
 */
export async function inTransaction<T>(db: DataSource, work: (tx: EntityManager) => Promise<T>, isolation?: Isolation): Promise<T> {
  if (engineOf(db) !== "sqlite") {
    for (let attempt = 1; ; attempt++) {
      try {
        return await (isolation ? db.transaction(isolation, work) : db.transaction(work));
      } catch (err) {
        if (!isDeadlock(err) || attempt >= 5) throw err;
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
      }
    }
  }
  const previous = sqliteQueues.get(db) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => db.transaction(work));
  sqliteQueues.set(db, run.catch(() => undefined));
  return run;
}
