import type { Actor } from "../domain/access.js";
import { AppError, tooManyRequests, unauthorized } from "../errors.js";
import { afterFailure, secondsBlocked } from "../domain/sign-in-throttle.js";
import { newPasswordProblem } from "../domain/password-rule.js";
import type { Account } from "../db/entities/account.js";
import type { EntityManager } from "typeorm";
import { recordAudit } from "../repositories/audit.js";
import { findArea } from "../repositories/areas.js";
import {
  findAccount,
  findAccountByOpenid,
  findAccountByPhoneHash,
  findAccountByUsername,
  findHousehold,
  insertFarmerAccount,
  updateAccount,
} from "../repositories/accounts.js";
import { issueToken, readToken } from "../security/session-token.js";
import { hashPassword, verifyPassword } from "../security/password.js";
import { deleteThrottle, findThrottle, saveThrottle } from "../repositories/sign-in-throttle.js";
import type { Deps } from "./deps.js";

/** A one-time password (new account, reset) works for this long, and only to choose a new one. */
export const ONE_TIME_PASSWORD_HOURS = 72;

export interface SignedIn {
  token: string;
  expiresAt: Date;
  account: { id: string; role: string; displayName: string };
  /** Signed in with a one-time password: the session can only choose a new one. */
  mustChangePassword: boolean;
}

function issue(deps: Deps, account: Account): SignedIn {
  const expiresAt = new Date(deps.clock.now().getTime() + deps.config.SESSION_TTL_HOURS * 3600_000);
  const token = issueToken({ sub: account.id, exp: Math.floor(expiresAt.getTime() / 1000), v: account.sessionEpoch }, deps.config.SESSION_SECRET);
  return {
    token,
    expiresAt,
    account: { id: account.id, role: account.role, displayName: account.displayName },
    mustChangePassword: account.mustChangePassword,
  };
}

export const actorOf = (a: Account): Actor => ({ accountId: a.id, role: a.role, areaCode: a.areaCode, householdId: a.householdId, department: a.department });

/** The account behind a bearer token and whether it still has to replace a one-time password, or a 401. */
export async function authenticateSession(deps: Deps, token: string): Promise<{ actor: Actor; mustChangePassword: boolean }> {
  const claims = readToken(token, deps.config.SESSION_SECRET, deps.clock.now());
  if (!claims) throw unauthorized("session_invalid", "登录已过期，请重新登录");
  const account = await findAccount(deps.db, claims.sub);
  // A password reset or a disabled account raises the epoch: every older session ends.
  if (!account || account.disabled || (claims.v ?? 0) !== account.sessionEpoch) throw unauthorized("session_invalid", "登录已过期，请重新登录");
  return { actor: actorOf(account), mustChangePassword: account.mustChangePassword };
}

/** The actor behind a bearer token, or a 401. */
export async function authenticate(deps: Deps, token: string): Promise<Actor> {
  return (await authenticateSession(deps, token)).actor;
}

/** A farmer signs in with the openid of a wx.login code (asked of WeChat before the transaction); the first time creates their account. */
export async function signInWithWechat(deps: Deps, tx: EntityManager, openid: string): Promise<SignedIn & { isNew: boolean }> {
  const existing = await findAccountByOpenid(tx, openid);
  if (existing?.disabled) throw new AppError(403, "account_disabled", "这个账号已停用，请联系村委会");
  const account = existing ?? (await insertFarmerAccount(tx, { displayName: "微信用户", wechatOpenid: openid, createdAt: deps.clock.now() }));
  await recordAudit(tx, { at: deps.clock.now(), actorId: account.id, action: "sign_in.wechat", subjectType: "account", subjectId: account.id });
  return { ...issue(deps, account), isNew: !existing };
}

// Checked for phones with no staff account, so the answer takes as long as for a real one.
let decoyHash: Promise<string> | undefined;
const decoy = () => (decoyHash ??= hashPassword("decoy-password-nobody-has"));

function blockedError(seconds: number) {
  const minutes = Math.ceil(seconds / 60);
  return tooManyRequests(
    "sign_in_blocked",
    `这个手机号的密码连续输错太多次，为保护账号，请${minutes}分钟后再试；如果不是您本人在试，请联系县农业农村局重置密码`,
    seconds,
  );
}

/** What checking a staff password found: read and hashed outside any transaction, so a slow hash holds no lock. */
export interface StaffPasswordCheck {
  phoneHash: string;
  throttle: Awaited<ReturnType<typeof findThrottle>>;
  /** The staff account the password is right for, or null. */
  staff: Account | null;
  /** The staff account the phone belongs to, whether the password was right or not. */
  holder: Account | null;
  now: Date;
}

/**
 * Staff sign in by phone and password, step one: the password is checked. A blocked phone gets
 * a 429 with Retry-After before any hashing.
 */
export async function checkStaffPassword(deps: Deps, phone: string, password: string): Promise<StaffPasswordCheck> {
  const now = deps.clock.now();
  const phoneHash = deps.crypto.lookupHash(phone);
  const throttle = await findThrottle(deps.db, phoneHash);
  const blocked = secondsBlocked(throttle, now);
  if (blocked > 0) throw blockedError(blocked);
  const account = await findAccountByPhoneHash(deps.db, phoneHash);
  const holder = account && account.passwordHash && account.role !== "farmer" ? account : null;
  const ok = await verifyPassword(password, holder?.passwordHash ?? (await decoy()));
  return { phoneHash, throttle, staff: ok ? holder : null, holder, now };
}

/**
 * Step two, in the route's transaction: a wrong password is counted per phone (staff or not,
 * src/domain/sign-in-throttle.ts) and the refusal is returned, not thrown, so the count is
 * committed; a right one clears the count and signs in.
 */
export async function recordStaffSignIn(deps: Deps, tx: EntityManager, check: StaffPasswordCheck): Promise<SignedIn | { refused: AppError }> {
  const { phoneHash, throttle, staff, holder, now } = check;
  if (!staff) {
    const next = afterFailure(throttle, now);
    await saveThrottle(tx, phoneHash, next, throttle !== null);
    if (holder)
      await recordAudit(tx, {
        at: now,
        actorId: null,
        action: next.blocks > (throttle?.blocks ?? 0) ? "sign_in.blocked" : "sign_in.failed",
        subjectType: "account",
        subjectId: holder.id,
      });
    const nowBlocked = secondsBlocked(next, now);
    return { refused: nowBlocked > 0 ? blockedError(nowBlocked) : new AppError(401, "credentials_invalid", "手机号或密码不对") };
  }
  if (staff.disabled) throw new AppError(403, "account_disabled", "这个账号已停用，请联系县农业农村局");
  if (staff.mustChangePassword && staff.passwordExpiresAt && staff.passwordExpiresAt.getTime() <= now.getTime()) {
    throw new AppError(401, "one_time_password_expired", `临时密码已过期（${ONE_TIME_PASSWORD_HOURS}小时内有效），请联系县农业农村局重新设置`);
  }
  if (throttle) await deleteThrottle(tx, phoneHash);
  await recordAudit(tx, { at: now, actorId: staff.id, action: "sign_in.staff", subjectType: "account", subjectId: staff.id });
  return issue(deps, staff);
}

/**
 * A staff member replaces their password (a one-time one, or their own). Every other session
 * of the account ends; the answer carries a new token for this one.
 */
export async function changePassword(deps: Deps, tx: EntityManager, actor: Actor, currentPassword: string, newPassword: string): Promise<SignedIn> {
  const account = await findAccount(deps.db, actor.accountId);
  if (!account?.passwordHash || account.role === "farmer") throw new AppError(403, "password_staff_only", "只有工作人员账号有密码");
  if (!(await verifyPassword(currentPassword, account.passwordHash)))
    throw new AppError(400, "current_password_wrong", "原密码不对", { field: "currentPassword" });
  const problem = newPasswordProblem(newPassword, currentPassword);
  if (problem) throw new AppError(400, "new_password_weak", problem, { field: "newPassword" });
  const patch = { passwordHash: await hashPassword(newPassword), mustChangePassword: false, passwordExpiresAt: null, sessionEpoch: account.sessionEpoch + 1 };
  await updateAccount(tx, account.id, patch);
  await recordAudit(tx, { at: deps.clock.now(), actorId: account.id, action: "account.password_changed", subjectType: "account", subjectId: account.id });
  return issue(deps, { ...account, ...patch });
}

/** Demo sign-in by username; only exists while demo data is on. */
export async function signInDemo(deps: Deps, username: string): Promise<SignedIn> {
  if (!deps.config.demoData) throw new AppError(404, "not_found", "没有这个功能");
  const account = await findAccountByUsername(deps.db, username);
  if (!account || !username.startsWith("demo-")) throw new AppError(404, "demo_account_unknown", "没有这个演示账号");
  return issue(deps, account);
}

/** The WeChat session of a staff member's wx.login code, asked before the transaction opens; a farmer has nothing to link. */
export async function staffWechatSession(deps: Deps, actor: Actor, code: string): Promise<{ openid: string }> {
  if (actor.role === "farmer") throw new AppError(403, "wechat_link_staff_only", "只有工作人员账号需要绑定微信");
  return deps.wechat.code2Session(code);
}

/**
 * Ties a staff account to the WeChat it is used from, so the mini-program signs it in with
 * wx.login next time. Opening the app may already have made a bare farmer account for this
 * WeChat; one with no household is let go, anything else keeps its WeChat.
 */
export async function linkWechat(deps: Deps, tx: EntityManager, actor: Actor, openid: string): Promise<{ wechatLinked: true }> {
  const holder = await findAccountByOpenid(tx, openid);
  if (holder && holder.id !== actor.accountId) {
    if (holder.role !== "farmer" || holder.householdId !== null) {
      throw new AppError(409, "wechat_already_linked", "这个微信已经绑定了别的账号，请换一个微信或联系县农业农村局");
    }
    await updateAccount(tx, holder.id, { wechatOpenid: null });
  }
  await updateAccount(tx, actor.accountId, { wechatOpenid: openid });
  await recordAudit(tx, {
    at: deps.clock.now(),
    actorId: actor.accountId,
    action: "account.wechat_linked",
    subjectType: "account",
    subjectId: actor.accountId,
  });
  return { wechatLinked: true as const };
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
    mustChangePassword: account.mustChangePassword,
  };
}
