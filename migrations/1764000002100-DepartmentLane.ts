import { Table, TableColumn, type MigrationInterface, type QueryRunner } from "typeorm";

const datetime = (name: string, nullable = false) => ({ name, type: "datetime", precision: 3, isNullable: nullable });

/**
 * Departments in their lane (issue 14): an uploaded alert list is a batch, linked to the reports
 * its rows raised, so a department sees those and reads their results; a transfer restarts the
 * clock for its receiver, and the report keeps whether the village was already late.
 */
export class DepartmentLane1764000002100 implements MigrationInterface {
  name = "DepartmentLane1764000002100";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "alert_batch",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "department", type: "varchar", length: "32", isNullable: true },
          { name: "area_code", type: "varchar", length: "12", isNullable: true },
          { name: "uploaded_by", type: "varchar", length: "36" },
          { name: "file_hash", type: "varchar", length: "64" },
          { name: "file_name", type: "varchar", length: "200", isNullable: true },
          datetime("uploaded_at"),
        ],
        indices: [
          { name: "idx_alert_batch_department", columnNames: ["department", "uploaded_at"] },
          { name: "uq_alert_batch_upload", columnNames: ["uploaded_by", "file_hash"], isUnique: true },
        ],
      }),
    );
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
    await q.addColumn("report", new TableColumn(datetime("transferred_at", true)));
    await q.addColumn("report", new TableColumn({ name: "late_before_transfer", type: "boolean", default: false }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn("report", "late_before_transfer");
    await q.dropColumn("report", "transferred_at");
    await q.dropTable("alert_batch_report");
    await q.dropTable("alert_batch");
  }
}
