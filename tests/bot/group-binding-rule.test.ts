import { describe, expect, it } from "vitest";
import type { Actor } from "../../src/domain/access.js";
import { bindCodeOf, mayBindToVillage, mayMoveGroup, villageOfBindCode } from "../../src/domain/group-binding.js";
import type { Role } from "../../src/domain/roles.js";

const A = "231226105200"; // a village of 绥棱县
const B = "231226101201"; // another township's village, same county
const HUNAN = "430503001001";
const actor = (role: Role, areaCode: string | null): Actor => ({ accountId: role, role, areaCode, householdId: null });

describe("who may bind a WeChat group to a village", () => {
  it.each([
    ["the village's cadre", actor("village_cadre", A), A, true],
    ["the village's grid worker", actor("grid_worker", A), A, true],
    ["a cadre of the neighbouring village", actor("village_cadre", B), A, false],
    ["the county above it", actor("county", "231226000000"), A, true],
    ["another county", actor("county", "430503000000"), A, false],
    ["another county, for its own village", actor("county", "430503000000"), HUNAN, true],
    ["the township above it", actor("township", "231226105000"), A, false],
    ["a department of the county", actor("department", "231226000000"), A, false],
    ["the system administrator", actor("admin", null), A, false],
    ["a county account mis-scoped to a township", actor("county", "231226105000"), A, false],
  ] as const)("%s: %s", (_who, who, village, expected) => {
    // fails if: the rule falls back to area reach (canSeeArea) instead of village staff or county
    expect(mayBindToVillage(who, village)).toBe(expected);
  });

  // fails if: moving a group checks only the village it goes to (tried: mayMoveGroup without the from-village check).
  it("a move needs the right to both villages", () => {
    expect(mayMoveGroup(actor("county", "231226000000"), B, A)).toBe(true);
    expect(mayMoveGroup(actor("grid_worker", A), B, A)).toBe(false);
    expect(mayMoveGroup(actor("county", "430503000000"), A, HUNAN)).toBe(false);
  });
});

describe("the short bind code", () => {
  it("is the township and village digits, read back within the sender's county", () => {
    expect(bindCodeOf(A)).toBe("105200");
    expect(villageOfBindCode(actor("village_cadre", A), "105200")).toBe(A);
    expect(villageOfBindCode(actor("county", "430503000000"), "105200")).toBe("430503105200");
    expect(villageOfBindCode(actor("county", "231226000000"), A)).toBe(A); // the 12-digit code as it is
    expect(villageOfBindCode(actor("county", "231226000000"), "10520")).toBeNull();
    expect(villageOfBindCode(actor("admin", null), "105200")).toBeNull();
  });
});
