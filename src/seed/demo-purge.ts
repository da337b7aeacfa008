import type { DataSource } from "typeorm";
import { AccountEntity } from "../db/entities/account.js";
import { BotContactEntity } from "../db/entities/bot.js";
import { inTransaction } from "../db/transaction.js";
import { recordAudit } from "../repositories/audit.js";
import type { Clock } from "../clock.js";

// Demo accounts are the ones seeded with a "demo-" username (src/seed/demo.ts).
const DEMO_USERNAME = "demo-%";

/** How many demo accounts a database still holds. */
export const countDemoAccounts = (db: DataSource): Promise<number> =>
  db.getRepository(AccountEntity).createQueryBuilder("a").where("a.username LIKE :demo", { demo: DEMO_USERNAME }).getCount();

/**
 * Takes the demo accounts out of use: no username, password, phone or WeChat, disabled, every
 * session ended. The rows stay (audit records and reports point at them) but nobody can sign in.
 */
export async function purgeDemoAccounts(db: DataSource, clock: Clock): Promise<number> {
  return inTransaction(db, async (tx) => {
    const demo = await tx.getRepository(AccountEntity).createQueryBuilder("a").where("a.username LIKE :demo", { demo: DEMO_USERNAME }).getMany();
    for (const a of demo) {
      await tx.getRepository(AccountEntity).update(
        { id: a.id },
        {
          username: null,
          passwordHash: null,
          phoneHash: null,
          phoneSealed: null,
          wechatOpenid: null,
          disabled: true,
          sessionEpoch: a.sessionEpoch + 1,
          displayName: "已删除的演示账号",
        },
      );
      await tx.getRepository(BotContactEntity).delete({ accountId: a.id });
      await recordAudit(tx, { at: clock.now(), actorId: null, action: "demo.purged", subjectType: "account", subjectId: a.id });
    }
    return demo.length;
  });
}
