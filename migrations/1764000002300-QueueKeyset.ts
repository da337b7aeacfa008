import { Table, TableIndex, type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * Queue pages that cost the same at any size (issue 19 item 2): one village-led index that
 * serves every queue stream (a village's reports of one status, soonest deadline first, the id
 * breaking ties), and per-village, per-status counters, backfilled here and kept in the same
 * transaction as every report insert and status change from now on.
 */
export class QueueKeyset1764000002300 implements MigrationInterface {
  name = "QueueKeyset1764000002300";

  async up(q: QueryRunner): Promise<void> {
    // the county (a range of village codes) leads; the old status-led index read a county's whole open set per page
    await q.createIndex("report", new TableIndex({ name: "idx_report_queue", columnNames: ["village_code", "status", "due_at", "id"] }));
    await q.dropIndex("report", "idx_report_status_village_due");
    await q.createTable(
      new Table({
        name: "report_queue_count",
        columns: [
          { name: "village_code", type: "varchar", length: "12", isPrimary: true },
          { name: "status", type: "varchar", length: "16", isPrimary: true },
          { name: "n", type: "integer", default: 0 },
        ],
      }),
    );
    await q.query("INSERT INTO report_queue_count (village_code, status, n) SELECT village_code, status, COUNT(*) FROM report GROUP BY village_code, status");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("report_queue_count");
    await q.createIndex("report", new TableIndex({ name: "idx_report_status_village_due", columnNames: ["status", "village_code", "due_at"] }));
    await q.dropIndex("report", "idx_report_queue");
  }
}
