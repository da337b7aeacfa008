import { describe, expect, it } from "vitest";
import { isSameHousehold, matchKeyOf, type HouseholdIdentity } from "../../src/domain/household/identity.js";

const h = (headName: string, idHash: string | null, phoneHash: string | null): HouseholdIdentity => ({ headName, idHash, phoneHash });

describe("the one household rule", () => {
  // fails if: the rule matches by phone alone, by name alone, or ignores the ID number
  it.each([
    ["same ID number, names written differently", h("钱满仓", "id1", null), h("钱满苍", "id1", "p9"), true],
    ["same head's name and household phone", h("钱满仓", null, "p1"), h("钱满仓", null, "p1"), true],
    ["spaces and full-width letters in the name mean nothing", h("钱 满仓", null, "p1"), h("钱满仓 ", null, "p1"), true],
    ["same phone, another head (a shared phone, a neighbour's phone)", h("钱满仓", null, "p1"), h("王福贵", null, "p1"), false],
    ["same name, no phone", h("钱满仓", null, null), h("钱满仓", null, null), false],
    ["same name, different phones", h("钱满仓", null, "p1"), h("钱满仓", null, "p2"), false],
    ["different ID numbers, same name and phone", h("钱满仓", "id1", "p1"), h("钱满仓", "id2", "p1"), true],
  ])("%s", (_title, a, b, same) => {
    expect(isSameHousehold(a, b)).toBe(same);
  });

  // fails if: two first reports of one household could race to two rows (no key), or a shared phone keys two households alike
  it("the unique key: ID number first, else name and phone; none for a household known by name alone", () => {
    expect(matchKeyOf(h("钱满仓", "id1", "p1"))).toBe("i:id1");
    expect(matchKeyOf(h("钱满仓", null, "p1"))).toMatch(/^n:[0-9a-f]{64}$/);
    expect(matchKeyOf(h("钱满仓", null, "p1"))).toBe(matchKeyOf(h("钱 满仓", null, "p1")));
    expect(matchKeyOf(h("王福贵", null, "p1"))).not.toBe(matchKeyOf(h("钱满仓", null, "p1")));
    expect(matchKeyOf(h("钱满仓", null, null))).toBeNull();
  });
});
