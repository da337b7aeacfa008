import type { Actor } from "../domain/access.js";
import { AppError, unauthorized } from "../errors.js";
import type { Account } from "../db/entities/account.js";
import { inTransaction } from "../db/transaction.js";
import { recordAudit } from "../repositories/audit.js";
import { findArea } from "../repositories/areas.js";
import {
  findAccount,
  findAccountByOpenid,
  findAccountByPhoneHash,
  findAccountByUsername,
  findHousehold,
  insertAccount,
  updateAccount,
} from "../repositories/accounts.js";
import { issueToken, readToken } from "../security/session-token.js";
import { verifyPassword } from "../security/password.js";
import type { Deps } from "./deps.js";

/** After this many wrong passwords in a row the account is locked for LOCK_MINUTES. */
export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MINUTES = 15;

export interface SignedIn {
  token: string;
  expiresAt: Date;
  account: { id: string; role: string; displayName: string };
}

function issue(deps: Deps, account: Account): SignedIn {
  const expiresAt = new Date(deps.clock.now().getTime() + deps.config.SESSION_TTL_HOURS * 3600_000);
  const token = issueToken({ sub: account.id, exp: Math.floor(expiresAt.getTime() / 1000) }, deps.config.SESSION_SECRET);
  return { token, expiresAt, account: { id: account.id, role: account.role, displayName: account.displayName } };
}

export const actorOf = (a: Account): Actor => ({ accountId: a.id, role: a.role, areaCode: a.areaCode, householdId: a.householdId });

/** The actor behind a bearer token, or a 401. */
export async function authenticate(deps: Deps, token: string): Promise<Actor> {
  const claims = readToken(token, deps.config.SESSION_SECRET, deps.clock.now());
  if (!claims) throw unauthorized("session_invalid", "登录已过期，请重新登录");
  const account = await findAccount(deps.db, claims.sub);
  if (!account || account.disabled) throw unauthorized("session_invalid", "登录已过期，请重新登录");
  return actorOf(account);
}

/** A farmer signs in with a wx.login code; the first time creates their account. */
export async function signInWithWechat(deps: Deps, code: string): Promise<SignedIn & { isNew: boolean }> {
  const session = await deps.wechat.code2Session(code);
  return inTransaction(deps.db, async (tx) => {
    const existing = await findAccountByOpenid(tx, session.openid);
    if (existing?.disabled) throw new AppError(403, "account_disabled", "这个账号已停用，请联系村委会");
    const account =
      existing ??
      (await insertAccount(tx, {
        role: "farmer",
        username: null,
        displayName: "微信用户",
        areaCode: null,
        department: null,
        householdId: null,
        phoneHash: null,
        phoneSealed: null,
        passwordHash: null,
        wechatOpenid: session.openid,
        createdAt: deps.clock.now(),
      }));
    await recordAudit(tx, { at: deps.clock.now(), actorId: account.id, action: "sign_in.wechat", subjectType: "account", subjectId: account.id });
    return { ...issue(deps, account), isNew: !existing };
  });
}

/** Staff sign in by phone and password; repeated failures lock the account. */
export async function signInStaff(deps: Deps, phone: string, password: string): Promise<SignedIn> {
  const now = deps.clock.now();
  const account = await findAccountByPhoneHash(deps.db, deps.crypto.lookupHash(phone));
  const wrong = new AppError(401, "credentials_invalid", "手机号或密码不对");
  if (!account || !account.passwordHash || account.role === "farmer") throw wrong;
  if (account.disabled) throw new AppError(403, "account_disabled", "这个账号已停用，请联系县农业农村局");
  if (account.lockedUntil && account.lockedUntil.getTime() > now.getTime()) {
    throw new AppError(423, "account_locked", `密码错误次数太多，账号已锁定，请${LOCK_MINUTES}分钟后再试`, { lockedUntil: account.lockedUntil });
  }
  const ok = await verifyPassword(password, account.passwordHash);
  await inTransaction(deps.db, async (tx) => {
    if (ok) {
      await updateAccount(tx, account.id, { failedSignIns: 0, lockedUntil: null });
      await recordAudit(tx, { at: now, actorId: account.id, action: "sign_in.staff", subjectType: "account", subjectId: account.id });
      return;
    }
    const failed = account.failedSignIns + 1;
    const lock = failed >= MAX_FAILED_SIGN_INS;
    await updateAccount(tx, account.id, {
      failedSignIns: lock ? 0 : failed,
      lockedUntil: lock ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : account.lockedUntil,
    });
    await recordAudit(tx, { at: now, actorId: null, action: lock ? "sign_in.locked" : "sign_in.failed", subjectType: "account", subjectId: account.id });
  });
  if (!ok) throw wrong;
  return issue(deps, account);
}

/** Demo sign-in by username; only exists while demo data is on. */
export async function signInDemo(deps: Deps, username: string): Promise<SignedIn> {
  if (!deps.config.demoData) throw new AppError(404, "not_found", "没有这个功能");
  const account = await findAccountByUsername(deps.db, username);
  if (!account || !username.startsWith("demo-")) throw new AppError(404, "demo_account_unknown", "没有这个演示账号");
  return issue(deps, account);
}

/**
 * Ties a staff account to the WeChat it is used from, so the mini-program signs it in with
 * wx.login next time. Opening the app may already have made a bare farmer account for this
 * WeChat; one with no household is let go, anything else keeps its WeChat.
 */
export async function linkWechat(deps: Deps, actor: Actor, code: string): Promise<{ wechatLinked: true }> {
  if (actor.role === "farmer") throw new AppError(403, "wechat_link_staff_only", "只有工作人员账号需要绑定微信");
  const session = await deps.wechat.code2Session(code);
  return inTransaction(deps.db, async (tx) => {
    const holder = await findAccountByOpenid(tx, session.openid);
    if (holder && holder.id !== actor.accountId) {
      if (holder.role !== "farmer" || holder.householdId !== null) {
        throw new AppError(409, "wechat_already_linked", "这个微信已经绑定了别的账号，请换一个微信或联系县农业农村局");
      }
      await updateAccount(tx, holder.id, { wechatOpenid: null });
    }
    await updateAccount(tx, actor.accountId, { wechatOpenid: session.openid });
    await recordAudit(tx, { at: deps.clock.now(), actorId: actor.accountId, action: "account.wechat_linked", subjectType: "account", subjectId: actor.accountId });
    return { wechatLinked: true as const };
  });
}

/** Who am I: the account, its role and area, and a farmer's household and village. */
export async function describeMe(deps: Deps, actor: Actor) {
  const account = await findAccount(deps.db, actor.accountId);
  if (!account) throw unauthorized();
  const area = account.areaCode ? await findArea(deps.db, account.areaCode) : null;
  const household = account.householdId ? await findHousehold(deps.db, account.householdId) : null;
  const village = household ? await findArea(deps.db, household.villageCode) : null;
  return {
    id: account.id,
    role: account.role,
    displayName: account.displayName,
    department: account.department,
    area: area ? { code: area.code, name: area.name, level: area.level } : null,
    household: household ? { id: household.id, headName: household.headName } : null,
    village: village ? { code: village.code, name: village.name } : null,
    wechatLinked: account.wechatOpenid !== null,
  };
}
