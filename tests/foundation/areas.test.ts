import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { areaContains, areaLevel, normalizeAreaCode } from "../../src/domain/area-code.js";
import { canSeeArea, type Actor } from "../../src/domain/access.js";
import { testEngines } from "../helpers/databases.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";

describe("area codes", () => {
  it.each([
    ["230000000000", "province"],
    ["231200000000", "city"],
    ["231226000000", "county"],
    ["231226101000", "township"],
    ["231226101200", "village"],
  ] as const)("%s is a %s", (code, level) => expect(areaLevel(code)).toBe(level));

  it("pads short codes and refuses odd lengths", () => {
    expect(normalizeAreaCode("231226")).toBe("231226000000");
    expect(normalizeAreaCode("2312261")).toBeNull();
  });

  it("a township contains its villages but not its neighbour's", () => {
    expect(areaContains("231226101000", "231226101200")).toBe(true);
    expect(areaContains("231226101000", "231226103200")).toBe(false);
    expect(areaContains("231226000000", "430503001000")).toBe(false);
  });
});

describe("the access rule", () => {
  const actor = (role: Actor["role"], areaCode: string | null): Actor => ({ accountId: "a", role, areaCode, householdId: null });
  it.each([
    ["county sees a village in its county", actor("county", "231226000000"), "231226101200", true],
    ["county does not see another county", actor("county", "231226000000"), "430503100201", false],
    ["township sees its village", actor("township", "231226101000"), "231226101200", true],
    ["township does not see another township's village", actor("township", "231226101000"), "231226103200", false],
    ["cadre sees only their own village", actor("village_cadre", "231226101200"), "231226101201", false],
    ["a farmer sees no area", actor("farmer", null), "231226101200", false],
    ["admin sees everything", actor("admin", null), "430503100201", true],
  ] as const)("%s", (_name, a, code, expected) => expect(canSeeArea(a, code)).toBe(expected));
});

describe.each(testEngines())("areas API on %s", (engine) => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(engine);
  });
  afterAll(() => sys.close());

  it("gives a pilot county by its 6-digit code with its real name", async () => {
    const res = await sys.request().get("/api/areas/231226");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ code: "231226000000", name: "绥棱县", level: "county" });
    const hunan = await sys.request().get("/api/areas/430503000000");
    expect(hunan.body.name).toBe("大祥区");
  });

  it("lists a county's townships and a township's villages", async () => {
    const towns = await sys.request().get("/api/areas/231226/children");
    expect(towns.body.items.map((a: { name: string }) => a.name)).toContain("绥棱镇");
    const villages = await sys.request().get("/api/areas/231226100000/children");
    expect(villages.body.items.every((a: { level: string; parentCode: string }) => a.level === "village" && a.parentCode === "231226100000")).toBe(true);
    expect(villages.body.items.length).toBeGreaterThan(0);
  });

  it("an unknown code gets 404 and a malformed one 400", async () => {
    expect((await sys.request().get("/api/areas/999999")).status).toBe(404);
    const bad = await sys.request().get("/api/areas/12x");
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("区划代码");
  });
});
