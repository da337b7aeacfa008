import { randomUUID } from "node:crypto";
import type { DataSource, EntityManager } from "typeorm";
import { AccountEntity, type Account } from "../db/entities/account.js";
import { HouseholdEntity, type Household } from "../db/entities/household.js";
import { insertRows } from "../db/insert-rows.js";

type Db = DataSource | EntityManager;

export const findAccount = (db: Db, id: string) => db.getRepository(AccountEntity).findOneBy({ id });
export const findAccountByUsername = (db: Db, username: string) => db.getRepository(AccountEntity).findOneBy({ username });
export const findAccountByPhoneHash = (db: Db, phoneHash: string) => db.getRepository(AccountEntity).findOneBy({ phoneHash });
export const findAccountByOpenid = (db: Db, wechatOpenid: string) => db.getRepository(AccountEntity).findOneBy({ wechatOpenid });
/** The accounts linked to a household (on proof: household-link.ts). */
export const accountsOfHousehold = (db: Db, householdId: string) => db.getRepository(AccountEntity).find({ where: { householdId }, take: 10 });
export const findHousehold = (db: Db, id: string) => db.getRepository(HouseholdEntity).findOneBy({ id });
/** Households registered with this phone, in any village (a few at most). */
export const householdsWithPhone = (db: Db, phoneHash: string) => db.getRepository(HouseholdEntity).find({ where: { phoneHash }, take: 5 });

type AccountDefaults = "id" | "failedSignIns" | "lockedUntil" | "disabled" | "sessionEpoch" | "mustChangePassword" | "passwordExpiresAt";

export async function insertAccount(db: Db, a: Omit<Account, AccountDefaults> & Partial<Account>): Promise<Account> {
  const row: Account = {
    id: randomUUID(),
    failedSignIns: 0,
    lockedUntil: null,
    disabled: false,
    sessionEpoch: 0,
    mustChangePassword: false,
    passwordExpiresAt: null,
    ...a,
  };
  await db.getRepository(AccountEntity).insert(row);
  return row;
}

/** A farmer's account as WeChat first meets it (mini-program sign-in or the bot): no area, household, phone or password yet. */
export function insertFarmerAccount(db: Db, a: { displayName: string; wechatOpenid: string | null; createdAt: Date }): Promise<Account> {
  return insertAccount(db, {
    role: "farmer",
    username: null,
    areaCode: null,
    department: null,
    householdId: null,
    phoneHash: null,
    phoneSealed: null,
    passwordHash: null,
    ...a,
  });
}

export async function insertHousehold(db: Db, h: Omit<Household, "id">): Promise<Household> {
  const row: Household = { id: randomUUID(), ...h };
  await insertRows(db, HouseholdEntity, row);
  return row;
}

export const updateAccount = (db: Db, id: string, patch: Partial<Account>) => db.getRepository(AccountEntity).update({ id }, patch);
