import { describe, expect, it } from "vitest";
import { dueSoonNotice, newReportNotice, overdueDigestNotice, overdueNotice, type ReportFacts } from "../../src/domain/report/notice-texts.js";
import { OPINION_KINDS, OPINION_LABELS, REPORT_STATUSES, STATUS_LABELS } from "../../src/domain/report/lifecycle.js";
import { AUDIENCE_LABELS, AUDIENCES } from "../../src/domain/rhythm/audiences.js";
import { RISK_TYPE_CODES, RISK_TYPES, riskTypeLabel } from "../../src/domain/risk-types.js";
import { DEPARTMENTS, ROLE_LABELS, ROLES, STAFF_ROLES } from "../../src/domain/roles.js";

const facts: ReportFacts = { number: "YJ20260302-0007", villageName: "长山村", riskTypes: ["illness", "housing"], dueText: "3月9日24时" };

describe("staff notices name the report, the village and the risks, and the deadline", () => {
  it.each([
    ["new report", newReportNotice(facts), "【新申报】编号YJ20260302-0007，长山村，风险：因病、住房安全。请在3月9日24时前受理核查并提出办理意见。"],
    ["2 days left", dueSoonNotice(facts, 2), "【提醒】申报YJ20260302-0007（长山村，因病、住房安全）还剩2天到期（3月9日24时），尚未提出办理意见，请抓紧核查。"],
    ["1 day left", dueSoonNotice(facts, 1), "【提醒】申报YJ20260302-0007（长山村，因病、住房安全）还剩1天到期（3月9日24时），尚未提出办理意见，请抓紧核查。"],
    [
      "overdue",
      overdueNotice(facts),
      "【督办】申报YJ20260302-0007（长山村，因病、住房安全）已超过3月9日24时的期限，村里还没有提出办理意见，请乡镇督促或直接介入。",
    ],
  ])("%s", (_kind, text, expected) => expect(text).toBe(expected));

  it("the county's digest counts the overdue reports by village, or says there are none", () => {
    expect(
      overdueDigestNotice("绥棱县", "3月10日", [
        { villageName: "长山村", count: 2 },
        { villageName: "上集村", count: 1 },
      ]),
    ).toBe("【每日超期汇总 3月10日】绥棱县共有3条申报超期未提出办理意见。长山村：2条；上集村：1条。");
    expect(overdueDigestNotice("绥棱县", "3月10日", [])).toBe("【每日超期汇总 3月10日】绥棱县目前没有超期未办的申报。");
    expect(overdueDigestNotice("绥棱县", "3月10日", [{ villageName: "长山村", count: 0 }])).toBe("【每日超期汇总 3月10日】绥棱县目前没有超期未办的申报。");
  });
});

describe("every code a person reads has a Chinese word of its own", () => {
  const han = /^[\u4e00-\u9fff（）、，\s]+$/;
  it.each([
    ["roles", ROLES, ROLE_LABELS as Record<string, string>],
    ["report statuses", REPORT_STATUSES, STATUS_LABELS as Record<string, string>],
    ["opinions", OPINION_KINDS, OPINION_LABELS as Record<string, string>],
    ["reminder audiences", AUDIENCES, AUDIENCE_LABELS as Record<string, string>],
  ] as const)("%s", (_what, codes, labels) => {
    const words = codes.map((c) => labels[c]);
    for (const [i, w] of words.entries()) expect(w, codes[i]).toMatch(han);
    expect(new Set(words).size).toBe(codes.length);
  });

  it("risk types: a short label and a plain explanation each, found by code; an unknown code shows as itself", () => {
    expect(RISK_TYPE_CODES).toEqual(RISK_TYPES.map((r) => r.code));
    for (const r of RISK_TYPES) {
      expect(riskTypeLabel(r.code)).toBe(r.label);
      expect(r.label).toMatch(/^[\u4e00-\u9fff]{2,9}$/);
      expect(r.explanation.length).toBeGreaterThan(6);
    }
    expect(new Set(RISK_TYPES.map((r) => r.label)).size).toBe(RISK_TYPES.length);
    expect(riskTypeLabel("illness")).toBe("因病");
    expect(riskTypeLabel("bad_luck")).toBe("bad_luck");
  });

  it("the people and departments are the ones DESIGN names", () => {
    expect(ROLES).toEqual(["farmer", "grid_worker", "village_cadre", "township", "county", "department", "admin"]);
    expect(STAFF_ROLES).toEqual(ROLES.filter((r) => r !== "farmer"));
    expect(DEPARTMENTS).toEqual(["civil_affairs", "medical_insurance", "housing", "water", "human_resources", "education", "disabled_persons", "emergency"]);
  });
});
