import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createConnection } from "mysql2/promise";
import type { DataSource } from "typeorm";
import { migrations } from "../../migrations/index.js";

/**
 * The databases every integration suite runs on: a real SQLite file always, and a real
 * MariaDB/MySQL when MYSQL_TEST_URL is set (`.ci/run` sets it; with CI=true it must be).
 */
export interface TestDatabase {
  engine: "sqlite" | "mysql";
  url: string;
  drop(): Promise<void>;
}

export type Engine = TestDatabase["engine"];

export function testEngines(): Engine[] {
  if (process.env.MYSQL_TEST_URL) return ["sqlite", "mysql"];
  if (process.env.CI === "true") throw new Error("CI=true but MYSQL_TEST_URL is not set: the MySQL suites must run in CI");
  return ["sqlite"];
}

/**
 * Concurrency is proved on MariaDB only: SQLite has one writer and runs "concurrent"
 * transactions one after another, so there the same test is only a sequential check.
 * The title says so, in the list of tests as in a failure.
 */
export function concurrencyTitle(engine: Engine, title: string): string {
  return engine === "mysql" ? title : `${title} [SQLite: a sequential check only; the concurrency proof is the MariaDB run]`;
}

/** Prints, when run on SQLite, that this concurrency test proves nothing about concurrency there. */
export function noteSequentialOnSqlite(engine: Engine, what: string): void {
  if (engine === "sqlite")
    console.log(
      `[yijian] on SQLite "${what}" ran as a sequential check only (one writer); the concurrency proof is the MariaDB run${process.env.MYSQL_TEST_URL ? "" : ", which was SKIPPED (MYSQL_TEST_URL unset)"}.`,
    );
}

/** A fresh, empty database of the given engine; drop() removes it. */
export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), "yijian-test-"));
    return { engine, url: `sqlite:${path.join(dir, "test.sqlite")}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const base = new URL(process.env.MYSQL_TEST_URL!);
  const name = `yijian_t_${randomBytes(6).toString("hex")}`;
  const admin = await createConnection({
    host: base.hostname,
    port: Number(base.port || 3306),
    user: decodeURIComponent(base.username),
    password: decodeURIComponent(base.password),
  });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  return {
    engine,
    url: url.toString(),
    drop: async () => {
      const c = await createConnection({
        host: base.hostname,
        port: Number(base.port || 3306),
        user: decodeURIComponent(base.username),
        password: decodeURIComponent(base.password),
      });
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

/** Undoes the migrations down to and including `migration` (later ones first), so a migration's test holds whatever comes after it. */
export async function undoMigrationsThrough(db: DataSource, migration: (typeof migrations)[number]): Promise<void> {
  const later = migrations.length - migrations.indexOf(migration);
  for (let i = 0; i < later; i++) await db.undoLastMigration({ transaction: "each" });
}
