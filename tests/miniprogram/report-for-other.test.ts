// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoVillage, fillFirstReport, navigatedTo } from "./flows.js";
import { startPhone, type Phone } from "./harness.js";

describe("the report page: 给自己家报，还是帮别人报？", () => {
  let phone: Phone;
  let village: Awaited<ReturnType<typeof demoVillage>>;
  let ownDetails: unknown;

  beforeAll(async () => {
    phone = await startPhone();
    village = await demoVillage(phone);
    // a household that reported for itself once: its details are on the phone
    phone.loginCode = "household-liu";
    const page = await phone.open("/pages/report/report");
    await fillFirstReport(phone, page, { village, name: "刘长贵", mobile: "13800138021", riskTypes: ["illness"] });
    await phone.tap(page, "#submit");
    await navigatedTo(phone, "/pages/result/result");
    ownDetails = phone.storage.get("yijian.household");
  });
  afterAll(() => phone.close());

  // fails if: the page has no way to say the report is for someone else, or says the statement is the household's authorisation
  it("asks whose household it is with one tap each; for oneself the statement is the reporter's own", async () => {
    const page = await phone.open("/pages/report/report");
    await phone.waitFor(() => page.querySelector("#type-illness"), "the risk-type icons");
    expect(phone.text(page, "#whom")).toContain("给自己家报，还是帮别人报？");
    expect(page.querySelector("#for-self")!.dom.className).toContain("choice-selected");
    expect(page.querySelector("#other-form")).toBeFalsy();
    await phone.tap(page, "#for-other");
    expect(page.querySelector("#for-other")!.dom.className).toContain("choice-selected");
    expect(page.querySelector("#household-summary")).toBeFalsy();
    expect(phone.text(page, "#other-form")).toContain("这户人家的手机号（没有可以不填）");
    expect(phone.text(page, "#consent")).toContain("这户人家知道我在替他们申报");
    expect(phone.text(page, "#consent")).toContain("不是这户人家的授权");
    await phone.tap(page, "#for-self");
    expect(phone.text(page, "#household-summary")).toContain("刘长贵");
    page.detach();
  });

  // fails if: a report for a neighbour is sent as "self", with the reporter's own household, or overwrites the reporter's saved details
  it("for a neighbour without a phone: the neighbour's head and the reporter's own phone go, the reporter's own details stay", async () => {
    phone.storage.delete("yijian.draft");
    const page = await phone.open("/pages/report/report");
    await phone.waitFor(() => page.querySelector("#type-housing"), "the risk-type icons");
    await phone.tap(page, "#for-other");
    await phone.tap(page, "#type-housing");
    await phone.tap(page, "#submit");
    expect(phone.text(page, "#error")).toBe("请填写这户人家户主的姓名");
    await phone.type(page, "#other-name", "王福贵");
    await phone.tap(page, "#submit");
    expect(phone.text(page, "#error")).toBe("请选这户人家是您的家人，还是邻居或亲戚");
    await phone.tap(page, "#relation-neighbour");
    // the village defaults to the reporter's own; the statement is asked every time for someone else
    expect(phone.text(page, "#village-name")).toBe(village.name);
    await phone.tap(page, "#submit");
    expect(phone.text(page, "#error")).toBe("请先阅读并勾选申报声明");
    await phone.tap(page, "#consent-check");
    phone.navigations.length = 0;
    await phone.tap(page, "#submit");
    const url = await navigatedTo(phone, "/pages/result/result");

    const post = phone.requests.filter((r) => r.method === "POST" && r.path === "/api/reports").at(-1)!;
    expect(post.status).toBe(201);
    const [row] = await phone.system.deps.db.query("SELECT relation, household_name, phone_sealed, reporter_phone_sealed FROM report WHERE number = ?", [
      (post.body as { number: string }).number,
    ]);
    expect(row).toMatchObject({ relation: "neighbour", household_name: "王福贵", phone_sealed: "" });
    expect(phone.system.deps.crypto.decrypt(row.reporter_phone_sealed)).toBe("13800138021");
    expect(phone.storage.get("yijian.household")).toEqual(ownDetails);
    expect(phone.storage.has("yijian.draft")).toBe(false);

    const result = await phone.open(url);
    expect(phone.text(result, "#for-other")).toContain("您替王福贵家报的申报");
    const mine = await phone.open("/pages/my-reports/my-reports");
    await phone.waitFor(() => mine.querySelector(".whose"), "the report for someone else");
    expect(phone.text(mine, "#root")).toContain("替王福贵家报的（邻居代报）");
    // the reporter's view: how far it got, never the household's numbers
    expect(phone.text(mine, "#root")).toContain("村委会会联系这户人家核实");
  });

  // fails if: after reporting for someone else the household's own three-tap path needs an extra tap (the choice not back on 给自己家报)
  it("next time the page opens on 给自己家报 with the household's own details", async () => {
    const page = await phone.open("/pages/report/report");
    await phone.waitFor(() => page.querySelector("#type-housing"), "the risk-type icons");
    expect(page.querySelector("#for-self")!.dom.className).toContain("choice-selected");
    expect(phone.text(page, "#household-summary")).toContain("138****8021");
    expect(page.querySelector("#consent")).toBeFalsy();
  });
});
