import type { Actor } from "./access.js";
import { areaContains, areaLevel, isAreaCode } from "./area-code.js";
import { VILLAGE_STAFF_ROLES } from "./roles.js";

/**
 * Who may tie a village WeChat group to a village (issue: group-binding hijack): the
 * village's own staff or the county above it. The township, departments and the system
 * administrator may not: a binding decides whose questions the bot answers with which
 * village's policy, and where the village's invitations point.
 *
 * Whether the actor may bind a group to this village, or unbind one of its groups.
 */
export function mayBindToVillage(actor: Actor, villageCode: string): boolean {
  if (!actor.areaCode) return false;
  if (VILLAGE_STAFF_ROLES.includes(actor.role)) return actor.areaCode === villageCode;
  return actor.role === "county" && areaLevel(actor.areaCode) === "county" && areaContains(actor.areaCode, villageCode);
}

/** Moving a bound group needs the right to both villages: only the county above both, in practice. */
export const mayMoveGroup = (actor: Actor, fromVillage: string, toVillage: string): boolean =>
  mayBindToVillage(actor, fromVillage) && mayBindToVillage(actor, toVillage);

/**
 * The short code staff send in the group ("绑定 100201"): the village's township and village
 * digits. It names a village only within a county, which is enough because only that
 * county's staff may use it; it grants nothing by itself.
 */
export const bindCodeOf = (villageCode: string): string => villageCode.slice(6);

/** The village a typed code means for this actor: a short code within the actor's county, or a full 12-digit code. */
export function villageOfBindCode(actor: Actor, code: string): string | null {
  if (isAreaCode(code)) return code;
  if (!/^\d{6}$/.test(code) || !actor.areaCode) return null;
  return actor.areaCode.slice(0, 6) + code;
}
