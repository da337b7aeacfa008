import { Table, TableColumn, type MigrationInterface, type QueryRunner } from "typeorm";

const datetime = (name: string) => ({ name, type: "datetime", precision: 3 });
const varchar = (name: string, length: number, nullable = false) => ({ name, type: "varchar", length: String(length), isNullable: nullable });
const id = { name: "id", type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" as const };
const recorded = [varchar("day", 10), { name: "fields", type: "text" }, varchar("recorded_by", 36), varchar("recorded_role", 16), datetime("recorded_at")];

/**
 * After the opinion (issue 16): the identification steps of a report, the register of
 * monitored households and their risk-clearance steps; and whether a county's townships
 * do the first review (seed 001 一(二)3: 可视情况增加乡级初审, default yes).
 */
export class Identification1764000001100 implements MigrationInterface {
  name = "Identification1764000001100";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "identification_step",
        // once_key "<report>:<step>" for the steps recorded once (null for objections): two cadres tapping at once record one
        columns: [id, varchar("report_id", 36), varchar("step", 24), ...recorded, { ...varchar("once_key", 64, true), isUnique: true }],
        indices: [{ name: "idx_identification_step_report", columnNames: ["report_id", "id"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "monitored_household",
        columns: [
          id,
          varchar("county_code", 12),
          varchar("village_code", 12),
          varchar("household_id", 36),
          varchar("report_id", 36),
          varchar("status", 16),
          varchar("kind", 24),
          varchar("identified_on", 10),
          varchar("cleared_on", 10, true),
          varchar("risk_types", 255),
          { name: "measures", type: "text" },
          { ...varchar("open_key", 36, true), isUnique: true },
          datetime("created_at"),
          datetime("updated_at"),
        ],
        indices: [
          // the register's page: a county's households of one status, newest identification first
          { name: "idx_monitored_household_register", columnNames: ["county_code", "status", "identified_on", "id"] },
          { name: "idx_monitored_household_household", columnNames: ["household_id"] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "clearance_step",
        columns: [
          id,
          { name: "monitored_id", type: "integer" },
          varchar("household_id", 36),
          { name: "attempt", type: "integer" },
          varchar("step", 24),
          ...recorded,
          { ...varchar("once_key", 64, true), isUnique: true },
        ],
        indices: [{ name: "idx_clearance_step_monitored", columnNames: ["monitored_id", "attempt", "id"] }],
      }),
    );
    await q.addColumn("county_setting", new TableColumn({ name: "township_review", type: "boolean", default: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn("county_setting", "township_review");
    await q.dropTable("clearance_step");
    await q.dropTable("monitored_household");
    await q.dropTable("identification_step");
  }
}
