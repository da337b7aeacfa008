import { describe, expect, it } from "vitest";
import {
  AWAITING_OPINION,
  checkMove,
  MOVES,
  OPEN_STATUSES,
  OPINIONS_NEEDING_REASON,
  REPORT_STATUSES,
  type ReportAction,
  type ReportStatus,
} from "../../src/domain/report/lifecycle.js";
import { ROLES, type Role } from "../../src/domain/roles.js";

/**
 * The whole move table, written out from DESIGN.md ("The report's life") rather than read
 * from MOVES, so that a changed role or state anywhere in MOVES fails here.
 */
const TABLE: Record<ReportAction, { from: ReportStatus[]; to: ReportStatus; roles: Role[] }> = {
  accept: { from: ["received"], to: "accepted", roles: ["village_cadre", "township", "admin"] },
  visit: { from: ["accepted", "visited"], to: "visited", roles: ["village_cadre", "township", "admin", "grid_worker"] },
  // issue 15: never admin; which report each may answer is mayGiveOpinion (tests/reports/opinion-roles.test.ts)
  give_opinion: { from: ["accepted", "visited", "transferred"], to: "opinion_given", roles: ["village_cadre", "township", "county", "department"] },
  transfer: { from: ["received", "accepted", "visited"], to: "transferred", roles: ["village_cadre", "township", "admin"] },
  take_over: { from: ["received", "accepted", "visited", "transferred"], to: "transferred", roles: ["county"] },
  // issue 14: a report whose receiver let its clock run out goes back to the village (maySendBack says which)
  send_back: { from: ["transferred"], to: "accepted", roles: ["county"] },
  withdraw: { from: ["received", "accepted", "visited"], to: "withdrawn", roles: ["farmer", "grid_worker", "village_cadre", "department"] },
  close: { from: ["opinion_given"], to: "closed", roles: ["village_cadre", "township", "admin", "county"] },
};

describe("every move, every state, every role", () => {
  // fails if: any role gains or loses a move, or a move starts from another state.
  it.each(Object.keys(TABLE) as ReportAction[])("%s", (action) => {
    const row = TABLE[action];
    for (const role of ROLES) {
      for (const from of REPORT_STATUSES) {
        const expected = !row.roles.includes(role)
          ? { ok: false, reason: "role" }
          : !row.from.includes(from)
            ? { ok: false, reason: "state" }
            : { ok: true, to: row.to };
        expect(checkMove(action, from, role), `${action} from ${from} by ${role}`).toEqual(expected);
      }
    }
    expect(Object.keys(MOVES).sort()).toEqual(Object.keys(TABLE).sort());
  });

  it("the 5-day clock runs while a report waits for an opinion, transferred included", () => {
    expect([...AWAITING_OPINION].sort()).toEqual(["accepted", "received", "transferred", "visited"]);
  });

  it("a new lead is attached to a report until it is closed or withdrawn", () => {
    expect([...OPEN_STATUSES].sort()).toEqual(["accepted", "opinion_given", "received", "transferred", "visited"]);
  });

  it("refusing or transferring needs a reason the household can read; the other opinions do not", () => {
    expect([...OPINIONS_NEEDING_REASON].sort()).toEqual(["not_eligible", "transferred"]);
  });
});
