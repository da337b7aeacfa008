import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from "typeorm";

const INDEX = "idx_report_next_reminder";

/**
 * The identification clocks' sweep reads only the cases that owe something (issue 19): each
 * case proposed for monitoring keeps the instant its next reminder or escalation is due,
 * computed by the domain whenever the case is created or moves a step. The migration cannot
 * reach the holiday calendar, so every case proposed before it is marked due at its receipt:
 * the first sweep reads each once, sends what the domain says is due (once, by the outbox's
 * keys) and stores the computed instant (null once nothing more can fall due).
 */
export class IdentificationNextReminder1764000002600 implements MigrationInterface {
  name = "IdentificationNextReminder1764000002600";

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn("report", new TableColumn({ name: "next_reminder_at", type: "datetime", precision: 3, isNullable: true }));
    // the sweep's keyset: next_reminder_at <= now, in (next_reminder_at, id) order
    await q.createIndex("report", new TableIndex({ name: INDEX, columnNames: ["next_reminder_at", "id"] }));
    await q.query("UPDATE report SET next_reminder_at = received_at WHERE opinion_kind = 'propose_monitoring'");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex("report", INDEX);
    await q.dropColumn("report", "next_reminder_at");
  }
}
