import { afterAll, describe, expect, it } from "vitest";
import { createDataSource } from "../../src/db/data-source.js";
import { migrations } from "../../migrations/index.js";
import { createTestDatabase, testEngines } from "../helpers/databases.js";

describe.each(testEngines())("migrations on %s", (engine) => {
  const dropLater: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const drop of dropLater) await drop();
  });

  it("apply every migration, then revert every one, leaving no table behind", async () => {
    const database = await createTestDatabase(engine);
    dropLater.push(database.drop);
    const db = createDataSource(database.url);
    await db.initialize();
    const applied = await db.runMigrations({ transaction: "each" });
    expect(applied.map((m) => m.name)).toEqual(migrations.map((m) => new m().name));
    expect(await db.query("SELECT COUNT(*) AS n FROM account")).toEqual([{ n: expect.anything() }]);

    for (let i = 0; i < migrations.length; i++) await db.undoLastMigration({ transaction: "each" });
    const tables: string[] = (
      engine === "sqlite"
        ? await db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        : await db.query("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()")
    ).map((r: { name: string }) => r.name);
    expect(tables.filter((t) => t !== "migrations")).toEqual([]);

    // and up again: a down that forgot something would fail here
    await db.runMigrations({ transaction: "each" });
    await db.destroy();
  });
});
