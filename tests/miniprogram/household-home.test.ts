// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
    phone.storage.clear();
    phone.offline = true;
    const home = await phone.open("/pages/home/home");
    await phone.waitFor(() => home.querySelector("#retry"), "the retry button");
    expect(phone.text(home, "#error")).toContain("网络");
    phone.offline = false;
    await phone.tap(home, "#retry");
    await phone.waitFor(() => phone.storage.get("yijian.token"), "the session token after retry");
    await phone.waitFor(() => !home.querySelector("#error"), "the error to go");
  });
});
