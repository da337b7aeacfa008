import { mkdirSync } from "node:fs";
import path from "node:path";
import { DataSource } from "typeorm";
import { migrations } from "../../migrations/index.js";
import { entities } from "./entities/index.js";

export type Engine = "sqlite" | "mysql";

export const engineOf = (db: DataSource): Engine => (db.options.type === "better-sqlite3" ? "sqlite" : "mysql");

/**
 * One DataSource for both engines, from DATABASE_URL. Never `synchronize`: the schema
 * comes from the migrations alone.
 */
export function createDataSource(url: string): DataSource {
  if (url.startsWith("sqlite:")) {
    const file = url.slice("sqlite:".length);
    if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    return new DataSource({
      type: "better-sqlite3",
      database: file,
      entities,
      migrations,
      synchronize: false,
      // WAL lets readers run beside the one writer; foreign keys are off by default in SQLite
      prepareDatabase: (db: { pragma(s: string): unknown }) => {
        db.pragma("journal_mode = WAL");
        db.pragma("foreign_keys = ON");
        db.pragma("busy_timeout = 5000");
      },
    });
  }
  return new DataSource({
    type: "mysql",
    url,
    charset: "utf8mb4_unicode_ci",
    timezone: "Z",
    dateStrings: false,
    entities,
    migrations,
    synchronize: false,
    extra: { connectionLimit: 20 },
  });
}

/**
 * Why a MySQL-protocol server cannot run our transactions as written, or null. TiDB must run
 * pessimistic transactions: READ COMMITTED, locking reads and compare-and-set updates that
 * read the latest commit all need them (docs/scale.md, section 3).
 */
export function serverProblem(version: string, tidbTxnMode: string | null): string | null {
  if (!/tidb/i.test(version)) return null;
  if (tidbTxnMode === "pessimistic") return null;
  return `TiDB runs ${tidbTxnMode ? `'${tidbTxnMode}'` : "optimistic"} transactions; set tidb_txn_mode = 'pessimistic' (SET GLOBAL tidb_txn_mode = 'pessimistic') and restart`;
}

async function checkServer(db: DataSource): Promise<void> {
  const [{ version }] = await db.query("SELECT VERSION() AS version");
  const mode = /tidb/i.test(version) ? (await db.query("SELECT @@tidb_txn_mode AS mode"))[0].mode : null;
  const problem = serverProblem(version, mode);
  if (problem) throw new Error(problem);
}

/** Connects, checks the server can run our transactions, and applies pending migrations. */
export async function openDatabase(url: string): Promise<DataSource> {
  const db = createDataSource(url);
  await db.initialize();
  if (engineOf(db) === "mysql") {
    await checkServer(db);
    await db.query("SET time_zone = '+00:00'");
  }
  await db.runMigrations({ transaction: "each" });
  return db;
}
