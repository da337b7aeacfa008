import { describe, expect, it } from "vitest";
import { checkMove, MOVES, REPORT_STATUSES, type ReportAction } from "../../src/domain/report/lifecycle.js";
import { ROLES } from "../../src/domain/roles.js";
import { idNumberProblem, idNumberCheckChar } from "../../src/domain/id-number.js";
import { maskIdNumber, maskPhone } from "../../src/domain/masking.js";

describe("the report's life", () => {
  it.each([
    ["accept", "received", "village_cadre", "accepted"],
    ["visit", "accepted", "village_cadre", "visited"],
    ["give_opinion", "visited", "village_cadre", "opinion_given"],
    ["give_opinion", "accepted", "township", "opinion_given"],
    ["transfer", "received", "village_cadre", "transferred"],
    ["give_opinion", "transferred", "department", "opinion_given"],
    ["withdraw", "accepted", "farmer", "withdrawn"],
    ["close", "opinion_given", "county", "closed"],
  ] as const)("%s from %s by %s → %s", (action, from, role, to) => {
    expect(checkMove(action, from, role)).toEqual({ ok: true, to });
  });

  it("refuses every move from a state it does not start from", () => {
    for (const action of Object.keys(MOVES) as ReportAction[]) {
      for (const from of REPORT_STATUSES.filter((s) => !MOVES[action].from.includes(s))) {
        const role = MOVES[action].roles[0];
        expect(checkMove(action, from, role), `${action} from ${from}`).toEqual({ ok: false, reason: "state" });
      }
    }
  });

  it("a farmer can only withdraw; a grid worker cannot accept or give an opinion", () => {
    for (const action of ["accept", "visit", "give_opinion", "transfer", "close"] as const) expect(checkMove(action, "received", "farmer").ok).toBe(false);
    expect(checkMove("accept", "received", "grid_worker")).toEqual({ ok: false, reason: "role" });
    expect(checkMove("give_opinion", "visited", "grid_worker")).toEqual({ ok: false, reason: "role" });
  });

  it("no move leaves withdrawn or closed", () => {
    for (const action of Object.keys(MOVES) as ReportAction[]) {
      for (const role of ROLES) {
        expect(checkMove(action, "withdrawn", role).ok).toBe(false);
        expect(checkMove(action, "closed", role).ok).toBe(false);
      }
    }
  });
});

describe("ID numbers (GB 11643)", () => {
  const today = new Date("2026-11-24T00:00:00Z");
  it.each([
    ["a valid number with X check character", "11010519491231002X", null],
    ["a valid number with a digit check character", "110101199003074573", null],
    ["lower-case x is not accepted as is (the schema upper-cases it)", "11010519491231002x", "length"],
    ["17 digits", "11010519491231002", "length"],
    ["a wrong check digit", "110105194912310021", "check_digit"],
    ["30 February", "110105194902300026", "birth_date"],
    ["born in the future", "110105203001010025", "birth_date"],
  ])("%s", (_why, id, problem) => {
    expect(idNumberProblem(id, today)).toBe(problem);
  });

  it("computes the check character", () => expect(idNumberCheckChar("11010519491231002")).toBe("X"));
});

describe("masking", () => {
  it("shows the area and the last four digits of an ID number", () => expect(maskIdNumber("231226198001011234")).toBe("231226********1234"));
  it("shows the first three and last four digits of a phone", () => expect(maskPhone("13812345678")).toBe("138****5678"));
});
