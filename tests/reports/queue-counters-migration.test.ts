import { afterAll, describe, expect, it } from "vitest";
import { migrations } from "../../migrations/index.js";
import { QueueKeyset1764000002300 } from "../../migrations/1764000002300-QueueKeyset.js";
import { createDataSource } from "../../src/db/data-source.js";
import { createTestDatabase, testEngines } from "../helpers/databases.js";

const REPORT =
  "INSERT INTO report (id, number, village_code, household_id, household_name, phone_sealed, id_number_sealed, risk_types, description, relation, channel, reporter_account_id, consent_given, consent_text_version, status, open_key, received_at, due_at, updated_at) VALUES (?, ?, ?, ?, '张德福', 'sealed', NULL, ',illness,', '', 'self', 'miniprogram', 'acc1', 1, 'v1', ?, NULL, '2026-06-01 02:00:00', '2026-06-06 16:00:00', '2026-06-01 02:00:00')";

describe.each(testEngines())("the queue counters migration on %s", (engine) => {
  const dropLater: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const drop of dropLater) await drop();
  });

  // fails if: the backfill counts a village's reports under another village or status, or misses the reports already there
  it("counts the reports already there per village and status; down and up again", async () => {
    const database = await createTestDatabase(engine);
    dropLater.push(database.drop);
    const db = createDataSource(database.url);
    await db.initialize();
    const later = migrations.length - migrations.indexOf(QueueKeyset1764000002300);
    await db.runMigrations({ transaction: "each" });
    for (let i = 0; i < later; i++) await db.undoLastMigration({ transaction: "each" });

    const rows: Array<[string, string]> = [
      ["231226100201", "received"],
      ["231226100201", "received"],
      ["231226100201", "closed"],
      ["231226100202", "accepted"],
    ];
    for (const [i, [village, status]] of rows.entries()) await db.query(REPORT, [`r${i}`, `260601-0000${i}`, village, `h${i}`, status]);

    await db.runMigrations({ transaction: "each" });
    const counted = await db.query("SELECT village_code, status, n FROM report_queue_count ORDER BY village_code, status");
    expect(counted.map((c: { village_code: string; status: string; n: unknown }) => `${c.village_code} ${c.status} ${Number(c.n)}`)).toEqual([
      "231226100201 closed 1",
      "231226100201 received 2",
      "231226100202 accepted 1",
    ]);

    for (let i = 0; i < later; i++) await db.undoLastMigration({ transaction: "each" });
    await expect(db.query("SELECT n FROM report_queue_count")).rejects.toThrow();
    await db.runMigrations({ transaction: "each" });
    expect(await db.query("SELECT COUNT(*) AS n FROM report_queue_count")).toEqual([{ n: expect.anything() }]);
    await db.destroy();
  });
});
