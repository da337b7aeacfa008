import { describe, expect, it } from "vitest";
import type { Actor } from "../../src/domain/access.js";
import { AWAITING_OPINION, FINISHED_STATUSES, OPEN_STATUSES } from "../../src/domain/report/lifecycle.js";
import { isOverdue, wasLate } from "../../src/domain/report/overdue.js";
import { timelineLabel } from "../../src/domain/report/timeline.js";
import { canSeeReport, mayRevealNumbers, shown, viewerOf } from "../../src/domain/report/visibility.js";

const at = (iso: string) => new Date(iso);
const cadre: Actor = { accountId: "c1", role: "village_cadre", areaCode: "231226100201", householdId: null };
const township: Actor = { accountId: "t1", role: "township", areaCode: "231226100", householdId: null };
const farmer: Actor = { accountId: "f1", role: "farmer", areaCode: "231226100201", householdId: "h1" };
const report = { villageCode: "231226100201", householdId: "h1", reporterAccountId: "other" };

describe("the report's status sets", () => {
  it("a finished report is neither open nor awaiting an opinion", () => {
    for (const s of FINISHED_STATUSES) {
      expect(OPEN_STATUSES).not.toContain(s);
      expect(AWAITING_OPINION).not.toContain(s);
    }
    // a transferred report still runs the 5-day clock
    expect(AWAITING_OPINION).toContain("transferred");
  });
});

describe("overdue and late", () => {
  const due = at("2026-03-08T16:00:00Z");
  it("a report still awaiting its opinion at the deadline is overdue; an answered one is not", () => {
    expect(isOverdue({ status: "transferred", dueAt: due, opinionAt: null, overdueAt: null }, due)).toBe(true);
    expect(isOverdue({ status: "accepted", dueAt: due, opinionAt: null, overdueAt: null }, at("2026-03-08T15:59:00Z"))).toBe(false);
    expect(isOverdue({ status: "withdrawn", dueAt: due, opinionAt: null, overdueAt: null }, due)).toBe(false);
  });
  it("an opinion given after the deadline is late in the ledger, even when the report is not overdue now", () => {
    const r = { status: "opinion_given" as const, dueAt: due, opinionAt: at("2026-03-09T01:00:00Z"), overdueAt: null };
    expect(isOverdue(r, at("2026-03-10T00:00:00Z"))).toBe(false);
    expect(wasLate(r, at("2026-03-10T00:00:00Z"))).toBe(true);
  });
});

describe("visibility, role × field", () => {
  // fails if: the household is shown its full phone (tried: FIELD_VISIBILITY's phone plain for the household).
  it("a farmer sees the household's own report with masked numbers and no staff notes", () => {
    expect(canSeeReport(farmer, report)).toBe(true);
    expect(canSeeReport(farmer, { ...report, householdId: "h2" })).toBe(false);
    const viewer = viewerOf(farmer, false);
    expect(shown("phone", viewer, "13912345678", () => "139****5678")).toBe("139****5678");
    expect(shown("householdName", viewer, "张德福", () => "张**")).toBe("张**");
    expect(shown("staffNote", viewer, "电话没人接", (n) => n)).toBeNull();
  });
  // fails if: a cadre may reveal another village's numbers (tried: mayRevealNumbers without the village check).
  it("the village's own staff may reveal numbers, the township not on a report the village holds; the village and township read the name in full, the county masked; numbers masked", () => {
    const held = {
      ...report,
      status: "accepted" as const,
      dueAt: at("2026-03-08T16:00:00Z"),
      opinionAt: null,
      overdueAt: null,
      transferredTo: null,
      acceptedByRole: "village_cadre",
    };
    const now = at("2026-03-05T02:00:00Z");
    expect(mayRevealNumbers(cadre, held, now)).toBe(true);
    // the township reveals only on a report it has taken over (tests/reports/department-lane.test.ts has the whole table)
    expect(mayRevealNumbers(township, held, now)).toBe(false);
    expect(mayRevealNumbers(cadre, { ...held, villageCode: "231226100202" }, now)).toBe(false);
    // the county reveals on its own area's reports only (audited by the caller)
    expect(mayRevealNumbers({ ...township, role: "county", areaCode: "231226" }, held, now)).toBe(true);
    expect(mayRevealNumbers({ ...township, role: "county", areaCode: "430503" }, held, now)).toBe(false);
    expect(shown("householdName", viewerOf(township, false), "张德福", () => "张**")).toBe("张德福");
    expect(shown("householdName", viewerOf(cadre, false), "张德福", () => "张**")).toBe("张德福");
    expect(shown("householdName", viewerOf({ ...township, role: "county", areaCode: "231226" }, false), "张德福", () => "张**")).toBe("张**");
    expect(shown("householdName", viewerOf(township, true), "张德福", () => "张**")).toBe("张德福");
    // a township that may reveal (mayRevealNumbers) reads the numbers in full; without revealing, masked
    expect(shown("idNumber", viewerOf(township, true), "231226199001011234", () => "masked")).toBe("231226199001011234");
    expect(shown("idNumber", viewerOf(township, false), "231226199001011234", () => "masked")).toBe("masked");
    expect(shown("idNumber", viewerOf(cadre, true), "231226199001011234", () => "masked")).toBe("231226199001011234");
    expect(shown("idNumber", viewerOf(cadre, false), "231226199001011234", () => "masked")).toBe("masked");
  });
});

describe("timeline labels", () => {
  const r = { opinionKind: "not_eligible", opinionReason: "收入超过标准", transferredTo: "township" };
  it("say the opinion with its reason, where it was transferred, and an unknown action as itself", () => {
    expect(timelineLabel({ event: { action: "give_opinion", note: null }, report: r })).toBe("办理意见：经核查暂不符合纳入监测条件（收入超过标准）");
    expect(timelineLabel({ event: { action: "transfer", note: null }, report: r })).toBe("已转交乡镇办理");
    expect(timelineLabel({ event: { action: "toString", note: null }, report: r })).toBe("toString");
  });
});
