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

/** Connects and applies pending migrations. */
export async function openDatabase(url: string): Promise<DataSource> {
  const db = createDataSource(url);
  await db.initialize();
  if (engineOf(db) === "mysql") await db.query("SET time_zone = '+00:00'");
  await db.runMigrations({ transaction: "each" });
  return db;
}
