import { randomInt } from "node:crypto";
import type { Actor } from "../domain/access.js";
import { canSeeArea } from "../domain/access.js";
import { areaLevel, type AreaLevel } from "../domain/area-code.js";
import { maskPhone } from "../domain/masking.js";
import { ROLE_LABELS, ROLE_RANK, type Role } from "../domain/roles.js";
import { AppError, badRequest, conflict, notFound } from "../errors.js";
import { AccountEntity, type Account } from "../db/entities/account.js";
import type { EntityManager } from "typeorm";
import type { StaffCreateInput, StaffListQuery, StaffPatchInput } from "../contracts/staff.js";
import { findAccount, findAccountByPhoneHash, insertAccount, updateAccount } from "../repositories/accounts.js";
import { areaNames, findArea } from "../repositories/areas.js";
import { recordAudit } from "../repositories/audit.js";
import { areaRange } from "../repositories/reports.js";
import { hashPassword } from "../security/password.js";
import type { Deps } from "./deps.js";
import { ONE_TIME_PASSWORD_HOURS } from "./auth-service.js";
import { In } from "typeorm";
import { BotContactEntity } from "../db/entities/bot.js";
import { deleteThrottle } from "../repositories/sign-in-throttle.js";

/** How far up the ladder a role stands: nobody gives a role above their own. */

/** The level of area each role is scoped to. */
const AREA_LEVEL: Partial<Record<Role, AreaLevel>> = {
  grid_worker: "village",
  village_cadre: "village",
  township: "township",
  county: "county",
  department: "county",
};

// No 0/O, 1/l/I: a one-time password is read off a screen and typed on a phone.
const PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
const oneTimePasswordExpiry = (deps: Deps) => new Date(deps.clock.now().getTime() + ONE_TIME_PASSWORD_HOURS * 3600_000);
export const oneTimePassword = (): string => Array.from({ length: 12 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join("");

/** Whether an account has linked WeChat: the bot's notices and reminders reach only those who have. */
async function linkedContacts(deps: Deps, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await deps.db.getRepository(BotContactEntity).find({ where: { accountId: In(ids) }, select: { accountId: true } });
  return new Set(rows.map((r) => r.accountId));
}

function view(deps: Deps, a: Account, names: Map<string, string>, linked: Set<string>) {
  const now = deps.clock.now();
  return {
    id: a.id,
    role: a.role,
    roleLabel: ROLE_LABELS[a.role],
    displayName: a.displayName,
    area: a.areaCode ? { code: a.areaCode, name: names.get(a.areaCode) ?? "" } : null,
    department: a.department,
    phone: a.phoneSealed ? maskPhone(deps.crypto.decrypt(a.phoneSealed)) : "",
    locked: a.disabled,
    lockedUntil: a.lockedUntil && a.lockedUntil.getTime() > now.getTime() ? a.lockedUntil.toISOString() : null,
    // the bot's private notices (new reports, reminders) go to a linked WeChat only
    wechatLinked: linked.has(a.id),
    // the mini-program signs it in by WeChat
    miniProgramLinked: a.wechatOpenid !== null,
    mustChangePassword: a.mustChangePassword,
    createdAt: a.createdAt.toISOString(),
  };
}

async function checkScope(deps: Deps, actor: Actor, role: Role, areaCode: string, department: string | null | undefined) {
  if (ROLE_RANK[role] > ROLE_RANK[actor.role]) throw new AppError(403, "role_above_own", "不能设置比自己级别高的角色");
  if (!canSeeArea(actor, areaCode)) throw new AppError(403, "area_forbidden", "只能把账号设在自己负责的区域内");
  const area = await findArea(deps.db, areaCode);
  if (!area) throw badRequest("area_unknown", "没有这个区划代码");
  const level = AREA_LEVEL[role];
  const levelLabel: Record<AreaLevel, string> = { province: "省", city: "市", county: "县", township: "乡镇", village: "村" };
  if (level && areaLevel(areaCode) !== level) throw badRequest("area_level_mismatch", `${ROLE_LABELS[role]}的账号应设在${levelLabel[level]}一级`);
  if (role === "department" && !department) throw badRequest("department_required", "行业部门的账号请选择具体部门");
}

/** Staff accounts in the actor's area (their own included). */
export async function listStaff(deps: Deps, actor: Actor, q: StaffListQuery) {
  const scope = q.areaCode ?? (actor.role === "admin" ? null : actor.areaCode);
  if (scope && !canSeeArea(actor, scope)) throw notFound("area_not_found", "您负责的区域里没有这个地方");
  const qb = deps.db.getRepository(AccountEntity).createQueryBuilder("a").where("a.role <> :farmer", { farmer: "farmer" });
  if (scope) {
    const [low, high] = areaRange(scope);
    qb.andWhere("a.areaCode BETWEEN :low AND :high", { low, high });
  }
  if (q.role) qb.andWhere("a.role = :role", { role: q.role });
  const accounts = await qb.orderBy("a.areaCode", "ASC").addOrderBy("a.createdAt", "ASC").limit(1000).getMany();
  const names = await areaNames(
    deps.db,
    accounts.flatMap((a) => (a.areaCode ? [a.areaCode] : [])),
  );
  const linked = await linkedContacts(
    deps,
    accounts.map((a) => a.id),
  );
  return { items: accounts.map((a) => view(deps, a, names, linked)) };
}

/** Creates a staff account; the one-time password is shown once and never stored in clear. */
export async function createStaff(deps: Deps, tx: EntityManager, actor: Actor, input: StaffCreateInput) {
  await checkScope(deps, actor, input.role, input.areaCode, input.department);
  const phoneHash = deps.crypto.lookupHash(input.phone);
  if (await findAccountByPhoneHash(deps.db, phoneHash)) throw conflict("phone_taken", "这个手机号已经有账号了");
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const now = deps.clock.now();
  const account = await insertAccount(tx, {
    role: input.role,
    username: null,
    displayName: input.displayName,
    areaCode: input.areaCode,
    department: input.role === "department" ? (input.department ?? null) : null,
    householdId: null,
    phoneHash,
    phoneSealed: deps.crypto.encrypt(input.phone),
    passwordHash,
    mustChangePassword: true,
    passwordExpiresAt: oneTimePasswordExpiry(deps),
    wechatOpenid: null,
    createdAt: now,
  });
  await recordAudit(tx, {
    at: now,
    actorId: actor.accountId,
    action: "staff.created",
    subjectType: "account",
    subjectId: account.id,
    detail: { role: input.role, areaCode: input.areaCode },
  });
  const names = await areaNames(deps.db, [input.areaCode]);
  return { account: view(deps, account, names, new Set()), oneTimePassword: password };
}

/** Changes a staff account within the actor's area: name, role, area, password reset, lock. */
export async function updateStaff(deps: Deps, tx: EntityManager, actor: Actor, id: string, input: StaffPatchInput) {
  const target = await findAccount(tx, id);
  if (!target || target.role === "farmer" || !target.areaCode || !canSeeArea(actor, target.areaCode)) throw notFound("staff_not_found", "没有找到这个账号");
  if (ROLE_RANK[target.role] > ROLE_RANK[actor.role]) throw new AppError(403, "role_above_own", "不能修改比自己级别高的账号");
  if (target.id === actor.accountId && (input.locked !== undefined || input.role !== undefined || input.areaCode !== undefined)) {
    throw new AppError(403, "own_account", "不能锁定自己的账号，也不能改自己的角色和区域");
  }
  const role = input.role ?? target.role;
  const areaCode = input.areaCode ?? target.areaCode;
  const department = input.department !== undefined ? input.department : target.department;
  if (input.role || input.areaCode || input.department !== undefined) await checkScope(deps, actor, role, areaCode, department);

  const password = input.resetPassword ? oneTimePassword() : null;
  const patch: Partial<Account> = {};
  if (input.displayName) patch.displayName = input.displayName;
  if (input.role) patch.role = input.role;
  if (input.areaCode) patch.areaCode = input.areaCode;
  if (input.department !== undefined || input.role) patch.department = role === "department" ? department : null;
  if (password) {
    Object.assign(patch, {
      passwordHash: await hashPassword(password),
      mustChangePassword: true,
      passwordExpiresAt: oneTimePasswordExpiry(deps),
      failedSignIns: 0,
      lockedUntil: null,
    });
  }
  if (input.locked === true) patch.disabled = true;
  if (input.locked === false) Object.assign(patch, { disabled: false, failedSignIns: 0, lockedUntil: null });
  // A reset password or a disabled account ends every session it had.
  if (password || input.locked === true) patch.sessionEpoch = target.sessionEpoch + 1;

  await updateAccount(tx, id, patch);
  // Unlocking or a new password lifts a block on the phone's sign-in.
  if ((password || input.locked === false) && target.phoneHash) await deleteThrottle(tx, target.phoneHash);
  const changed = Object.keys(input).filter((k) => k !== "resetPassword");
  const action = input.resetPassword
    ? "staff.password_reset"
    : input.locked === true
      ? "staff.locked"
      : input.locked === false
        ? "staff.unlocked"
        : "staff.updated";
  await recordAudit(tx, { at: deps.clock.now(), actorId: actor.accountId, action, subjectType: "account", subjectId: id, detail: { changed } });
  // read inside the transaction: the change is not committed yet
  const updated = (await findAccount(tx, id))!;
  const names = await areaNames(deps.db, [updated.areaCode!]);
  const linked = await linkedContacts(deps, [updated.id]);
  return { account: view(deps, updated, names, linked), ...(password ? { oneTimePassword: password } : {}) };
}
