import { describe, expect, it } from "vitest";
import { ClearanceStepSchema, IdentificationStepSchema } from "../../src/contracts/identification.js";

const issue = (r: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  r.success ? "ok" : r.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");

describe("the identification step bodies (field names and codes as the API states them)", () => {
  it.each([
    ["a signed consent", { step: "consent", date: "2026-06-02", signed: true }, "ok"],
    ["a review by the representatives' meeting", { step: "village_review", date: "2026-06-03", form: "representatives_meeting", result: "agree" }, "ok"],
    ["a plan with a measure", { step: "plan", date: "2026-06-05", labourCapacity: true, measures: [{ kind: "microcredit", text: "5万元小额信贷" }] }, "ok"],
    ["an unknown step", { step: "interview", date: "2026-06-02" }, "step: 环节不对"],
    ["a date not in YYYY-MM-DD", { step: "notice", date: "6/4/2026" }, "date: 日期格式应为 YYYY-MM-DD，例如 2026-06-04"],
    [
      "an unknown review form",
      { step: "village_review", date: "2026-06-03", form: "party_meeting", result: "agree" },
      "form: 评议方式不对，可选：村民会议、村民代表会议、村“两委”扩大会议",
    ],
    [
      "an unknown measure kind, named by its place",
      { step: "plan", date: "2026-06-05", labourCapacity: false, measures: [{ kind: "cash", text: "发钱" }] },
      "measures.0.kind: 帮扶措施类型不对",
    ],
    ["a field the step does not have", { step: "notice", date: "2026-06-04", result: "agree" }, expect.stringContaining("result")],
  ])("%s", (_why, body, expected) => {
    expect(issue(IdentificationStepSchema.safeParse(body))).toEqual(expected);
  });
});

describe("the clearance step bodies", () => {
  it.each([
    [
      "a visit with the three conditions",
      { step: "visit", date: "2026-12-14", incomePerPerson: 9800, steadySince: "2026-06-14", incomeSteady: true, guaranteesSecure: true, riskGone: true },
      "ok",
    ],
    [
      "a visit without the income",
      { step: "visit", date: "2026-12-14", steadySince: "2026-06-14", incomeSteady: true, guaranteesSecure: true, riskGone: true },
      "incomePerPerson: 请填写家庭年人均纯收入（元）",
    ],
    [
      "a negative income",
      { step: "visit", date: "2026-12-14", incomePerPerson: -1, steadySince: "2026-06-14", incomeSteady: true, guaranteesSecure: true, riskGone: true },
      "incomePerPerson: 收入不能是负数",
    ],
  ])("%s", (_why, body, expected) => {
    expect(issue(ClearanceStepSchema.safeParse(body))).toEqual(expected);
  });
});
