import type { EntityManager } from "typeorm";
import type { Actor } from "../domain/access.js";
import { areaLevel, countyOf } from "../domain/area-code.js";
import { DEFAULT_NOTICE_TIME } from "../domain/notice-hours.js";
import { CountySettingEntity } from "../db/entities/county-setting.js";
import { badRequest, forbidden, notFound } from "../errors.js";
import type { CountySettingsInput } from "../contracts/county-settings.js";
import { findArea } from "../repositories/areas.js";
import { recordAudit } from "../repositories/audit.js";
import { rescheduleIdentificationReminders } from "../repositories/identification.js";
import type { Deps } from "./deps.js";

export interface CountySettingsView {
  county: { code: string; name: string };
  deadlineRule: "statutory" | "calendar";
  noticeTime: string;
  /** Whether its townships do the first review (乡镇初审) on the identification path. */
  townshipReview: boolean;
}

/** The county an officer works for, or the one an admin names; anyone else may not. */
async function countyFor(tx: EntityManager, actor: Actor, requested?: string) {
  let code: string | null = null;
  if (actor.role === "county" && actor.areaCode && areaLevel(actor.areaCode) === "county") code = actor.areaCode;
  else if (actor.role === "admin") {
    if (!requested) throw badRequest("county_required", "请选择区县（6位代码，如231226）");
    code = `${requested}000000`;
  }
  if (!code) throw forbidden("forbidden", "只有县农业农村局可以查看和修改本县设置");
  if (requested && code.slice(0, 6) !== requested) throw notFound("not_found", "没有找到这个区县");
  const area = await findArea(tx, code);
  if (!area) throw notFound("not_found", "没有找到这个区县");
  return area;
}

/** How a county counts the 5 days and when its night-time notices go out. */
export async function countySettings(deps: Deps, tx: EntityManager, actor: Actor, requested?: string): Promise<CountySettingsView> {
  const area = await countyFor(tx, actor, requested);
  const row = await tx.getRepository(CountySettingEntity).findOneBy({ countyCode: countyOf(area.code) });
  return {
    county: { code: area.code, name: area.name },
    deadlineRule: row?.deadlineRule ?? "statutory",
    noticeTime: row?.noticeTime ?? DEFAULT_NOTICE_TIME,
    townshipReview: row?.townshipReview ?? true,
  };
}

/**
 * Changes a county's settings, audited with the values before and after. A new deadline rule
 * applies to reports received from now on; deadlines already given to households stay.
 */
export async function updateCountySettings(
  deps: Deps,
  tx: EntityManager,
  actor: Actor,
  input: CountySettingsInput,
  requested?: string,
): Promise<CountySettingsView> {
  const before = await countySettings(deps, tx, actor, requested);
  const countyCode = countyOf(before.county.code);
  const after = { deadlineRule: input.deadlineRule, noticeTime: input.noticeTime, townshipReview: input.townshipReview ?? before.townshipReview };
  await tx.getRepository(CountySettingEntity).save({ countyCode, ...after });
  // the identification clocks count by the county's rule: the sweep recomputes its cases
  if (after.deadlineRule !== before.deadlineRule) await rescheduleIdentificationReminders(tx, deps.clock.now(), countyCode);
  await recordAudit(tx, {
    at: deps.clock.now(),
    actorId: actor.accountId,
    action: "county_setting.update",
    subjectType: "county",
    subjectId: countyCode,
    detail: { before: { deadlineRule: before.deadlineRule, noticeTime: before.noticeTime, townshipReview: before.townshipReview }, after },
  });
  return { ...before, ...after };
}
