import { canSeeArea, type Actor } from "../access.js";
import { isOverdue, type ClockFacts } from "./overdue.js";
import { MOVES } from "./lifecycle.js";
import type { Role } from "../roles.js";

/** What the visibility rules read of a report. */
export interface ReportPlace {
  villageCode: string;
  householdId: string | null;
  reporterAccountId: string | null;
  transferredTo?: string | null;
  /** The departments whose alert lists raised this report (loaded only when a department asks). */
  raisedBy?: readonly string[];
}

/** Whether the actor may see this report at all (others are told it does not exist). */
export function canSeeReport(actor: Actor, r: ReportPlace): boolean {
  if (actor.role === "farmer") return r.reporterAccountId === actor.accountId || isHouseholdOf(actor, r);
  const lane = departmentLane(actor);
  if (lane !== null && r.transferredTo !== lane.department && !(r.raisedBy ?? []).includes(lane.department) && r.reporterAccountId !== lane.accountId)
    return false;
  return canSeeArea(actor, r.villageCode);
}

/** What limits a department account's view: its department, and the account (for what it filed itself). */
export interface DepartmentLane {
  department: string;
  accountId: string;
}

/**
 * A department works in its lane (issue 14 item 3): within its area it sees only the reports its
 * own alert lists raised (or it filed itself) and those transferred to it. Returns the lane, or
 * null for everyone else; a department account without a department sees only what it filed.
 * The repositories turn the same lane into SQL (reports.ts, the queue's `department` filter).
 */
export const departmentLane = (actor: Actor): DepartmentLane | null =>
  actor.role === "department" ? { department: actor.department ?? "", accountId: actor.accountId } : null;

/** The household itself: a farmer account linked (on proof, household-link.ts) to the report's household. */
export const isHouseholdOf = (actor: Actor, r: Pick<ReportPlace, "householdId">): boolean =>
  actor.role === "farmer" && actor.householdId !== null && r.householdId === actor.householdId;

/**
 * Who may withdraw a report: the household until the opinion; a farmer who reported for another
 * household only before it is accepted (after that the village works for the household, not for
 * them); staff who recorded it on the household's request, as the lifecycle allows.
 */
export function withdrawRefusal(actor: Actor, r: ReportPlace & { status: string }): "not_reporter" | "accepted_already" | null {
  if (isHouseholdOf(actor, r)) return null;
  if (r.reporterAccountId !== actor.accountId) return "not_reporter";
  return actor.role === "farmer" && r.status !== "received" ? "accepted_already" : null;
}

/** How far a report got, as a farmer who reported for another household is told it (no transfers, visits or opinions). */
export const REPORTER_STAGES = ["received", "accepted", "answered", "closed", "withdrawn"] as const;
export type ReporterStage = (typeof REPORTER_STAGES)[number];

export const REPORTER_STAGE_LABELS: Record<ReporterStage, string> = {
  received: "已收到，等待村委会受理",
  accepted: "村委会已受理，正在核实",
  answered: "村委会已答复这户人家",
  closed: "已办结",
  withdrawn: "已撤回",
};

const STAGE_OF: Record<string, ReporterStage> = {
  received: "received",
  accepted: "accepted",
  visited: "accepted",
  transferred: "accepted",
  opinion_given: "answered",
  closed: "closed",
  withdrawn: "withdrawn",
};

export const reporterStageOf = (status: string): ReporterStage => STAGE_OF[status] ?? "accepted";

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

/** Whether the actor may give the opinion on this report now: theirs to answer, and in a state that takes an opinion. */
export const mayGiveOpinionNow = (actor: Actor, r: OpinionPlace, now: Date): boolean =>
  mayGiveOpinion(actor, r, now) && MOVES.give_opinion.from.includes(r.status);

/**
 * The county takes a report over once its clock ran out: the village's (escalated), or the
 * 5-day clock of the township or department it was transferred to; and only once.
 */
export const mayTakeOver = (actor: Actor, r: OpinionPlace, now: Date): boolean =>
  actor.role === "county" && isOverdue(r, now) && r.transferredTo !== COUNTY_HOLDS;

/** Or the county sends a report whose receiver let the clock run out back to the village, with a new 5-day clock. */
export const maySendBack = (actor: Actor, r: OpinionPlace, now: Date): boolean =>
  actor.role === "county" && r.transferredTo !== null && r.transferredTo !== COUNTY_HOLDS && isOverdue(r, now);

/** What the reveal rule reads of a report: where it is, who holds it, its clock, and the role that accepted it. */
export interface RevealPlace extends OpinionPlace {
  villageCode: string;
  acceptedByRole: string | null;
}

/**
 * Whether the actor may reveal a household's full numbers (audited): the village's own staff in
 * their village; the township on a report of its villages that it has taken over — accepted by a
 * township account, transferred to the township, or overdue while the village or township holds it
 * (issue 14 item 3). Then the township must reach the household, by phone. The county on any
 * report of its area.
 */
export function mayRevealNumbers(actor: Actor, r: RevealPlace, now: Date): boolean {
  const viewer = ROLE_VIEWER[actor.role];
  if (viewer === "village_staff") return actor.areaCode === r.villageCode;
  // the county sees all its villages' reports; it reveals on any, audited like everyone's reveal (issue 14 item 3)
  if (viewer === "county") return canSeeArea(actor, r.villageCode);
  if (viewer !== "township" || !canSeeArea(actor, r.villageCode)) return false;
  return (
    r.transferredTo === "township" || r.acceptedByRole === "township" || ((r.transferredTo === null || r.transferredTo === "township") && isOverdue(r, now))
  );
}

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

/** How a field is shown: in full, masked, or not at all. */
export type Showing = "plain" | "masked" | "hidden";

/**
 * Who looks: the village's own staff (cadres, grid workers; revealing = they asked for the full
 * numbers, audited), the township (revealing on a report it has taken over, audited), county,
 * department and admin staff, the household, a farmer who reported for another household
 * (`reporter`: only what they told us and how far it got), and the
 * Excel ledger (a file that travels: masked, or in full for the national system — chosen, with a
 * reason, audited).
 */
export const VIEWERS = [
  "village_staff",
  "village_staff_revealing",
  "township",
  "township_revealing",
  "county",
  "county_revealing",
  "department",
  "admin",
  "household",
  "reporter",
  "ledger",
  "ledger_full",
] as const;
export type Viewer = (typeof VIEWERS)[number];

/** A field every staff viewer and both ledgers read in full; the household as given; never a proxy reporter. */
const staffReadInFull = (household: Showing) =>
  ({
    village_staff: "plain",
    village_staff_revealing: "plain",
    township: "plain",
    township_revealing: "plain",
    county: "plain",
    county_revealing: "plain",
    department: "plain",
    admin: "plain",
    household,
    reporter: "hidden",
    ledger: "plain",
    ledger_full: "plain",
  }) as const satisfies Record<Viewer, Showing>;

/**
 * Role × field: how each of a report's personal fields is shown to whom. The village and the
 * township read the head's name in full (they must find the house); numbers stay masked until
 * the village's own staff, or the township on a report it has taken over, reveal them. A new field or viewer is one row or column here.
 */
export const FIELD_VISIBILITY = {
  householdName: {
    village_staff: "plain",
    village_staff_revealing: "plain",
    township: "plain",
    township_revealing: "plain",
    county: "masked",
    county_revealing: "plain",
    // a department works its own alerts and transfers: it must know whose house it is
    department: "plain",
    admin: "masked",
    household: "masked",
    reporter: "plain",
    ledger: "masked",
    ledger_full: "plain",
  },
  phone: {
    village_staff: "masked",
    village_staff_revealing: "plain",
    township: "masked",
    township_revealing: "plain",
    county: "masked",
    county_revealing: "plain",
    department: "masked",
    admin: "masked",
    household: "masked",
    reporter: "hidden",
    ledger: "masked",
    // the national system matches on the ID number; the phone is not needed there
    ledger_full: "masked",
  },
  idNumber: {
    village_staff: "masked",
    village_staff_revealing: "plain",
    township: "masked",
    township_revealing: "plain",
    county: "masked",
    county_revealing: "plain",
    department: "masked",
    admin: "masked",
    household: "masked",
    reporter: "hidden",
    ledger: "masked",
    ledger_full: "plain",
  },
  staffNote: staffReadInFull("hidden"),
  // the household reads its identification in plain words only: no recorder, objection or announcement
  identification: staffReadInFull("masked"),
  // the opinion's reason and the risk types others added later are the household's and the staff's, not a proxy's
  opinionReason: staffReadInFull("plain"),
  riskTypesAdded: staffReadInFull("plain"),
} as const satisfies Record<string, Record<Viewer, Showing>>;

export type ReportField = keyof typeof FIELD_VISIBILITY;

/** The viewer a revealing request turns into; only these viewers may reveal (mayRevealNumbers says on which reports). */
const REVEALING: Partial<Record<Viewer, Viewer>> = { village_staff: "village_staff_revealing", township: "township_revealing", county: "county_revealing" };

const ROLE_VIEWER: Record<Role, Viewer> = {
  farmer: "household",
  grid_worker: "village_staff",
  village_cadre: "village_staff",
  township: "township",
  county: "county",
  department: "department",
  admin: "admin",
};

/** The viewer a farmer is for one report: the household itself, or someone who reported for it. */
export const viewerOfReport = (actor: Actor, r: Pick<ReportPlace, "householdId">, revealing: boolean): Viewer =>
  actor.role === "farmer" && !isHouseholdOf(actor, r) ? "reporter" : viewerOf(actor, revealing);

export const viewerOf = (actor: Actor, revealing: boolean): Viewer => {
  const viewer = ROLE_VIEWER[actor.role];
  return revealing ? (REVEALING[viewer] ?? viewer) : viewer;
};

/** Roles that may export the ledger with full names and ID numbers (with a reason, audited): the county files with the national system. */
export const FULL_LEDGER_ROLES: readonly Role[] = ["county"];

export const showing = (field: ReportField, viewer: Viewer): Showing => FIELD_VISIBILITY[field][viewer];

/** A field's value as this viewer sees it; `mask` is the field's masking. */
export function shown<T extends string | null>(field: ReportField, viewer: Viewer, value: T, mask: (v: string) => string): T | string | null {
  const how = showing(field, viewer);
  if (how === "hidden") return null;
  if (how === "masked" && value !== null) return mask(value);
  return value;
}
