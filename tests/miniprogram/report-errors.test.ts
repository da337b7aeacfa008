// @vitest-environment jsdom
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { demoVillage, fillFirstReport, navigatedTo } from "./flows.js";
import { startPhone, type Phone } from "./harness.js";

describe("mini-program report page when things go wrong", () => {
  let phone: Phone;
  let village: Awaited<ReturnType<typeof demoVillage>>;
  let cadreToken: string;

  const queueNumbers = async () => {
    const res = await phone.system.request().get("/api/queue?pageSize=100").set("Authorization", `Bearer ${cadreToken}`);
    return res.body.items as Array<{ number: string; household: { phone: string } }>;
  };

  beforeAll(async () => {
    phone = await startPhone();
    village = await demoVillage(phone);
    cadreToken = await phone.system.tokenFor("demo-cadre");
  });
  afterAll(() => phone.close());
  beforeEach(async () => {
    await phone.clearStorage();
    phone.navigations.length = 0;
    phone.requests.length = 0;
    phone.offline = false;
  });

  it("a bad phone number shows the server's own message; correcting it sends the report", async () => {
    phone.loginCode = "household-badphone";
    const page = await phone.open("/pages/report/report");
    await fillFirstReport(phone, page, { village, name: "王五", mobile: "12345", riskTypes: ["accident"] });
    await phone.tap(page, "#submit");
    await phone.waitFor(() => page.querySelector("#error"), "the error message");
    const post = phone.requests.find((r) => r.method === "POST" && r.path === "/api/reports")!;
    expect(post.status).toBe(400);
    const serverMessage = (post.body as { error: { message: string } }).error.message;
    expect(serverMessage).toContain("手机号");
    expect(phone.text(page, "#error")).toBe(serverMessage);
    expect(phone.navigations).toEqual([]);
    // The draft is kept, so fixing the number is all it takes.
    await phone.type(page, "#phone", "13600136000");
    await phone.tap(page, "#submit");
    await navigatedTo(phone, "/pages/result/result");
  });

  it("an ID number with a wrong check digit shows the server's message", async () => {
    phone.loginCode = "household-badid";
    const page = await phone.open("/pages/report/report");
    await fillFirstReport(phone, page, { village, name: "吴十", mobile: "13100131000", riskTypes: ["other"] });
    await phone.type(page, "#id-number", "110101199003070000");
    await phone.tap(page, "#submit");
    await phone.waitFor(() => page.querySelector("#error"), "the error message");
    const post = phone.requests.find((r) => r.method === "POST" && r.path === "/api/reports")!;
    expect(post.status).toBe(400);
    expect((post.body as { error: { code: string } }).error.code).toBe("id_number_invalid");
    expect(phone.text(page, "#error")).toBe((post.body as { error: { message: string } }).error.message);
  });

  it("a submission whose answer was lost is retried with the same key and creates one report", async () => {
    phone.loginCode = "household-weak-signal";
    const page = await phone.open("/pages/report/report");
    await fillFirstReport(phone, page, { village, name: "赵六", mobile: "13500135000", riskTypes: ["income_drop"] });
    phone.loseNextAnswer("/api/reports");
    await phone.tap(page, "#submit");
    await phone.waitFor(() => page.querySelector("#retry"), "the retry button");
    expect(phone.text(page, "#error")).toContain("网络");
    expect(phone.storage.get("yijian.draft")).toBeTruthy();

    await phone.tap(page, "#retry");
    await navigatedTo(phone, "/pages/result/result");
    const posts = phone.requests.filter((r) => r.method === "POST" && r.path === "/api/reports");
    expect(posts).toHaveLength(2);
    expect(posts[0].status).toBe(201);
    expect(posts[1].status).toBe(201);
    expect(posts[1].headers["Idempotency-Key"]).toBe(posts[0].headers["Idempotency-Key"]);
    expect((posts[1].body as { number: string }).number).toBe((posts[0].body as { number: string }).number);
    expect((await queueNumbers()).filter((r) => r.household.phone === "135****5000")).toHaveLength(1);
  });

  it("with no connection at all the household gets a retry button, and the report goes once it is back", async () => {
    phone.loginCode = "household-offline";
    const page = await phone.open("/pages/report/report");
    await fillFirstReport(phone, page, { village, name: "钱七", mobile: "13300133000", riskTypes: ["housing"] });
    phone.offline = true;
    await phone.tap(page, "#submit");
    await phone.waitFor(() => page.querySelector("#retry"), "the retry button");
    phone.offline = false;
    await phone.tap(page, "#retry");
    await navigatedTo(phone, "/pages/result/result");
    expect((await queueNumbers()).filter((r) => r.household.phone === "133****3000")).toHaveLength(1);
  });

  it("an unfinished report survives closing the app", async () => {
    phone.loginCode = "household-interrupted";
    const first = await phone.open("/pages/report/report");
    await phone.waitFor(() => first.querySelector("#type-illness"), "the risk-type icons");
    await phone.tap(first, "#type-drinking_water");
    await phone.type(first, "#description", "井水浑了半个月");
    await phone.type(first, "#name", "孙八");
    first.detach();

    const home = await phone.open("/pages/home/home");
    expect(phone.text(home, "#report-button")).toBe("继续申报");
    const again = await phone.open("/pages/report/report");
    await phone.waitFor(() => again.querySelector("#type-drinking_water"), "the risk-type icons");
    expect(again.querySelector("#type-drinking_water")!.dom.className).toContain("type-selected");
    expect(again.querySelector("#type-illness")!.dom.className).not.toContain("type-selected");
    // fails if: report.wxml's description or name box loses its value= binding (the draft is kept but not shown)
    expect(phone.text(again, "#description")).toBe("井水浑了半个月");
    expect(phone.text(again, "#name")).toBe("孙八");
    // Half-filled details stay a form to finish, not a line to confirm.
    expect(again.querySelector("#household-form")).toBeTruthy();
    expect(again.querySelector("#household-summary")).toBeFalsy();
  });

  it("on a new phone the household's village and name come back from its account", async () => {
    phone.loginCode = "household-new-phone";
    const page = await phone.open("/pages/report/report");
    await fillFirstReport(phone, page, { village, name: "郑十一", mobile: "13000130000", riskTypes: ["labour_shortage"] });
    await phone.tap(page, "#submit");
    await navigatedTo(phone, "/pages/result/result");

    await phone.clearStorage();
    const fresh = await phone.open("/pages/report/report");
    await phone.waitFor(() => fresh.querySelector("#village-name"), "the village from the account");
    expect(phone.text(fresh, "#village-name")).toBe(village.name);
    // fails if: report.wxml's name box loses its value= binding (the account's name comes back but is not shown)
    expect(phone.text(fresh, "#name")).toBe("郑十一");
    expect(phone.text(fresh, "#phone")).toBe("");
  });

  it("voice input through the 同声传译 plugin fills the description where the plugin is there", async () => {
    const calls: string[] = [];
    const manager = {
      onStop: null as null | ((r: { result: string }) => void),
      onError: null as null | (() => void),
      start: (o: { lang: string }) => void calls.push(`start ${o.lang}`),
      stop: () => {
        calls.push("stop");
        manager.onStop?.({ result: "孩子上学的钱凑不齐" });
      },
    };
    const g = globalThis as unknown as { requirePlugin?: (name: string) => unknown };
    g.requirePlugin = (name) => {
      if (name !== "WechatSI") throw new Error(`no plugin ${name}`);
      return { getRecordRecognitionManager: () => manager };
    };
    try {
      const page = await phone.open("/pages/report/report");
      await phone.waitFor(() => page.querySelector("#voice"), "the hold-to-talk button");
      page.querySelector("#voice")!.dispatchEvent("touchstart");
      await phone.waitFor(() => calls.length === 1, "recording to start");
      page.querySelector("#voice")!.dispatchEvent("touchend");
      await phone.waitFor(() => page.data.description, "the recognised words");
      expect(calls).toEqual(["start zh_CN", "stop"]);
      // fails if: report.wxml's description box loses its value= binding (the words are heard but not shown)
      expect(phone.text(page, "#description")).toBe("孩子上学的钱凑不齐");
      expect((phone.storage.get("yijian.draft") as { description: string }).description).toBe("孩子上学的钱凑不齐");
    } finally {
      delete g.requirePlugin;
    }
    const typed = await phone.open("/pages/report/report");
    await phone.waitFor(() => typed.querySelector("#description"), "the description box");
    expect(typed.querySelector("#voice")).toBeFalsy();
  });
});
