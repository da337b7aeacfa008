import { TableColumn, type MigrationInterface, type QueryRunner } from "typeorm";

/** A bound group's name as WeChat showed it when bound, so staff recognise it in the console. */
export class BotGroupTopic1764000001900 implements MigrationInterface {
  name = "BotGroupTopic1764000001900";

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn("bot_group", new TableColumn({ name: "topic", type: "varchar", length: "100", isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn("bot_group", "topic");
  }
}
