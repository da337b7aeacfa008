import type { EntityManager } from "typeorm";
import type { Actor } from "../domain/access.js";
import { isUnmatchedHousehold } from "../domain/household/identity.js";
import { mayConfirmHousehold } from "../domain/report/visibility.js";
import { AppError, conflict, notFound } from "../errors.js";
import type { Household } from "../db/entities/household.js";
import { findAccount, findHousehold, householdsWithPhone, updateAccount } from "../repositories/accounts.js";
import { recordAudit } from "../repositories/audit.js";
import { findHouseholdInVillage, insertReportEvent, updateReport } from "../repositories/reports.js";
import type { Deps } from "./deps.js";
import { phoneOf, visibleReport } from "./report-service.js";

/**
 * Linking an account to a household, which opens the household's reports to it. Only on proof:
 * the phone number WeChat has verified, or the village cadre's confirmation. A typed number
 * never links (report-service.ts makes such a report a case of its own).
 */
async function link(
  deps: Deps,
  tx: EntityManager,
  accountId: string,
  household: Household,
  by: "verified_phone" | "village",
  actorId: string,
  reportId?: string,
) {
  const account = await findAccount(tx, accountId);
  if (!account || account.role !== "farmer") throw new AppError(400, "reporter_not_farmer", "这条申报不是农户自己的微信提交的，不需要确认");
  if (account.householdId && account.householdId !== household.id) {
    throw conflict("account_has_household", "这个微信已经是另一户的了，请联系县农业农村局处理");
  }
  await updateAccount(tx, account.id, { householdId: household.id, displayName: household.headName });
  await recordAudit(tx, {
    at: deps.clock.now(),
    actorId,
    action: "account.household_linked",
    subjectType: "account",
    subjectId: account.id,
    detail: { householdId: household.id, by, ...(reportId ? { reportId } : {}) },
  });
}

/** A farmer proves their phone through WeChat (getPhoneNumber); the one household registered with it becomes theirs. */
export async function linkByVerifiedPhone(deps: Deps, tx: EntityManager, actor: Actor, verifiedPhone: string) {
  if (actor.role !== "farmer") throw new AppError(403, "phone_link_farmer_only", "只有农户需要验证手机号");
  const households = await householdsWithPhone(tx, deps.crypto.lookupHash(verifiedPhone));
  if (households.length === 0) {
    throw notFound("household_not_found", "还没有找到用这个手机号登记的家庭。可以先提交申报，再来验证；也可以请村委会确认");
  }
  if (households.length > 1) throw conflict("household_ambiguous", "这个手机号登记在好几户，请联系村委会确认您是哪一户");
  await link(deps, tx, actor.accountId, households[0], "verified_phone", actor.accountId);
  return { household: { id: households[0].id, headName: households[0].headName } };
}

/**
 * The village cadre confirms that the account which reported "myself" belongs to the household the
 * report names: the account is linked, and an unmatched case joins that household.
 */
export async function confirmReporterHousehold(deps: Deps, tx: EntityManager, actor: Actor, reportId: string) {
  const report = await visibleReport(deps, actor, reportId, tx);
  if (!mayConfirmHousehold(actor, report)) throw new AppError(403, "confirm_household_forbidden", "只有本村的村干部可以确认申报人是哪一户");
  if (report.relation !== "self" || !report.reporterAccountId) {
    throw new AppError(400, "not_self_report", "这条申报不是本人申报的，不需要确认");
  }
  const phone = phoneOf(deps, report);
  const idNumber = report.idNumberSealed ? deps.crypto.decrypt(report.idNumberSealed) : null;
  const named = await findHouseholdInVillage(tx, report.villageCode, {
    headName: report.householdName,
    idHash: idNumber ? deps.crypto.lookupHash(idNumber) : null,
    phoneHash: phone ? deps.crypto.lookupHash(phone) : null,
  });
  const current = await findHousehold(tx, report.householdId);
  const household = named ?? current;
  if (!household) throw notFound("household_not_found", "没有找到这条申报所说的那一户");
  const now = deps.clock.now();
  if (current && household.id !== current.id && isUnmatchedHousehold(current)) {
    // the case keeps its own open key: two open reports of one household are for the village to merge
    await updateReport(tx, report.id, { householdId: household.id, updatedAt: now });
  }
  await link(deps, tx, report.reporterAccountId, household, "village", actor.accountId, report.id);
  await insertReportEvent(tx, {
    reportId: report.id,
    at: now,
    actorId: actor.accountId,
    actorRole: actor.role,
    action: "household_confirmed",
    fromStatus: null,
    toStatus: null,
    note: "村委会确认了申报人是这一户的人",
    internal: true,
  });
}
