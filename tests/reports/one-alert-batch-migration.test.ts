import { afterAll, describe, expect, it } from "vitest";
import { OneAlertBatch1764000002400 } from "../../migrations/1764000002400-OneAlertBatch.js";
import { createDataSource } from "../../src/db/data-source.js";
import { createTestDatabase, testEngines, undoMigrationsThrough } from "../helpers/databases.js";

type Db = ReturnType<typeof createDataSource>;

/** The unified model as a reader would check it: each batch's progress and its rows in order. */
async function unified(db: Db) {
  const batches = await db.query(
    "SELECT uploaded_by, file_hash, department, rows_total, rows_committed, commits, CASE WHEN checked_at IS NULL THEN 0 ELSE 1 END AS checked, CASE WHEN finished_at IS NULL THEN 0 ELSE 1 END AS finished FROM alert_batch ORDER BY file_hash",
  );
  const rows = await db.query(
    "SELECT b.file_hash AS file_hash, x.row_no AS row_no, x.outcome AS outcome, x.report_id AS report_id, x.village_code AS village_code FROM alert_batch_row x INNER JOIN alert_batch b ON b.id = x.batch_id ORDER BY b.file_hash, x.row_no",
  );
  const numbers = (rs: Array<Record<string, unknown>>) =>
    rs.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : v])));
  return { batches: numbers(batches), rows: numbers(rows) };
}

describe.each(testEngines())("the one-alert-batch migration on %s", (engine) => {
  const dropLater: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const drop of dropLater) await drop();
  });

  // fails if: moving the two batch models into one loses a batch, a row's outcome or report, a link from before rows were
  // recorded, or filing progress; or down does not give the old tables back
  it("both models' batches, rows and links move into alert_batch and alert_batch_row; down splits them again; up again gives the same", async () => {
    const database = await createTestDatabase(engine);
    dropLater.push(database.drop);
    const db = createDataSource(database.url);
    await db.initialize();
    await db.runMigrations({ transaction: "each" });
    await undoMigrationsThrough(db, OneAlertBatch1764000002400);

    await db.query(
      "INSERT INTO account (id, role, username, display_name, area_code, department, failed_sign_ins, disabled, created_at) VALUES ('d1', 'department', 'mz', '民政 吴科员', '231226000000', 'civil_affairs', 0, 0, '2026-03-01 02:00:00')",
    );
    // a list filed to the end (three rows, two of them the same household), and the links of lists filed before batches existed
    await db.query(
      "INSERT INTO alert_batch (id, department, area_code, uploaded_by, file_hash, file_name, uploaded_at) VALUES ('b1', 'civil_affairs', '231226000000', 'd1', 'h1', '三月名单.csv', '2026-03-05 02:00:00'), ('b0', 'civil_affairs', '231226000000', 'd1', 'before-batches:d1', '升级前导入的预警名单', '2026-03-01 02:00:00')",
    );
    await db.query("INSERT INTO alert_batch_report (batch_id, report_id) VALUES ('b1', 'r1'), ('b1', 'r2'), ('b0', 'r3'), ('b0', 'r4')");
    // and a list whose filing stopped after its first chunk, before the lane's batch was made
    await db.query(
      "INSERT INTO department_alert_batch (account_id, file_hash, rows_total, rows_committed, created_at, updated_at, finished_at) VALUES ('d1', 'h1', 3, 3, '2026-03-05 02:00:00', '2026-03-05 02:01:00', '2026-03-05 02:01:00'), ('d1', 'h2', 600, 500, '2026-03-06 02:00:00', '2026-03-06 02:01:00', NULL)",
    );
    await db.query(
      "INSERT INTO department_alert_row (account_id, file_hash, row_no, report_id, outcome) VALUES ('d1', 'h1', 2, 'r1', 'created'), ('d1', 'h1', 3, 'r2', 'created'), ('d1', 'h1', 4, 'r2', 'merged'), ('d1', 'h2', 2, 'r5', 'created')",
    );

    await db.runMigrations({ transaction: "each" });
    const after = await unified(db);
    expect(after.batches).toEqual([
      { uploaded_by: "d1", file_hash: "before-batches:d1", department: "civil_affairs", rows_total: 2, rows_committed: 2, commits: 1, checked: 1, finished: 1 },
      { uploaded_by: "d1", file_hash: "h1", department: "civil_affairs", rows_total: 3, rows_committed: 3, commits: 1, checked: 1, finished: 1 },
      // unfinished: checked again when committed again, its 500 filed rows kept
      { uploaded_by: "d1", file_hash: "h2", department: "civil_affairs", rows_total: 600, rows_committed: 500, commits: 1, checked: 0, finished: 0 },
    ]);
    expect(after.rows.map((r) => [r.file_hash, r.row_no, r.outcome, r.report_id])).toEqual([
      ["before-batches:d1", -2, "created", "r4"],
      ["before-batches:d1", -1, "created", "r3"],
      ["h1", 2, "created", "r1"],
      ["h1", 3, "created", "r2"],
      ["h1", 4, "merged", "r2"],
      ["h2", 2, "created", "r5"],
    ]);
    for (const old of ["alert_batch_report", "department_alert_batch", "department_alert_row"]) await expect(db.query(`SELECT COUNT(*) FROM ${old}`)).rejects.toThrow();

    await undoMigrationsThrough(db, OneAlertBatch1764000002400);
    await expect(db.query("SELECT COUNT(*) FROM alert_batch_row")).rejects.toThrow();
    await expect(db.query("SELECT rows_committed FROM alert_batch")).rejects.toThrow();
    const links = await db.query(
      "SELECT b.file_hash AS file_hash, l.report_id AS report_id FROM alert_batch_report l INNER JOIN alert_batch b ON b.id = l.batch_id ORDER BY b.file_hash, l.report_id",
    );
    expect(links.map((l: { file_hash: string; report_id: string }) => `${l.file_hash} ${l.report_id}`)).toEqual([
      "before-batches:d1 r3",
      "before-batches:d1 r4",
      "h1 r1",
      "h1 r2",
      "h2 r5",
    ]);
    const progress = await db.query("SELECT file_hash, rows_total, rows_committed FROM department_alert_batch ORDER BY file_hash");
    expect(progress.map((p: Record<string, string | number>) => [p.file_hash, Number(p.rows_total), Number(p.rows_committed)])).toEqual([
      ["h1", 3, 3],
      ["h2", 600, 500],
    ]);
    const rows = await db.query("SELECT file_hash, row_no, report_id, outcome FROM department_alert_row ORDER BY file_hash, row_no");
    expect(rows.map((r: Record<string, string | number>) => [r.file_hash, Number(r.row_no), r.report_id, r.outcome])).toEqual([
      ["h1", 2, "r1", "created"],
      ["h1", 3, "r2", "created"],
      ["h1", 4, "r2", "merged"],
      ["h2", 2, "r5", "created"],
    ]);

    await db.runMigrations({ transaction: "each" });
    expect(await unified(db)).toEqual(after);
    await db.destroy();
  });
});
