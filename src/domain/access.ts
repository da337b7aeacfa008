import { areaContains } from "./area-code.js";
import type { Role } from "./roles.js";

/** What the access rule needs to know about whoever is asking. */
export interface Actor {
  accountId: string;
  role: Role;
  /** The area a staff account is scoped to; a farmer's is their household's village. */
  areaCode: string | null;
  householdId: string | null;
  /** A department account's department (civil_affairs …); what is transferred to it. */
  department?: string | null;
}

/**
 * The one rule for who may see what: admin sees everything; staff see their own area
 * and what lies within it; a farmer sees only their own household.
 */
export function canSeeArea(actor: Actor, areaCode: string): boolean {
  if (actor.role === "admin") return true;
  if (actor.role === "farmer" || !actor.areaCode) return false;
  return areaContains(actor.areaCode, areaCode);
}

export const isStaff = (actor: Actor): boolean => actor.role !== "farmer";
