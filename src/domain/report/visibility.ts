import { canSeeArea, type Actor } from "../access.js";
import { isOverdue, type ClockFacts } from "./overdue.js";
import { VILLAGE_STAFF_ROLES, type Role } from "../roles.js";

/** What the visibility rules read of a report. */
export interface ReportPlace {
  villageCode: string;
  householdId: string | null;
  reporterAccountId: string | null;
}

/** Whether the actor may see this report at all (others are told it does not exist). */
export function canSeeReport(actor: Actor, r: ReportPlace): boolean {
  if (actor.role === "farmer") return r.reporterAccountId === actor.accountId || (actor.householdId !== null && r.householdId === actor.householdId);
  return canSeeArea(actor, r.villageCode);
}

/**
 * A farmer's "myself" report on a household their account is not linked to: the typed number
 * is no proof, so the report is a case of its own until the village confirms (or WeChat's
 * verified phone links the account).
 */
export const isUnprovenSelfReport = (actor: Actor, relation: string, householdId: string): boolean =>
  actor.role === "farmer" && relation === "self" && actor.householdId !== householdId;

/** The household key prefix of an unmatched case: never equal to a number's key, so never found by one. */
export const UNMATCHED_KEY_PREFIX = "u:";
export const isUnmatchedHousehold = (h: { matchKey: string }): boolean => h.matchKey.startsWith(UNMATCHED_KEY_PREFIX);

/** Only the village's cadre confirms that a reporting account belongs to a household (audited). */
export const mayConfirmHousehold = (actor: Actor, r: Pick<ReportPlace, "villageCode">): boolean =>
  actor.role === "village_cadre" && actor.areaCode === r.villageCode;

/** What the opinion rule reads of a report: who holds it now, and its clock (overdue means escalated). */
export interface OpinionPlace extends ClockFacts {
  transferredTo: string | null;
}

/** `transferredTo` of a report the county took over. */
export const COUNTY_HOLDS = "county";

/**
 * Who may give the handling opinion (issue 15): the village; the township on a report it has taken
 * over (transferred to it, or overdue while still with the village); a department only on a report transferred to
 * it; the county only on a report it took over after an escalation; never admin or anyone else.
 * The state the report must be in is the lifecycle's (MOVES.give_opinion).
 */
export function mayGiveOpinion(actor: Actor, r: OpinionPlace, now: Date): boolean {
  switch (actor.role) {
    case "village_cadre":
      return true;
    case "township":
      // an overdue report still with the village is the township's to take over (not one a department or the county holds)
      return r.transferredTo === "township" || (r.transferredTo === null && isOverdue(r, now));
    case "department":
      return Boolean(actor.department) && r.transferredTo === actor.department;
    case "county":
      return r.transferredTo === COUNTY_HOLDS;
    default:
      return false;
  }
}

/** The county takes a report over only once it is overdue (escalated), and only once. */
export const mayTakeOver = (actor: Actor, r: OpinionPlace, now: Date): boolean =>
  actor.role === "county" && isOverdue(r, now) && r.transferredTo !== COUNTY_HOLDS;

/** Which relations each role may submit a report for. */
export const SUBMITTER_RELATIONS: Record<Role, readonly string[]> = {
  farmer: ["self", "family", "neighbour"],
  grid_worker: ["grid_worker", "self", "family", "neighbour"],
  village_cadre: ["cadre", "self", "family", "neighbour"],
  township: ["cadre"],
  // county staff load the departments' alert lists on their behalf
  county: ["cadre", "department"],
  department: ["department"],
  admin: ["cadre", "department"],
};

/** Roles that may reveal a household's full numbers, and only in their own village (audited). */
export const mayRevealNumbers = (actor: Actor, r: Pick<ReportPlace, "villageCode">): boolean =>
  VILLAGE_STAFF_ROLES.includes(actor.role) && actor.areaCode === r.villageCode;

/** How a field is shown: in full, masked, or not at all. */
export type Showing = "plain" | "masked" | "hidden";
export type Viewer = "staff" | "staff_revealing" | "household";

/**
 * Role × field: how each of a report's personal fields is shown to whom. A new field is one
 * row here; the service masks by it.
 */
export const FIELD_VISIBILITY = {
  householdName: { staff: "plain", staff_revealing: "plain", household: "masked" },
  phone: { staff: "masked", staff_revealing: "plain", household: "masked" },
  idNumber: { staff: "masked", staff_revealing: "plain", household: "masked" },
  staffNote: { staff: "plain", staff_revealing: "plain", household: "hidden" },
  internalEvents: { staff: "plain", staff_revealing: "plain", household: "hidden" },
} as const satisfies Record<string, Record<Viewer, Showing>>;

export type ReportField = keyof typeof FIELD_VISIBILITY;

export const viewerOf = (actor: Actor, revealing: boolean): Viewer => (actor.role === "farmer" ? "household" : revealing ? "staff_revealing" : "staff");

export const showing = (field: ReportField, viewer: Viewer): Showing => FIELD_VISIBILITY[field][viewer];

/** A field's value as this viewer sees it; `mask` is the field's masking. */
export function shown<T extends string | null>(field: ReportField, viewer: Viewer, value: T, mask: (v: string) => string): T | string | null {
  const how = showing(field, viewer);
  if (how === "hidden") return null;
  if (how === "masked" && value !== null) return mask(value);
  return value;
}
