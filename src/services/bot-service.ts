import { randomInt } from "node:crypto";
import type { BotGroup } from "../db/entities/bot.js";
import { inTransaction } from "../db/transaction.js";
import { canSeeArea, type Actor } from "../domain/access.js";
import { areaLevel, areaPrefix, isAreaCode } from "../domain/area-code.js";
import { badRequest, forbidden, notFound } from "../errors.js";
import { findAccount, insertAccount } from "../repositories/accounts.js";
import { areaNames, findArea } from "../repositories/areas.js";
import { recordAudit } from "../repositories/audit.js";
import {
  activeGroupsUnder,
  findContactLink,
  findGroup,
  findLinkCode,
  insertContactLink,
  insertLinkCode,
  markLinkCodeUsed,
  countWrongLinkCode,
  saveGroup,
  deleteContactLink,
  findContactOfAccount,
} from "../repositories/bot.js";
import { actorOf } from "./auth-service.js";
import type { Deps } from "./deps.js";

/** Staff who may bind a group to a village inside their area. */
const BINDING_ROLES = new Set(["grid_worker", "village_cadre", "township", "county", "admin"]);
/** A link code is good for this long. */
export const LINK_CODE_MINUTES = 10;
/**
 * Wrong codes sent while a code is live, after which it stops working: every wrong guess is a
 * guess at each live code, so across all contacts and instances a code is guessed at most this often.
 */
export const MAX_LINK_CODE_GUESSES = 10;

export interface GroupBinding {
  roomId: string;
  village: { code: string; name: string };
  boundAt: string;
}

async function villageOrFail(deps: Deps, villageCode: string) {
  const area = isAreaCode(villageCode) && areaLevel(villageCode) === "village" ? await findArea(deps.db, villageCode) : null;
  if (!area) throw badRequest("village_code_invalid", "村代码不对，应为12位的村级区划代码");
  return area;
}

/** The active binding of a room, if any. */
export async function groupVillage(deps: Deps, roomId: string): Promise<string | null> {
  const g = await findGroup(deps.db, roomId);
  return g && !g.unboundAt ? g.villageCode : null;
}

/** Binds a WeChat group to a village; rebinding moves it. Staff only, within their area. */
export async function bindGroup(deps: Deps, actor: Actor, input: { roomId: string; villageCode: string }): Promise<GroupBinding> {
  if (!BINDING_ROLES.has(actor.role)) throw forbidden("forbidden", "只有工作人员可以绑定群");
  const village = await villageOrFail(deps, input.villageCode);
  if (!canSeeArea(actor, village.code)) throw forbidden("area_out_of_scope", "这个村不在您负责的范围内");
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    await saveGroup(tx, { roomId: input.roomId, villageCode: village.code, boundBy: actor.accountId, boundAt: now, unboundAt: null, unboundBy: null });
    await recordAudit(tx, { at: now, actorId: actor.accountId, action: "bot_group.bind", subjectType: "bot_group", subjectId: input.roomId, detail: { villageCode: village.code } });
  });
  return { roomId: input.roomId, village: { code: village.code, name: village.name }, boundAt: now.toISOString() };
}

/** Unbinds a group; the bot then ignores it except for binding. */
export async function unbindGroup(deps: Deps, actor: Actor, roomId: string): Promise<void> {
  if (!BINDING_ROLES.has(actor.role)) throw forbidden("forbidden", "只有工作人员可以解绑群");
  const g = await findGroup(deps.db, roomId);
  if (!g || g.unboundAt || !canSeeArea(actor, g.villageCode)) throw notFound("group_not_found", "没有找到这个群的绑定");
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    await saveGroup(tx, { ...g, unboundAt: now, unboundBy: actor.accountId });
    await recordAudit(tx, { at: now, actorId: actor.accountId, action: "bot_group.unbind", subjectType: "bot_group", subjectId: roomId, detail: { villageCode: g.villageCode } });
  });
}

/** Bound groups in the actor's area. */
export async function listGroups(deps: Deps, actor: Actor, villageCode?: string): Promise<GroupBinding[]> {
  if (!actor.areaCode && actor.role !== "admin") return [];
  const scope = villageCode ?? actor.areaCode ?? "";
  if (villageCode && !canSeeArea(actor, villageCode)) return [];
  const groups: BotGroup[] = await activeGroupsUnder(deps.db, scope ? areaPrefix(scope) : "");
  const names = await areaNames(deps.db, groups.map((g) => g.villageCode));
  return groups.map((g) => ({ roomId: g.roomId, village: { code: g.villageCode, name: names.get(g.villageCode) ?? "" }, boundAt: g.boundAt.toISOString() }));
}

/** A one-time six-digit code a staff member sends the bot privately ("绑定账号 123456"). */
export async function issueLinkCode(deps: Deps, actor: Actor): Promise<{ code: string; expiresAt: string }> {
  if (actor.role === "farmer") throw forbidden("forbidden", "只有工作人员需要绑定微信");
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + LINK_CODE_MINUTES * 60_000);
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  await inTransaction(deps.db, async (tx) => {
    await insertLinkCode(tx, { codeHash: deps.crypto.lookupHash(`bot-link:${code}`), accountId: actor.accountId, expiresAt, usedAt: null, failedGuesses: 0 });
    await recordAudit(tx, { at: now, actorId: actor.accountId, action: "bot_contact.link_code", subjectType: "account", subjectId: actor.accountId });
  });
  return { code, expiresAt: expiresAt.toISOString() };
}

/** Links the WeChat contact to the account that issued the code; the code works once. */
export async function redeemLinkCode(deps: Deps, contactId: string, code: string): Promise<Actor> {
  const now = deps.clock.now();
  const codeHash = deps.crypto.lookupHash(`bot-link:${code}`);
  const invalid = badRequest("link_code_invalid", "验证码不对或已过期，请重新获取");
  const row = await findLinkCode(deps.db, codeHash);
  if (!row || row.usedAt || row.expiresAt.getTime() < now.getTime()) {
    await countWrongLinkCode(deps.db, now);
    throw invalid;
  }
  if (row.failedGuesses >= MAX_LINK_CODE_GUESSES) throw badRequest("link_code_worn_out", "验证码输错的次数太多，已经作废，请在工作台重新获取");
  return inTransaction(deps.db, async (tx) => {
    const account = await findAccount(tx, row.accountId);
    if (!account || account.disabled) throw badRequest("link_code_invalid", "验证码不对或已过期，请重新获取");
    await markLinkCodeUsed(tx, codeHash, now);
    // One WeChat per account and one account per WeChat: a new link replaces old ones.
    const previousOfAccount = await findContactOfAccount(tx, account.id);
    if (previousOfAccount) await deleteContactLink(tx, previousOfAccount.contactId);
    await deleteContactLink(tx, contactId);
    await insertContactLink(tx, { contactId, accountId: account.id, linkedAt: now });
    await recordAudit(tx, { at: now, actorId: account.id, action: "bot_contact.link", subjectType: "account", subjectId: account.id });
    return actorOf(account);
  });
}

/** The account a WeChat contact acts as, if linked. */
export async function actorForContact(deps: Deps, contactId: string): Promise<Actor | null> {
  const link = await findContactLink(deps.db, contactId);
  if (!link) return null;
  const account = await findAccount(deps.db, link.accountId);
  return account && !account.disabled ? actorOf(account) : null;
}

/** The contact's account, creating a farmer account the first time a stranger reports or asks. */
export async function farmerForContact(deps: Deps, contactId: string): Promise<Actor> {
  const existing = await actorForContact(deps, contactId);
  if (existing) return existing;
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const again = await findContactLink(tx, contactId);
    if (again) {
      const account = await findAccount(tx, again.accountId);
      if (account) return actorOf(account);
    }
    const account = await insertAccount(tx, {
      role: "farmer",
      username: null,
      displayName: "微信群众",
      areaCode: null,
      department: null,
      householdId: null,
      phoneHash: null,
      phoneSealed: null,
      passwordHash: null,
      wechatOpenid: null,
      createdAt: now,
    });
    await insertContactLink(tx, { contactId, accountId: account.id, linkedAt: now });
    await recordAudit(tx, { at: now, actorId: account.id, action: "account.create_from_bot", subjectType: "account", subjectId: account.id });
    return actorOf(account);
  });
}

/** The contact a staff account linked, for private notices. */
export async function contactOfAccount(deps: Deps, accountId: string): Promise<string | null> {
  return (await findContactOfAccount(deps.db, accountId))?.contactId ?? null;
}

