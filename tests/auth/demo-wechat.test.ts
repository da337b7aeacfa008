import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.js";
import { usesDemoWechat } from "../../src/wechat/demo-wechat.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";

describe("WeChat on a demo server with the demo secret", () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem("sqlite", { env: { WECHAT_API_BASE_URL: "https://api.weixin.qq.com" } });
  });
  afterAll(() => sys.close());

  it("a household signs in from the mini-program without reaching WeChat", async () => {
    const res = await sys.request().post("/api/auth/wechat").send({ code: "123456789" });
    expect(res.status).toBe(200);
    expect(res.body.account.role).toBe("farmer");
    const again = await sys.request().post("/api/auth/wechat").send({ code: "123456789" });
    expect(again.body.account.id).toBe(res.body.account.id);
    expect(sys.wechat.calls).toEqual([]);
  });

  it("is used only for demo data with the demo secret against WeChat's own address", () => {
    const base = { NODE_ENV: "development", WECHAT_API_BASE_URL: "https://api.weixin.qq.com" };
    expect(usesDemoWechat(parseConfig(base))).toBe(true);
    expect(usesDemoWechat(parseConfig({ ...base, DEMO_DATA: "off" }))).toBe(false);
    expect(usesDemoWechat(parseConfig({ ...base, WECHAT_APP_SECRET: "a-real-secret" }))).toBe(false);
    expect(usesDemoWechat(parseConfig({ ...base, WECHAT_API_BASE_URL: "http://127.0.0.1:9999" }))).toBe(false);
  });
});
