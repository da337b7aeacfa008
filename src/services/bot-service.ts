import { randomInt } from "node:crypto";
import type { BotGroup } from "../db/entities/bot.js";
import type { EntityManager } from "typeorm";
import { canSeeArea, type Actor } from "../domain/access.js";
import { areaLevel, areaPrefix } from "../domain/area-code.js";
import { bindCodeOf, mayBindToVillage, mayMoveGroup, villageOfBindCode } from "../domain/group-binding.js";
import { badRequest, forbidden, notFound, type AppError } from "../errors.js";
import { findAccount, insertFarmerAccount } from "../repositories/accounts.js";
import { areaNames, childAreas, findArea } from "../repositories/areas.js";
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

/** A link code is good for this long. */
export const LINK_CODE_MINUTES = 10;
/**
 * Wrong codes sent while a code is live, after which it stops working: every wrong guess is a
 * guess at each live code, so across all contacts and instances a code is guessed at most this often.
 */
export const MAX_LINK_CODE_GUESSES = 10;

const BIND_CODE_INVALID = "绑定码不对：请在工作台“微信群”页面查看本村的绑定码";

export interface GroupBinding {
  roomId: string;
  village: { code: string; name: string };
  boundAt: string;
}

/** What binding did: a new binding, a move from another village, or nothing (already bound there). */
export interface GroupBindResult extends GroupBinding {
  movedFrom: { code: string; name: string } | null;
  unchanged: boolean;
}

/** The active binding of a room, if any. */
export async function groupVillage(deps: Deps, roomId: string): Promise<string | null> {
  const g = await findGroup(deps.db, roomId);
  return g && !g.unboundAt ? g.villageCode : null;
}

/**
 * Binds the WeChat group the command was sent in to the village its code names. Only that
 * village's staff or its county may; a group bound elsewhere moves only if the actor may also
 * act for the village it is bound to now.
 */
export async function bindGroup(
  deps: Deps,
  tx: EntityManager,
  actor: Actor,
  input: { roomId: string; code: string; topic?: string | null },
): Promise<GroupBindResult> {
  const villageCode = villageOfBindCode(actor, input.code);
  const village = villageCode && areaLevel(villageCode) === "village" ? await findArea(deps.db, villageCode) : null;
  if (!village) throw badRequest("village_code_invalid", BIND_CODE_INVALID);
  if (!mayBindToVillage(actor, village.code)) throw forbidden("group_bind_forbidden", "只有本村的村干部、网格员或县农业农村局才能把群绑定到这个村");
  const now = deps.clock.now();
  const binding = { roomId: input.roomId, village: { code: village.code, name: village.name }, boundAt: now.toISOString() };
  const current = await findGroup(tx, input.roomId);
  const boundTo = current && !current.unboundAt ? current.villageCode : null;
  if (boundTo === village.code) return { ...binding, boundAt: current!.boundAt.toISOString(), movedFrom: null, unchanged: true };
  const from = boundTo ? await findArea(tx, boundTo) : null;
  if (boundTo && !mayMoveGroup(actor, boundTo, village.code)) {
    const name = from?.name ?? "别的村";
    throw forbidden("group_bound_elsewhere", `本群已绑定到${name}，只有${name}的工作人员或县农业农村局才能改绑`);
  }
  const topic = input.topic?.slice(0, 100) || current?.topic || null;
  await saveGroup(tx, { roomId: input.roomId, villageCode: village.code, topic, boundBy: actor.accountId, boundAt: now, unboundAt: null, unboundBy: null });
  await recordAudit(tx, {
    at: now,
    actorId: actor.accountId,
    action: boundTo ? "bot_group.move" : "bot_group.bind",
    subjectType: "bot_group",
    subjectId: input.roomId,
    detail: boundTo ? { fromVillageCode: boundTo, villageCode: village.code } : { villageCode: village.code },
  });
  return { ...binding, movedFrom: boundTo ? { code: boundTo, name: from?.name ?? "" } : null, unchanged: false };
}

/** Unbinds a group (its village's staff or county); the bot then ignores it except for binding. */
export async function unbindGroup(deps: Deps, tx: EntityManager, actor: Actor, roomId: string): Promise<void> {
  const g = await findGroup(deps.db, roomId);
  if (!g || g.unboundAt || !canSeeArea(actor, g.villageCode)) throw notFound("group_not_found", "没有找到这个群的绑定");
  if (!mayBindToVillage(actor, g.villageCode)) throw forbidden("group_unbind_forbidden", "只有本村的村干部、网格员或县农业农村局才能解绑这个群");
  const now = deps.clock.now();
  await saveGroup(tx, { ...g, unboundAt: now, unboundBy: actor.accountId });
  await recordAudit(tx, {
    at: now,
    actorId: actor.accountId,
    action: "bot_group.unbind",
    subjectType: "bot_group",
    subjectId: roomId,
    detail: { villageCode: g.villageCode },
  });
}

/** A village with the code its staff send in a group (when the actor may use it) and its bound groups. */
export interface VillageGroups {
  village: { code: string; name: string };
  bindCode: string | null;
  groups: { roomId: string; topic: string | null; boundAt: string }[];
}

/**
 * The 微信群 page: whether the actor's WeChat is linked to the bot, and villages with their
 * bind codes and groups — every village of a chosen township, else the actor's own village and
 * the villages that have a group.
 */
export async function groupsOverview(deps: Deps, actor: Actor, township?: string): Promise<{ wechatLinked: boolean; villages: VillageGroups[] }> {
  const wechatLinked = !!(await findContactOfAccount(deps.db, actor.accountId));
  if (!actor.areaCode && actor.role !== "admin") return { wechatLinked, villages: [] };
  if (township && (areaLevel(township) !== "township" || !canSeeArea(actor, township))) throw notFound("area_not_found", "没有找到这个乡镇");
  const scope = township ?? actor.areaCode ?? "";
  const groups: BotGroup[] = await activeGroupsUnder(deps.db, scope ? areaPrefix(scope) : "");
  const codes = new Set(groups.map((g) => g.villageCode));
  if (township) for (const v of await childAreas(deps.db, township)) codes.add(v.code);
  else if (actor.areaCode && areaLevel(actor.areaCode) === "village") codes.add(actor.areaCode);
  const names = await areaNames(deps.db, [...codes]);
  return {
    wechatLinked,
    villages: [...codes].sort().map((code) => ({
      village: { code, name: names.get(code) ?? "" },
      bindCode: mayBindToVillage(actor, code) ? bindCodeOf(code) : null,
      groups: groups.filter((g) => g.villageCode === code).map((g) => ({ roomId: g.roomId, topic: g.topic, boundAt: g.boundAt.toISOString() })),
    })),
  };
}

/** A one-time six-digit code a staff member sends the bot privately ("绑定账号 123456"). */
export async function issueLinkCode(deps: Deps, tx: EntityManager, actor: Actor): Promise<{ code: string; expiresAt: string }> {
  if (actor.role === "farmer") throw forbidden("forbidden", "只有工作人员需要绑定微信");
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + LINK_CODE_MINUTES * 60_000);
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  await insertLinkCode(tx, { codeHash: deps.crypto.lookupHash(`bot-link:${code}`), accountId: actor.accountId, expiresAt, usedAt: null, failedGuesses: 0 });
  await recordAudit(tx, { at: now, actorId: actor.accountId, action: "bot_contact.link_code", subjectType: "account", subjectId: actor.accountId });
  return { code, expiresAt: expiresAt.toISOString() };
}

/**
 * Links the WeChat contact to the account that issued the code; the code works once. A wrong
 * code is counted and the refusal returned, not thrown, so the count is committed.
 */
export async function redeemLinkCode(deps: Deps, tx: EntityManager, contactId: string, code: string): Promise<Actor | { refused: AppError }> {
  const now = deps.clock.now();
  const codeHash = deps.crypto.lookupHash(`bot-link:${code}`);
  const invalid = badRequest("link_code_invalid", "验证码不对或已过期，请重新获取");
  const row = await findLinkCode(tx, codeHash);
  if (!row || row.usedAt || row.expiresAt.getTime() < now.getTime()) {
    await countWrongLinkCode(tx, now);
    return { refused: invalid };
  }
  if (row.failedGuesses >= MAX_LINK_CODE_GUESSES) throw badRequest("link_code_worn_out", "验证码输错的次数太多，已经作废，请在工作台重新获取");
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
}

/** The account a WeChat contact acts as, if linked. */
export async function actorForContact(deps: Deps, contactId: string): Promise<Actor | null> {
  const link = await findContactLink(deps.db, contactId);
  if (!link) return null;
  const account = await findAccount(deps.db, link.accountId);
  return account && !account.disabled ? actorOf(account) : null;
}

/** The contact's account, creating a farmer account the first time a stranger reports or asks. */
export async function farmerForContact(deps: Deps, tx: EntityManager, contactId: string): Promise<Actor> {
  const existing = await actorForContact(deps, contactId);
  if (existing) return existing;
  const now = deps.clock.now();
  const again = await findContactLink(tx, contactId);
  if (again) {
    const account = await findAccount(tx, again.accountId);
    if (account) return actorOf(account);
  }
  const account = await insertFarmerAccount(tx, { displayName: "微信群众", wechatOpenid: null, createdAt: now });
  await insertContactLink(tx, { contactId, accountId: account.id, linkedAt: now });
  await recordAudit(tx, { at: now, actorId: account.id, action: "account.create_from_bot", subjectType: "account", subjectId: account.id });
  return actorOf(account);
}

/** The contact a staff account linked, for private notices. */
export async function contactOfAccount(deps: Deps, accountId: string): Promise<string | null> {
  return (await findContactOfAccount(deps.db, accountId))?.contactId ?? null;
}
