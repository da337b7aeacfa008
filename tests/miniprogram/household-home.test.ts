// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { areaOf, buildReport, submitAs, uniquePhone } from "../helpers/factories.js";
import { startPhone, type Phone } from "./harness.js";

describe("mini-program home (rendered by miniprogram-simulate, real server)", () => {
  let phone: Phone;
  beforeAll(async () => {
    phone = await startPhone();
  });
  afterAll(() => phone.close());

  it("signs a first-time household in with wx.login and shows the big 一键申报 button", async () => {
    phone.loginCode = "home-first";
    const home = await phone.open("/pages/home/home");
    await phone.waitFor(() => phone.storage.get("yijian.token"), "the session token");
    expect(phone.storage.get("yijian.role")).toBe("farmer");
    expect(phone.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toContain("POST /api/auth/wechat 200");
    expect(phone.text(home, "#report-button")).toBe("一键申报");
    await phone.tap(home, "#report-button");
    expect(phone.navigations.at(-1)).toBe("/pages/report/report");
  });

  it("large-type mode raises the rendered font size and is remembered", async () => {
    const home = await phone.open("/pages/home/home");
    const root = () => home.querySelector("#root")!.dom;
    const size = () => Number.parseFloat(getComputedStyle(root()).fontSize);
    expect(size()).toBe(18);
    await phone.tap(home, "#large-toggle");
    await phone.waitFor(() => size() > 18, "the larger font");
    expect(size()).toBeGreaterThanOrEqual(22);
    expect(phone.storage.get("yijian.largeText")).toBe(true);
    const again = await phone.open("/pages/home/home");
    expect(Number.parseFloat(getComputedStyle(again.querySelector("#root")!.dom).fontSize)).toBeGreaterThanOrEqual(22);
  });

  it("with no connection shows the reason and a retry button that signs in once the network is back", async () => {
    await phone.clearStorage();
    phone.offline = true;
    const home = await phone.open("/pages/home/home");
    await phone.waitFor(() => home.querySelector("#retry"), "the retry button");
    expect(phone.text(home, "#error")).toContain("网络");
    phone.offline = false;
    await phone.tap(home, "#retry");
    await phone.waitFor(() => phone.storage.get("yijian.token"), "the session token after retry");
    await phone.waitFor(() => !home.querySelector("#error"), "the error to go");
  });

  // fails if: a household the village registered cannot prove its phone on the home page, or a refused or unknown number gives no plain answer
  it("a household the village registered confirms it is theirs with WeChat's phone button; an unknown number is told what to do", async () => {
    const village = await areaOf(phone.system, "demo-cadre");
    const registered = uniquePhone();
    await submitAs(phone.system, "demo-cadre", buildReport(village, { relation: "cadre", household: { name: "周桂芝", phone: registered } }));

    await phone.clearStorage();
    phone.loginCode = "home-verify";
    const home = await phone.open("/pages/home/home");
    await phone.waitFor(() => home.querySelector("#verify-phone"), "the 确认是我家 button");
    expect(phone.text(home, "#verify-box")).toContain("手机号");

    // the household declines WeChat's phone prompt: no code, no request
    home.querySelector("#verify-phone")!.dispatchEvent("getphonenumber", { detail: { errMsg: "getPhoneNumber:fail user deny" } });
    await phone.waitFor(() => home.querySelector("#phone-message"), "the message after declining");
    expect(phone.requests.some((r) => r.path === "/api/me/phone")).toBe(false);

    home.querySelector("#verify-phone")!.dispatchEvent("getphonenumber", { detail: { code: `phone-${uniquePhone()}` } });
    await phone.waitFor(() => phone.text(home, "#phone-message").includes("还没有找到"), "the answer for a number nobody registered");
    expect(home.querySelector("#household-name")).toBeFalsy();

    home.querySelector("#verify-phone")!.dispatchEvent("getphonenumber", { detail: { code: `phone-${registered}` } });
    await phone.waitFor(() => home.querySelector("#household-name"), "the household's name");
    expect(phone.text(home, "#household-name")).toBe("周桂芝家");
    expect(home.querySelector("#verify-box")).toBeFalsy();
    const me = await phone.system
      .request()
      .get("/api/me")
      .set("authorization", `Bearer ${phone.storage.get("yijian.token")}`);
    expect(me.body.household.headName).toBe("周桂芝");
  });
});
