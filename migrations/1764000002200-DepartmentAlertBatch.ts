import { Table, type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * A department alert list is filed in chunks, each its own transaction: the batch records how
 * many of its good rows are committed, so a commit cut short continues where it stopped, and
 * each filed row names the report it became, so no row is filed twice.
 */
export class DepartmentAlertBatch1764000002200 implements MigrationInterface {
  name = "DepartmentAlertBatch1764000002200";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "department_alert_batch",
        columns: [
          // the uploader and the file's sha256: the same list from the same account is the same batch
          { name: "account_id", type: "varchar", length: "36", isPrimary: true },
          { name: "file_hash", type: "varchar", length: "64", isPrimary: true },
          { name: "rows_total", type: "int" },
          { name: "rows_committed", type: "int", default: 0 },
          { name: "created_at", type: "datetime", precision: 3 },
          { name: "updated_at", type: "datetime", precision: 3 },
          { name: "finished_at", type: "datetime", precision: 3, isNullable: true },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "department_alert_row",
        columns: [
          { name: "account_id", type: "varchar", length: "36", isPrimary: true },
          { name: "file_hash", type: "varchar", length: "64", isPrimary: true },
          // the row number as Excel shows it
          { name: "row_no", type: "int", isPrimary: true },
          { name: "report_id", type: "varchar", length: "36" },
          { name: "outcome", type: "varchar", length: "16" },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("department_alert_row");
    await q.dropTable("department_alert_batch");
  }
}
