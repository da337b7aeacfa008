import { Table, type MigrationInterface, type QueryRunner } from "typeorm";

const datetime = (name: string, nullable = false) => ({ name, type: "datetime", precision: 3, isNullable: nullable });

/** The group-chat bot: which WeChat group belongs to which village, and who is who on WeChat. */
export class Bot1764000000300 implements MigrationInterface {
  name = "Bot1764000000300";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "bot_group",
        columns: [
          { name: "room_id", type: "varchar", length: "128", isPrimary: true },
          { name: "village_code", type: "varchar", length: "12" },
          { name: "bound_by", type: "varchar", length: "36" },
          datetime("bound_at"),
          datetime("unbound_at", true),
          { name: "unbound_by", type: "varchar", length: "36", isNullable: true },
        ],
        indices: [{ name: "idx_bot_group_village", columnNames: ["village_code"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "bot_contact",
        columns: [
          { name: "contact_id", type: "varchar", length: "128", isPrimary: true },
          { name: "account_id", type: "varchar", length: "36", isUnique: true },
          datetime("linked_at"),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "bot_link_code",
        columns: [
          { name: "code_hash", type: "varchar", length: "64", isPrimary: true },
          { name: "account_id", type: "varchar", length: "36" },
          datetime("expires_at"),
          datetime("used_at", true),
        ],
        indices: [{ name: "idx_bot_link_code_account", columnNames: ["account_id"] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ["bot_link_code", "bot_contact", "bot_group"]) await q.dropTable(table);
  }
}
