import { Table, TableIndex, type MigrationInterface, type QueryRunner } from "typeorm";

const datetime = (name: string, nullable = false) => ({ name, type: "datetime", precision: 3, isNullable: nullable });

/** Areas, households, accounts and the audit trail. */
export class Foundation1764000000000 implements MigrationInterface {
  name = "Foundation1764000000000";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "area",
        columns: [
          { name: "code", type: "varchar", length: "12", isPrimary: true },
          { name: "name", type: "varchar", length: "64" },
          { name: "level", type: "varchar", length: "16" },
          { name: "parent_code", type: "varchar", length: "12", isNullable: true },
        ],
        indices: [{ name: "idx_area_parent", columnNames: ["parent_code"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "household",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "village_code", type: "varchar", length: "12" },
          { name: "head_name", type: "varchar", length: "64" },
          { name: "phone_sealed", type: "varchar", length: "255", isNullable: true },
          { name: "phone_hash", type: "varchar", length: "64", isNullable: true },
          { name: "id_number_sealed", type: "varchar", length: "255", isNullable: true },
          { name: "id_number_hash", type: "varchar", length: "64", isNullable: true },
          { name: "match_key", type: "varchar", length: "66" },
          datetime("created_at"),
        ],
        indices: [
          { name: "idx_household_village_phone", columnNames: ["village_code", "phone_hash"] },
          { name: "idx_household_village_id", columnNames: ["village_code", "id_number_hash"] },
          // one household per ID number (or, without one, per phone) in a village, even under concurrent reports
          { name: "uq_household_village_match", columnNames: ["village_code", "match_key"], isUnique: true },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "account",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "role", type: "varchar", length: "16" },
          { name: "username", type: "varchar", length: "64", isNullable: true, isUnique: true },
          { name: "display_name", type: "varchar", length: "64" },
          { name: "area_code", type: "varchar", length: "12", isNullable: true },
          { name: "department", type: "varchar", length: "32", isNullable: true },
          { name: "household_id", type: "varchar", length: "36", isNullable: true },
          { name: "phone_hash", type: "varchar", length: "64", isNullable: true, isUnique: true },
          { name: "phone_sealed", type: "varchar", length: "255", isNullable: true },
          { name: "password_hash", type: "varchar", length: "255", isNullable: true },
          { name: "wechat_openid", type: "varchar", length: "64", isNullable: true, isUnique: true },
          { name: "failed_sign_ins", type: "int", default: 0 },
          datetime("locked_until", true),
          { name: "disabled", type: "boolean", default: false },
          datetime("created_at"),
        ],
      }),
    );
    await q.createIndex("account", new TableIndex({ name: "idx_account_area_role", columnNames: ["area_code", "role"] }));
    await q.createTable(
      new Table({
        name: "audit_event",
        columns: [
          { name: "id", type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" },
          datetime("at"),
          { name: "actor_id", type: "varchar", length: "36", isNullable: true },
          { name: "action", type: "varchar", length: "64" },
          { name: "subject_type", type: "varchar", length: "32" },
          { name: "subject_id", type: "varchar", length: "64" },
          { name: "detail", type: "text", isNullable: true },
        ],
        indices: [{ name: "idx_audit_subject", columnNames: ["subject_type", "subject_id"] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ["audit_event", "account", "household", "area"]) await q.dropTable(table);
  }
}
