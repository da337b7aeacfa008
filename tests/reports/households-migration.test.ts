import { afterAll, describe, expect, it } from "vitest";
import { Households1764000002000 } from "../../migrations/1764000002000-Households.js";
import { createDataSource } from "../../src/db/data-source.js";
import { namePhoneKey } from "../../src/domain/household/identity.js";
import { createTestDatabase, testEngines, undoMigrationsThrough } from "../helpers/databases.js";

const HOUSEHOLD = "INSERT INTO household (id, village_code, head_name, phone_sealed, phone_hash, id_number_sealed, id_number_hash, match_key, created_at) VALUES (?, '231226100201', ?, 'sealed', ?, NULL, NULL, ?, '2026-06-01 02:00:00')";
const REPORT =
  "INSERT INTO report (id, number, village_code, household_id, household_name, phone_sealed, id_number_sealed, risk_types, description, relation, channel, reporter_account_id, consent_given, consent_text_version, status, open_key, received_at, due_at, updated_at) VALUES (?, ?, '231226100201', ?, ?, ?, NULL, ',illness,', '', ?, 'miniprogram', ?, 1, 'v1', 'received', ?, '2026-06-01 02:00:00', '2026-06-06 16:00:00', '2026-06-01 02:00:00')";
const LEAD =
  "INSERT INTO report_lead (report_id, received_at, channel, relation, reporter_account_id, risk_types, description) VALUES (?, '2026-06-01 02:00:00', 'miniprogram', ?, ?, ',illness,', '')";

describe.each(testEngines())("the households migration (two people on every report) on %s", (engine) => {
  const dropLater: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const drop of dropLater) await drop();
  });

  it("today's reports keep their household and get the reporting account as reporter; phone-only households are found by name and phone; down and up again", async () => {
    const database = await createTestDatabase(engine);
    dropLater.push(database.drop);
    const db = createDataSource(database.url);
    await db.initialize();
    // everything before this migration, then today's rows
    await db.runMigrations({ transaction: "each" });
    await undoMigrationsThrough(db, Households1764000002000);

    await db.query(HOUSEHOLD, ["h1", "张德福", "phonehash1", "p:phonehash1"]);
    await db.query(HOUSEHOLD, ["h2", "王福贵", "phonehash2", "i:idhash2"]);
    await db.query(REPORT, ["r1", "260601-00001", "h1", "张德福", "sealed-phone-1", "self", "acc1", "231226100201:h1"]);
    await db.query(REPORT, ["r2", "260601-00002", "h2", "王福贵", "sealed-phone-2", "neighbour", "acc1", "231226100201:h2"]);
    await db.query(LEAD, ["r1", "self", "acc1"]);
    await db.query(LEAD, ["r2", "neighbour", "acc1"]);

    await db.runMigrations({ transaction: "each" });
    const reports = await db.query("SELECT id, household_id, reporter_account_id, reporter_phone_sealed FROM report ORDER BY id");
    // fails if: the migration moves a report to another household, or drops its reporter
    expect(reports.map((r: { household_id: string; reporter_account_id: string }) => [r.household_id, r.reporter_account_id])).toEqual([
      ["h1", "acc1"],
      ["h2", "acc1"],
    ]);
    // fails if: a neighbour's report is given the household's phone as the reporter's own
    expect(reports.map((r: { reporter_phone_sealed: string | null }) => r.reporter_phone_sealed)).toEqual(["sealed-phone-1", null]);
    const leads = await db.query("SELECT report_id, household_name FROM report_lead ORDER BY report_id");
    expect(leads.map((l: { household_name: string }) => l.household_name)).toEqual(["张德福", "王福贵"]);
    const keys = await db.query("SELECT id, match_key FROM household ORDER BY id");
    // fails if: a household found by phone alone keeps its old key (a neighbour's phone would make two households one)
    expect(keys.map((h: { match_key: string }) => h.match_key)).toEqual([`n:${namePhoneKey("phonehash1", "张德福")}`, "i:idhash2"]);

    await undoMigrationsThrough(db, Households1764000002000);
    const back = await db.query("SELECT id, match_key FROM household ORDER BY id");
    expect(back.map((h: { match_key: string }) => h.match_key)).toEqual(["p:phonehash1", "i:idhash2"]);
    await expect(db.query("SELECT reporter_phone_sealed FROM report")).rejects.toThrow();
    await expect(db.query("SELECT household_name FROM report_lead")).rejects.toThrow();

    await db.runMigrations({ transaction: "each" });
    expect((await db.query("SELECT household_name FROM report_lead ORDER BY report_id")).map((l: { household_name: string }) => l.household_name)).toEqual(["张德福", "王福贵"]);
    await db.destroy();
  });
});
