import { Table, type MigrationInterface, type QueryRunner } from "typeorm";

/** Policy sheets (明白纸): every published version, keyed by (id, version). */
export class PolicySheets1764000000200 implements MigrationInterface {
  name = "PolicySheets1764000000200";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "policy_sheet",
        columns: [
          { name: "id", type: "varchar", length: "64", isPrimary: true },
          { name: "version", type: "int", isPrimary: true },
          { name: "title", type: "varchar", length: "200" },
          { name: "audience", type: "text" },
          { name: "region", type: "varchar", length: "6" },
          { name: "source", type: "text" },
          { name: "year", type: "int" },
          { name: "keywords", type: "text" },
          { name: "body", type: "text" },
          { name: "faq", type: "text" },
          { name: "status", type: "varchar", length: "16" },
          { name: "published_at", type: "datetime", precision: 3 },
          { name: "published_by", type: "varchar", length: "36", isNullable: true },
        ],
        indices: [{ name: "idx_policy_sheet_status", columnNames: ["status", "region"] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("policy_sheet");
  }
}
