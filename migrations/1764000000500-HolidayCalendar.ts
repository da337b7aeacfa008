import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from "typeorm";

/**
 * The system-owned holiday calendar (one row per entry of a year's arrangement, versioned),
 * the basis of each report's deadline, and each county's notice hour.
 */
export class HolidayCalendar1764000000500 implements MigrationInterface {
  name = "HolidayCalendar1764000000500";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "holiday_year",
        columns: [
          { name: "id", type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" },
          { name: "year", type: "int" },
          { name: "version", type: "int" },
          { name: "source", type: "varchar", length: "255" },
          { name: "rest_days", type: "text" },
          { name: "working_days", type: "text" },
          { name: "entered_by", type: "varchar", length: "36", isNullable: true },
          { name: "entered_at", type: "datetime", precision: 3 },
        ],
        uniques: [{ name: "uq_holiday_year_version", columnNames: ["year", "version"] }],
      }),
    );
    await q.addColumn("report", new TableColumn({ name: "deadline_basis", type: "varchar", length: "16", default: "'statutory'" }));
    // the minute's sweep looks for the (few) open weekends-only deadlines
    await q.createIndex("report", new TableIndex({ name: "idx_report_deadline_basis", columnNames: ["deadline_basis", "received_at"] }));
    await q.addColumn("county_setting", new TableColumn({ name: "notice_time", type: "varchar", length: "5", default: "'08:30'" }));
    // Existing deadlines: a county on plain days counted calendar days; otherwise chinese-days 1.5.7
    // (the calendar until now) knew holidays through 2026, so a last day after 2026-12-31 counted weekends only.
    await q.query(
      "UPDATE report SET deadline_basis = 'calendar' WHERE SUBSTR(village_code, 1, 6) IN (SELECT SUBSTR(county_code, 1, 6) FROM county_setting WHERE deadline_rule = 'calendar')",
    );
    await q.query("UPDATE report SET deadline_basis = 'weekends_only' WHERE deadline_basis = 'statutory' AND due_at > '2026-12-31 16:00:00'");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn("county_setting", "notice_time");
    await q.dropIndex("report", "idx_report_deadline_basis");
    await q.dropColumn("report", "deadline_basis");
    await q.dropTable("holiday_year");
  }
}
