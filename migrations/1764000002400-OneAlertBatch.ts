import { randomUUID } from "node:crypto";
import { Table, TableColumn, type MigrationInterface, type QueryRunner } from "typeorm";

const datetime = (name: string, nullable = false) => ({ name, type: "datetime", precision: 3, isNullable: nullable });
const count = (name: string) => new TableColumn({ name, type: "int", default: 0 });

/**
 * One batch model for department alert lists (issue 13): `alert_batch` (whose list, 结果反馈) and
 * `department_alert_batch` (how far filing it came) become one table, and `alert_batch_report`
 * and `department_alert_row` become `alert_batch_row`: every row of the list with its outcome
 * and the report it filed or joined. Links carried over from before rows were recorded get
 * negative row numbers. Down splits them again (rows not yet filed have no place there).
 */
export class OneAlertBatch1764000002400 implements MigrationInterface {
  name = "OneAlertBatch1764000002400";

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns("alert_batch", [
      count("rows_total"),
      count("rows_committed"),
      count("commits"),
      new TableColumn(datetime("checked_at", true)),
      new TableColumn(datetime("finished_at", true)),
    ]);
    await q.createTable(
      new Table({
        name: "alert_batch_row",
        columns: [
          { name: "batch_id", type: "varchar", length: "36", isPrimary: true },
          // the row number as Excel shows it
          { name: "row_no", type: "int", isPrimary: true },
          { name: "outcome", type: "varchar", length: "16" },
          { name: "village_code", type: "varchar", length: "12", isNullable: true },
          { name: "report_id", type: "varchar", length: "36", isNullable: true },
          { name: "commit_no", type: "int", isNullable: true },
          { name: "sealed_input", type: "text", isNullable: true },
          { name: "problems", type: "text", isNullable: true },
        ],
        indices: [
          { name: "idx_alert_batch_row_report", columnNames: ["report_id"] },
          { name: "idx_alert_batch_row_outcome", columnNames: ["batch_id", "outcome", "row_no"] },
        ],
      }),
    );

    // a list whose filing began but whose batch the department lane never saw gets one, named as the commit would have
    const unseen: Array<{
      account_id: string;
      file_hash: string;
      created_at: Date | string;
      role: string;
      department: string | null;
      area_code: string | null;
    }> = await q.query(
      "SELECT d.account_id AS account_id, d.file_hash AS file_hash, d.created_at AS created_at, a.role AS role, a.department AS department, a.area_code AS area_code FROM department_alert_batch d INNER JOIN account a ON a.id = d.account_id WHERE NOT EXISTS (SELECT 1 FROM alert_batch b WHERE b.uploaded_by = d.account_id AND b.file_hash = d.file_hash)",
    );
    for (const u of unseen)
      await q.query("INSERT INTO alert_batch (id, department, area_code, uploaded_by, file_hash, file_name, uploaded_at) VALUES (?, ?, ?, ?, ?, NULL, ?)", [
        randomUUID(),
        u.role === "department" ? u.department : null,
        u.area_code,
        u.account_id,
        u.file_hash,
        u.created_at,
      ]);
    const progress = (expression: string) =>
      `(SELECT ${expression} FROM department_alert_batch d WHERE d.account_id = alert_batch.uploaded_by AND d.file_hash = alert_batch.file_hash)`;
    const hasProgress = "EXISTS (SELECT 1 FROM department_alert_batch d WHERE d.account_id = alert_batch.uploaded_by AND d.file_hash = alert_batch.file_hash)";
    // a finished list is checked; an unfinished one is checked again when it is committed again, its filed rows kept
    await q.query(
      `UPDATE alert_batch SET rows_total = ${progress("d.rows_total")}, rows_committed = ${progress("d.rows_committed")}, commits = 1, finished_at = ${progress("d.finished_at")}, checked_at = ${progress("CASE WHEN d.finished_at IS NULL THEN NULL ELSE d.created_at END")} WHERE ${hasProgress}`,
    );
    await q.query(
      "INSERT INTO alert_batch_row (batch_id, row_no, outcome, village_code, report_id, commit_no) SELECT b.id, r.row_no, r.outcome, p.village_code, r.report_id, 1 FROM department_alert_row r INNER JOIN alert_batch b ON b.uploaded_by = r.account_id AND b.file_hash = r.file_hash LEFT JOIN report p ON p.id = r.report_id",
    );
    // links no recorded row explains (lists filed before batches existed): rows numbered -1, -2 … in their batch
    const links: Array<{ batch_id: string; report_id: string; village_code: string | null }> = await q.query(
      "SELECT l.batch_id AS batch_id, l.report_id AS report_id, p.village_code AS village_code FROM alert_batch_report l LEFT JOIN report p ON p.id = l.report_id WHERE NOT EXISTS (SELECT 1 FROM alert_batch_row x WHERE x.batch_id = l.batch_id AND x.report_id = l.report_id) ORDER BY l.batch_id, l.report_id",
    );
    const seen = new Map<string, number>();
    for (const l of links) {
      const rowNo = (seen.get(l.batch_id) ?? 0) - 1;
      seen.set(l.batch_id, rowNo);
      await q.query("INSERT INTO alert_batch_row (batch_id, row_no, outcome, village_code, report_id, commit_no) VALUES (?, ?, 'created', ?, ?, 1)", [
        l.batch_id,
        rowNo,
        l.village_code,
        l.report_id,
      ]);
    }
    for (const [batchId, lowest] of seen)
      await q.query(
        "UPDATE alert_batch SET rows_total = ?, rows_committed = ?, commits = 1, checked_at = uploaded_at, finished_at = uploaded_at WHERE id = ?",
        [-lowest, -lowest, batchId],
      );
    await q.dropTable("department_alert_row");
    await q.dropTable("department_alert_batch");
    await q.dropTable("alert_batch_report");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "alert_batch_report",
        columns: [
          { name: "batch_id", type: "varchar", length: "36", isPrimary: true },
          { name: "report_id", type: "varchar", length: "36", isPrimary: true },
        ],
        indices: [{ name: "idx_alert_batch_report_report", columnNames: ["report_id"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "department_alert_batch",
        columns: [
          { name: "account_id", type: "varchar", length: "36", isPrimary: true },
          { name: "file_hash", type: "varchar", length: "64", isPrimary: true },
          { name: "rows_total", type: "int" },
          { name: "rows_committed", type: "int", default: 0 },
          datetime("created_at"),
          datetime("updated_at"),
          datetime("finished_at", true),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "department_alert_row",
        columns: [
          { name: "account_id", type: "varchar", length: "36", isPrimary: true },
          { name: "file_hash", type: "varchar", length: "64", isPrimary: true },
          { name: "row_no", type: "int", isPrimary: true },
          { name: "report_id", type: "varchar", length: "36" },
          { name: "outcome", type: "varchar", length: "16" },
        ],
      }),
    );
    await q.query("INSERT INTO alert_batch_report (batch_id, report_id) SELECT DISTINCT batch_id, report_id FROM alert_batch_row WHERE report_id IS NOT NULL");
    const fromFiles = "b.file_hash NOT LIKE 'before-batches:%'";
    await q.query(
      `INSERT INTO department_alert_batch (account_id, file_hash, rows_total, rows_committed, created_at, updated_at, finished_at) SELECT b.uploaded_by, b.file_hash, b.rows_total, b.rows_committed, b.uploaded_at, COALESCE(b.finished_at, b.checked_at, b.uploaded_at), b.finished_at FROM alert_batch b WHERE ${fromFiles}`,
    );
    await q.query(
      `INSERT INTO department_alert_row (account_id, file_hash, row_no, report_id, outcome) SELECT b.uploaded_by, b.file_hash, r.row_no, r.report_id, r.outcome FROM alert_batch_row r INNER JOIN alert_batch b ON b.id = r.batch_id WHERE r.row_no > 0 AND r.outcome IN ('created', 'merged') AND ${fromFiles}`,
    );
    await q.dropTable("alert_batch_row");
    await q.dropColumns("alert_batch", ["finished_at", "checked_at", "commits", "rows_committed", "rows_total"]);
  }
}
