import { afterAll, describe, expect, it } from "vitest";
import { IdentificationNextReminder1764000002600 } from "../../migrations/1764000002600-IdentificationNextReminder.js";
import { createDataSource } from "../../src/db/data-source.js";
import { createTestDatabase, testEngines, undoMigrationsThrough } from "../helpers/databases.js";

/** A datetime as either engine returns it (a Date from MySQL, "YYYY-MM-DD HH:MM:SS.sss" UTC from SQLite). */
const iso = (v: unknown): string | null =>
  v === null ? null : v instanceof Date ? v.toISOString() : new Date(`${String(v).replace(" ", "T")}Z`).toISOString();

describe.each(testEngines())("the next-reminder migration on %s", (engine) => {
  const dropLater: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const drop of dropLater) await drop();
  });

  it("up marks every case proposed for monitoring due at its receipt (the first sweep computes it), others none; down removes the column; up again works", async () => {
    const database = await createTestDatabase(engine);
    dropLater.push(database.drop);
    const db = createDataSource(database.url);
    await db.initialize();
    await db.runMigrations({ transaction: "each" });
    await undoMigrationsThrough(db, IdentificationNextReminder1764000002600);
    await expect(db.query("SELECT next_reminder_at FROM report")).rejects.toThrow();
    const insert = (id: string, opinion: string | null) =>
      db.query(
        `INSERT INTO report (id, number, village_code, household_id, household_name, phone_sealed, risk_types, description, relation, channel,
           consent_given, consent_text_version, status, received_at, due_at, opinion_at, opinion_kind, updated_at)
         VALUES (?, ?, '230101001001', ?, '李桂兰', 'x', ',illness,', '', 'self', 'miniprogram', 1, '2024-1', 'opinion_given',
           '2026-06-01 02:00:00.000', '2026-06-08 16:00:00.000', '2026-06-03 02:00:00.000', ?, '2026-06-03 02:00:00.000')`,
        [id, `N-${id}`, `h-${id}`, opinion],
      );
    await insert("r1", "propose_monitoring");
    await insert("r2", "not_eligible");

    await db.runMigrations({ transaction: "each" });
    const rows: Array<{ id: string; next: unknown }> = await db.query("SELECT id, next_reminder_at AS next FROM report ORDER BY id");
    // fails if: the backfill left an open case without an instant (the sweep would never read it again)
    expect(rows.map((r) => [r.id, iso(r.next)])).toEqual([
      ["r1", "2026-06-01T02:00:00.000Z"],
      ["r2", null],
    ]);

    await undoMigrationsThrough(db, IdentificationNextReminder1764000002600);
    await expect(db.query("SELECT next_reminder_at FROM report")).rejects.toThrow();
    expect((await db.query("SELECT id FROM report ORDER BY id")).map((r: { id: string }) => r.id)).toEqual(["r1", "r2"]);
    await db.runMigrations({ transaction: "each" });
    expect(Number((await db.query("SELECT COUNT(*) AS n FROM report WHERE next_reminder_at IS NOT NULL"))[0].n)).toBe(1);
    await db.destroy();
  });
});
