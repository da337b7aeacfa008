import { TableColumn, type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * When a report received on paper was typed in (补录). Null for every report entered as it
 * arrived; set when a cadre back-dates a paper application, so the county sees both dates.
 */
export class ReportEnteredAt1764000000800 implements MigrationInterface {
  name = "ReportEnteredAt1764000000800";

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn("report", new TableColumn({ name: "entered_at", type: "datetime", precision: 3, isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn("report", "entered_at");
  }
}
