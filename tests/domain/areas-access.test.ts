import { describe, expect, it } from "vitest";
import { canSeeArea, isStaff, type Actor } from "../../src/domain/access.js";
import { areaContains, areaLevel, areaPrefix, countyOf, isAreaCode, normalizeAreaCode, provinceOf, townshipOf } from "../../src/domain/area-code.js";

// 绥棱县 231226; 长山镇-like township 231226100; its village 231226100201; another township 231226101.
const COUNTY = "231226000000";
const TOWNSHIP = "231226100000";
const VILLAGE = "231226100201";
const SAME_TOWNSHIP_VILLAGE = "231226100202";
const OTHER_TOWNSHIP_VILLAGE = "231226101201";
const OTHER_COUNTY_VILLAGE = "430503100201";

describe("division codes", () => {
  it.each([
    ["23", "230000000000"],
    ["2312", "231200000000"],
    ["231226", COUNTY],
    ["231226100", TOWNSHIP],
    [VILLAGE, VILLAGE],
    ["2", null],
    ["23122", null],
    ["2312261002", null],
    ["2312261002011", null],
    ["23122a", null],
    [" 231226", null],
  ])("%s normalizes to %s", (code, expected) => expect(normalizeAreaCode(code)).toBe(expected));

  it.each([
    ["230000000000", "province"],
    ["231200000000", "city"],
    [COUNTY, "county"],
    [TOWNSHIP, "township"],
    [VILLAGE, "village"],
  ])("%s is a %s", (code, level) => expect(areaLevel(code)).toBe(level));

  it.each([
    ["230000000000", "23"],
    [COUNTY, "231226"],
    [TOWNSHIP, "231226100"],
    [VILLAGE, VILLAGE],
  ])("the significant digits of %s are %s", (code, prefix) => expect(areaPrefix(code)).toBe(prefix));

  it.each([
    [COUNTY, VILLAGE, true],
    [COUNTY, OTHER_TOWNSHIP_VILLAGE, true],
    [COUNTY, OTHER_COUNTY_VILLAGE, false],
    [TOWNSHIP, VILLAGE, true],
    [TOWNSHIP, SAME_TOWNSHIP_VILLAGE, true],
    [TOWNSHIP, OTHER_TOWNSHIP_VILLAGE, false],
    [VILLAGE, VILLAGE, true],
    [VILLAGE, SAME_TOWNSHIP_VILLAGE, false],
    [VILLAGE, TOWNSHIP, false],
    [TOWNSHIP, COUNTY, false],
  ])("%s contains %s: %s", (outer, inner, expected) => expect(areaContains(outer, inner)).toBe(expected));

  it("reads the province, county and township a village lies in", () => {
    expect(provinceOf(VILLAGE)).toBe("23");
    expect(countyOf(VILLAGE)).toBe(COUNTY);
    expect(townshipOf(VILLAGE)).toBe(TOWNSHIP);
  });

  it.each([
    [VILLAGE, true],
    ["23122610020", false],
    ["2312261002011", false],
    ["23122610020x", false],
    [`x${VILLAGE}`, false],
  ])("%s is a 12-digit code: %s", (code, ok) => expect(isAreaCode(code)).toBe(ok));
});

describe("who sees which area", () => {
  const actor = (role: Actor["role"], areaCode: string | null): Actor => ({ accountId: "a", role, areaCode, householdId: null });

  // fails if: a staff account sees past its own area, or a farmer sees an area at all.
  it.each([
    ["admin without an area", actor("admin", null), OTHER_COUNTY_VILLAGE, true],
    ["a county account, its village", actor("county", COUNTY), VILLAGE, true],
    ["a county account, another county", actor("county", COUNTY), OTHER_COUNTY_VILLAGE, false],
    ["a department, its county's village", actor("department", COUNTY), OTHER_TOWNSHIP_VILLAGE, true],
    ["a township account, its village", actor("township", TOWNSHIP), SAME_TOWNSHIP_VILLAGE, true],
    ["a township account, another township's village", actor("township", TOWNSHIP), OTHER_TOWNSHIP_VILLAGE, false],
    ["a cadre, their village", actor("village_cadre", VILLAGE), VILLAGE, true],
    ["a cadre, the next village", actor("village_cadre", VILLAGE), SAME_TOWNSHIP_VILLAGE, false],
    ["a grid worker, their township", actor("grid_worker", VILLAGE), TOWNSHIP, false],
    ["a farmer, even with an area", actor("farmer", VILLAGE), VILLAGE, false],
    ["a staff account without an area", actor("township", null), VILLAGE, false],
  ])("%s → %s", (_who, a, area, expected) => expect(canSeeArea(a, area)).toBe(expected));

  it("every role but the farmer is staff", () => {
    expect(isStaff(actor("farmer", null))).toBe(false);
    for (const role of ["grid_worker", "village_cadre", "township", "county", "department", "admin"] as const) expect(isStaff(actor(role, COUNTY))).toBe(true);
  });
});
