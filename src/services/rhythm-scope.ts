import type { Actor } from "../domain/access.js";
import { countyOf, isAreaCode } from "../domain/area-code.js";
import { badRequest, forbidden } from "../errors.js";

/**
 * The county whose calendar a county or admin account works on: a county account its own,
 * an admin the one it names. Campaigns and rules of other counties are not found.
 */
export function countyOfActor(actor: Actor, requested?: string): string {
  if (actor.role === "admin") {
    if (!requested || !isAreaCode(requested)) throw badRequest("county_required", "请用 countyCode 指定是哪个县（12位区划代码）");
    return countyOf(requested);
  }
  if (actor.role !== "county" || !actor.areaCode) throw forbidden();
  return countyOf(actor.areaCode);
}
