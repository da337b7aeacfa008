import type { DataSource, EntityManager } from "typeorm";
import { BotContactEntity, BotGroupEntity, BotLinkCodeEntity, type BotContact, type BotGroup, type BotLinkCode } from "../db/entities/bot.js";

type Db = DataSource | EntityManager;

export const findGroup = (db: Db, roomId: string): Promise<BotGroup | null> => db.getRepository(BotGroupEntity).findOneBy({ roomId });

/** Bound groups (not unbound) whose village code starts with the prefix. */
export const activeGroupsUnder = (db: Db, prefix: string): Promise<BotGroup[]> =>
  db
    .getRepository(BotGroupEntity)
    .createQueryBuilder("g")
    .where("g.village_code LIKE :p", { p: `${prefix}%` })
    .andWhere("g.unbound_at IS NULL")
    .orderBy("g.village_code", "ASC")
    .addOrderBy("g.room_id", "ASC")
    .getMany();

export const activeGroupsOfVillage = (db: Db, villageCode: string): Promise<BotGroup[]> =>
  db
    .getRepository(BotGroupEntity)
    .createQueryBuilder("g")
    .where("g.village_code = :v", { v: villageCode })
    .andWhere("g.unbound_at IS NULL")
    .orderBy("g.room_id", "ASC")
    .getMany();

export const saveGroup = (db: Db, group: BotGroup) => db.getRepository(BotGroupEntity).save(group);

export const findContactLink = (db: Db, contactId: string): Promise<BotContact | null> => db.getRepository(BotContactEntity).findOneBy({ contactId });
export const findContactOfAccount = (db: Db, accountId: string): Promise<BotContact | null> => db.getRepository(BotContactEntity).findOneBy({ accountId });
export const deleteContactLink = (db: Db, contactId: string) => db.getRepository(BotContactEntity).delete({ contactId });
export const insertContactLink = (db: Db, link: BotContact) => db.getRepository(BotContactEntity).insert(link);

export const insertLinkCode = (db: Db, code: BotLinkCode) => db.getRepository(BotLinkCodeEntity).insert(code);
export const findLinkCode = (db: Db, codeHash: string): Promise<BotLinkCode | null> => db.getRepository(BotLinkCodeEntity).findOneBy({ codeHash });
export const markLinkCodeUsed = (db: Db, codeHash: string, at: Date) => db.getRepository(BotLinkCodeEntity).update({ codeHash }, { usedAt: at });

/** A wrong code counts against every code still live (used by nobody, not expired). */
export const countWrongLinkCode = (db: Db, now: Date) =>
  db
    .getRepository(BotLinkCodeEntity)
    .createQueryBuilder()
    .update()
    .set({ failedGuesses: () => "failed_guesses + 1" })
    .where("used_at IS NULL AND expires_at > :now", { now })
    .execute();
