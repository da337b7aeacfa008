// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoVillage, fillFirstReport, navigatedTo } from "./flows.js";
import { startPhone, type Phone } from "./harness.js";

/** A fake 同声传译 manager: the test decides when WeChat reports the end of a recording. */
function fakeSpeech() {
  const manager = {
    started: 0,
    stopped: 0,
    onStop: null as null | ((r: { result?: string }) => void),
    onError: null as null | (() => void),
    start() {
      manager.started += 1;
    },
    stop() {
      manager.stopped += 1;
    },
  };
  (globalThis as Record<string, unknown>).requirePlugin = () => ({ getRecordRecognitionManager: () => manager });
  return manager;
}

describe("the household's screens: report page, 我的申报", () => {
  let phone: Phone;
  let village: Awaited<ReturnType<typeof demoVillage>>;
  let firstId = "";

  beforeAll(async () => {
    phone = await startPhone();
    village = await demoVillage(phone);
  });
  afterAll(() => {
    delete (globalThis as Record<string, unknown>).requirePlugin;
    return phone.close();
  });

  it("opening the report page and going back leaves no draft: the home button stays 一键申报", async () => {
    phone.loginCode = "household-glance";
    const page = await phone.open("/pages/report/report");
    await phone.waitFor(() => page.querySelector("#type-illness"), "the risk-type icons");
    page.detach();
    // fails if: the page stores an empty draft on opening
    expect(phone.storage.has("yijian.draft")).toBe(false);
    const home = await phone.open("/pages/home/home");
    expect(phone.text(home, "#report-button")).toBe("一键申报");
  });

  it("each risk label has its plain explanation, and a long label breaks only between words", async () => {
    const page = await phone.open("/pages/report/report");
    await phone.waitFor(() => page.querySelector("#type-spending_rise"), "the risk-type icons");
    expect(phone.text(page, "#type-spending_rise")).toContain("家里花销突然大了很多");
    const words = page.querySelector("#type-unstable_work")!.dom.querySelectorAll("[class*='word']");
    // fails if: the label is one breakable run ("务工就业不/稳")
    expect([...words].map((w) => w.textContent)).toEqual(["务工就业", "不稳"]);
    expect(getComputedStyle(words[0]).whiteSpace).toBe("nowrap");
  });

  it("the submit button sits in a fixed bottom bar, and 请至少点选一种困难 goes once a difficulty is chosen", async () => {
    const page = await phone.open("/pages/report/report");
    await phone.waitFor(() => page.querySelector("#type-illness"), "the risk-type icons");
    const bar = page.querySelector("#bottom-bar")!.dom;
    expect(getComputedStyle(bar).position).toBe("fixed");
    expect(bar.querySelector("[id='submit']") ?? page.querySelector("#bottom-bar #submit")).toBeTruthy();
    await phone.tap(page, "#submit");
    expect(phone.text(page, "#error")).toBe("请至少点选一种困难");
    await phone.tap(page, "#type-illness");
    // fails if: the missing-field message stays after it is put right (the next missing thing may show)
    expect(page.querySelector("#error") ? phone.text(page, "#error") : "").not.toBe("请至少点选一种困难");
  });

  it("the pickers show what was chosen", async () => {
    const page = await phone.open("/pages/report/report");
    await phone.waitFor(() => page.querySelector("#county-picker"), "the county picker");
    expect(phone.text(page, "#county-choice")).toBe("选择县（区）");
    await phone.pick(page, "#county-picker", 0);
    await phone.waitFor(() => page.querySelector("#township-picker"), "the township picker");
    // fails if: the picker keeps saying 选择县（区） after a choice
    expect(phone.text(page, "#county-choice")).toBe("绥棱县");
    await phone.pick(page, "#township-picker", village.townshipIndex);
    await phone.waitFor(() => page.querySelector("#village-picker"), "the village picker");
    expect(phone.text(page, "#township-choice")).not.toBe("选择乡镇");
    await phone.pick(page, "#village-picker", village.villageIndex);
    expect(phone.text(page, "#village-choice")).toBe(village.name);
  });

  it("an interrupted voice press (touchcancel, the page hidden) never leaves 正在听", async () => {
    const speech = fakeSpeech();
    const page = await phone.open("/pages/report/report");
    await phone.waitFor(() => page.querySelector("#voice"), "the voice button");
    page.querySelector("#voice")!.dispatchEvent("touchstart");
    await phone.waitFor(() => phone.text(page, "#voice").includes("正在听"), "正在听");
    // a permission dialog takes the touch: WeChat sends touchcancel, never touchend
    page.querySelector("#voice")!.dispatchEvent("touchcancel");
    await phone.waitFor(() => phone.text(page, "#voice") === "按住说话", "按住说话 again");
    expect(speech.stopped).toBe(1);
    page.querySelector("#voice")!.dispatchEvent("touchstart");
    await phone.waitFor(() => phone.text(page, "#voice").includes("正在听"), "正在听");
    // fails if: hiding the page (a call) leaves the press running
    page.triggerPageLifeTime("hide");
    await phone.waitFor(() => phone.text(page, "#voice") === "按住说话", "按住说话 after hide");
    speech.onStop?.({ result: "老伴住院了" });
    await phone.waitFor(() => (page.data.description as string).includes("老伴住院了"), "what was heard");
    delete (globalThis as Record<string, unknown>).requirePlugin;
  });

  it("without the speech plugin the page points to the keyboard's own voice key", async () => {
    const page = await phone.open("/pages/report/report");
    await phone.waitFor(() => page.querySelector("#type-illness"), "the risk-type icons");
    expect(page.querySelector("#voice")).toBeFalsy();
    expect(phone.text(page, "#voice-hint")).toContain("话筒");
  });

  it("我的申报: the number never wraps, the answer replaces the promise, and a report can be withdrawn", async () => {
    await phone.clearStorage();
    phone.loginCode = "household-wang";
    const page = await phone.open("/pages/report/report");
    await fillFirstReport(phone, page, { village, name: "王五", mobile: "13800138111", riskTypes: ["illness"] });
    phone.navigations.length = 0;
    await phone.tap(page, "#submit");
    await navigatedTo(phone, "/pages/result/result");
    const first = phone.requests.find((r) => r.method === "POST" && r.path === "/api/reports" && r.status === 201)!.body as { id: string; number: string };

    // the village answers it
    const cadre = await phone.system.tokenFor("demo-cadre");
    const api = (path: string, body: object) => phone.system.request().post(path).set("Authorization", `Bearer ${cadre}`).send(body);
    expect((await api(`/api/reports/${first.id}/accept`, {})).status).toBe(200);
    expect((await api(`/api/reports/${first.id}/opinion`, { kind: "already_assisted", reason: "已办理大病救助" })).status).toBe(200);

    firstId = first.id;
    const mine = await phone.open("/pages/my-reports/my-reports");
    await phone.waitFor(() => mine.querySelector(`#report-${first.number}`), "the household's report");
    // fails if: the answered report still says 应在…前受理核查
    expect(phone.text(mine, `#state-${first.number}`)).toContain("村委会的办理意见：已经落实了帮扶措施，已办理大病救助");
    expect(phone.text(mine, `#state-${first.number}`)).not.toContain("前受理核查");
    expect(getComputedStyle(mine.querySelector(`#number-${first.number}`)!.dom).whiteSpace).toBe("nowrap");
    expect(mine.querySelector(`#withdraw-${first.number}`)).toBeFalsy();
  });

  it("a household withdraws a report still waiting for the opinion", async () => {
    const cadre = await phone.system.tokenFor("demo-cadre");
    expect((await phone.system.request().post(`/api/reports/${firstId}/close`).set("Authorization", `Bearer ${cadre}`).send({})).status).toBe(200);
    phone.requests.length = 0;
    phone.navigations.length = 0;
    const page = await phone.open("/pages/report/report");
    await phone.waitFor(() => page.querySelector("#type-housing"), "the risk-type icons");
    await phone.tap(page, "#type-housing");
    await phone.tap(page, "#submit");
    await navigatedTo(phone, "/pages/result/result");
    const post = phone.requests.find((r) => r.method === "POST" && r.path === "/api/reports" && (r.status === 201 || r.status === 200))!.body as {
      number: string;
    };
    const mine = await phone.open("/pages/my-reports/my-reports");
    await phone.waitFor(() => mine.querySelector(`#withdraw-${post.number}`), "the withdraw button");
    await phone.tap(mine, `#withdraw-${post.number}`);
    await phone.waitFor(
      () => phone.text(mine, `#report-${post.number}`).includes("已撤回") && !mine.querySelector(`#withdraw-${post.number}`),
      "the withdrawn report",
    );
    expect(phone.text(mine, `#state-${post.number}`)).toContain("您已撤回这条申报");
    expect(phone.requests.find((r) => r.path.endsWith("/withdraw"))?.status).toBe(200);
  });
});
