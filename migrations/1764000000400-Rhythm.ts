import { Table, type MigrationInterface, type QueryRunner } from "typeorm";

const datetime = (name: string, nullable = false) => ({ name, type: "datetime", precision: 3, isNullable: nullable });
const varchar = (name: string, length: number, nullable = false) => ({ name, type: "varchar", length: String(length), isNullable: nullable });
const id = { name: "id", type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" as const };

/** The year's rhythm: screening campaigns, recurring rules and the ledger of their occurrences. */
export class Rhythm1764000000400 implements MigrationInterface {
  name = "Rhythm1764000000400";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "screening_campaign",
        columns: [
          id,
          varchar("county_code", 12),
          varchar("name", 64),
          { name: "area_codes", type: "text" },
          varchar("first_day", 10),
          varchar("last_day", 10),
          varchar("status", 16),
          // set on campaigns the demo seeds ("231226000000:2027-H1"), so two instances starting at once seed one
          { ...varchar("seed_key", 32, true), isUnique: true },
          varchar("created_by", 36, true),
          datetime("created_at"),
          datetime("updated_at"),
        ],
        indices: [{ name: "idx_screening_campaign_county", columnNames: ["county_code", "first_day"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "recurring_rule",
        columns: [
          id,
          varchar("county_code", 12),
          varchar("code", 40),
          varchar("title", 64),
          { name: "schedule", type: "text" },
          varchar("audiences", 255),
          { name: "template", type: "text" },
          { name: "holiday_shift", type: "boolean", default: false },
          { name: "enabled", type: "boolean", default: true },
          datetime("active_from"),
          datetime("created_at"),
          datetime("updated_at"),
        ],
        uniques: [{ name: "uq_recurring_rule_county_code", columnNames: ["county_code", "code"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "occurrence_ledger",
        columns: [
          id,
          { ...varchar("occurrence_key", 191), isUnique: true },
          varchar("source", 16),
          { name: "source_id", type: "int" },
          varchar("step", 24),
          varchar("audience", 24),
          datetime("scheduled_for"),
          varchar("status", 16),
          datetime("decided_at"),
          { name: "notifications", type: "int", default: 0 },
        ],
        indices: [{ name: "idx_occurrence_ledger_source", columnNames: ["source", "source_id", "scheduled_for"] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("occurrence_ledger");
    await q.dropTable("recurring_rule");
    await q.dropTable("screening_campaign");
  }
}
