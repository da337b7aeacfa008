import { afterAll, describe, expect, it } from "vitest";
import { Identification1764000001100 } from "../../migrations/1764000001100-Identification.js";
import { createDataSource } from "../../src/db/data-source.js";
import { createTestDatabase, testEngines, undoMigrationsThrough } from "../helpers/databases.js";

const TABLES = ["clearance_step", "identification_step", "monitored_household"];

describe.each(testEngines())("the identification migration on %s", (engine) => {
  const dropLater: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const drop of dropLater) await drop();
  });

  it("up makes the three tables and the township-review setting (default yes); down removes them; up again works", async () => {
    const database = await createTestDatabase(engine);
    dropLater.push(database.drop);
    const db = createDataSource(database.url);
    await db.initialize();
    const tables = async (): Promise<string[]> =>
      (engine === "sqlite"
        ? await db.query("SELECT name FROM sqlite_master WHERE type = 'table'")
        : await db.query("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()")
      )
        .map((r: { name: string }) => r.name)
        .filter((t: string) => TABLES.includes(t))
        .sort();

    await db.runMigrations({ transaction: "each" });
    expect(await tables()).toEqual(TABLES);
    await db.query("INSERT INTO county_setting (county_code, deadline_rule) VALUES ('230100000000', 'statutory')");
    const [row] = await db.query("SELECT township_review FROM county_setting WHERE county_code = '230100000000'");
    expect(Boolean(Number(row.township_review))).toBe(true);
    await db.query(
      "INSERT INTO monitored_household (county_code, village_code, household_id, report_id, status, kind, identified_on, risk_types, measures, open_key, created_at, updated_at) VALUES ('230100000000', '230101001001', 'h1', 'r1', 'monitored', 'marginal', '2026-06-11', ',illness,', '[]', 'h1', '2026-06-11 02:00:00', '2026-06-11 02:00:00')",
    );
    // fails if: the open key were not unique (a household monitored twice at once)
    await expect(
      db.query(
        "INSERT INTO monitored_household (county_code, village_code, household_id, report_id, status, kind, identified_on, risk_types, measures, open_key, created_at, updated_at) VALUES ('230100000000', '230101001001', 'h1', 'r2', 'monitored', 'marginal', '2026-06-12', ',illness,', '[]', 'h1', '2026-06-12 02:00:00', '2026-06-12 02:00:00')",
      ),
    ).rejects.toThrow();

    await undoMigrationsThrough(db, Identification1764000001100);
    expect(await tables()).toEqual([]);
    await expect(db.query("SELECT township_review FROM county_setting")).rejects.toThrow();

    await db.runMigrations({ transaction: "each" });
    expect(await tables()).toEqual(TABLES);
    await db.destroy();
  });
});
