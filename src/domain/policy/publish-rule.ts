import type { Actor } from "../access.js";
import { NATIONAL, type RegionCode } from "./region.js";

/**
 * Who may publish a sheet for a region: an admin for any region; county staff
 * (县农业农村局) for their own province only, since a sheet speaks for a whole province;
 * national sheets only an admin.
 */
export function canPublishPolicy(actor: Actor, region: RegionCode): boolean {
  if (actor.role === "admin") return true;
  if (actor.role !== "county" || !actor.areaCode || region === NATIONAL) return false;
  return region === `${actor.areaCode.slice(0, 2)}0000`;
}
