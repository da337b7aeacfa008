import type { DataSource, EntityManager } from "typeorm";
import { engineOf } from "./data-source.js";

// SQLite has one connection and one writer: transactions take turns instead of nesting.
const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

/** Runs `work` in one transaction; on SQLite, one transaction at a time. */
export function inTransaction<T>(db: DataSource, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  if (engineOf(db) !== "sqlite") return db.transaction(work);
  const previous = sqliteQueues.get(db) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => db.transaction(work));
  sqliteQueues.set(db, run.catch(() => undefined));
  return run;
}
