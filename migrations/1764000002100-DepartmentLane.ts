import { randomUUID } from "node:crypto";
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
    // alert lists filed before batches existed: one batch per department account, so each department still sees its alerts
    const uploaders: Array<{ id: string; department: string | null; area_code: string | null }> = await q.query(
      "SELECT DISTINCT a.id AS id, a.department AS department, a.area_code AS area_code FROM report_lead l INNER JOIN account a ON a.id = l.reporter_account_id WHERE a.role = 'department' AND l.channel = 'department'",
    );
    for (const u of uploaders) {
      const batchId = randomUUID();
      await q.query(
        "INSERT INTO alert_batch (id, department, area_code, uploaded_by, file_hash, file_name, uploaded_at) SELECT ?, ?, ?, ?, ?, ?, MIN(l.received_at) FROM report_lead l WHERE l.reporter_account_id = ? AND l.channel = 'department'",
        [batchId, u.department, u.area_code, u.id, `before-batches:${u.id}`, "升级前导入的预警名单", u.id],
      );
      await q.query(
        "INSERT INTO alert_batch_report (batch_id, report_id) SELECT DISTINCT ?, l.report_id FROM report_lead l WHERE l.reporter_account_id = ? AND l.channel = 'department'",
        [batchId, u.id],
      );
    }
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
