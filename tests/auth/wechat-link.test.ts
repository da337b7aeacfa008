import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testEngines } from "../helpers/databases.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";

describe.each(testEngines())("linking a staff account to WeChat on %s", (engine) => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(engine);
  });
  afterAll(() => sys.close());

  const bearer = (token: string) => `Bearer ${token}`;

  it("a cadre links their WeChat once; afterwards wx.login alone signs them in as the cadre", async () => {
    // Opening the mini-program first made a bare farmer account for this WeChat.
    const bare = await sys.request().post("/api/auth/wechat").send({ code: "zhao-phone" });
    expect(bare.body.account.role).toBe("farmer");

    const cadre = await sys.tokenFor("demo-cadre");
    const link = await sys.request().post("/api/me/wechat").set("Authorization", bearer(cadre)).send({ code: "zhao-phone" });
    expect(link.status).toBe(200);
    expect(link.body).toEqual({ wechatLinked: true });

    const again = await sys.request().post("/api/auth/wechat").send({ code: "zhao-phone" });
    expect(again.status).toBe(200);
    expect(again.body.account.role).toBe("village_cadre");
    const me = await sys.request().get("/api/me").set("Authorization", bearer(again.body.token));
    expect(me.body.wechatLinked).toBe(true);
  });

  it("a farmer cannot link: 403 with a Chinese reason", async () => {
    const farmer = await sys.request().post("/api/auth/wechat").send({ code: "farmer-own" });
    const res = await sys.request().post("/api/me/wechat").set("Authorization", bearer(farmer.body.token)).send({ code: "farmer-other" });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("wechat_link_staff_only");
    expect(res.body.error.message).toMatch(/工作人员/);
  });

  it("a WeChat that already belongs to a household stays with it: 409", async () => {
    const farmer = await sys.request().post("/api/auth/wechat").send({ code: "household-phone" });
    const village = (
      await sys
        .request()
        .get("/api/me")
        .set("Authorization", bearer(await sys.tokenFor("demo-cadre")))
    ).body.area.code as string;
    const report = await sys
      .request()
      .post("/api/reports")
      .set("Authorization", bearer(farmer.body.token))
      .set("Idempotency-Key", "link-test-1")
      .send({
        villageCode: village,
        riskTypes: ["illness"],
        household: { name: "周九", phone: "13200132000" },
        relation: "self",
        channel: "miniprogram",
        consent: { given: true, textVersion: "2026-03" },
      });
    expect(report.status).toBe(201);
    // the household becomes the WeChat's only on proof: its phone verified by WeChat
    const verified = await sys.request().post("/api/me/phone").set("Authorization", bearer(farmer.body.token)).send({ code: "phone-13200132000" });
    expect(verified.status).toBe(200);

    const grid = await sys.tokenFor("demo-grid");
    const res = await sys.request().post("/api/me/wechat").set("Authorization", bearer(grid)).send({ code: "household-phone" });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("wechat_already_linked");
    const still = await sys.request().post("/api/auth/wechat").send({ code: "household-phone" });
    expect(still.body.account.id).toBe(farmer.body.account.id);
  });

  it("a code WeChat rejects is the sign-in's own 401", async () => {
    const res = await sys
      .request()
      .post("/api/me/wechat")
      .set("Authorization", bearer(await sys.tokenFor("demo-township")))
      .send({ code: "bad-code" });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("wechat_code_invalid");
  });
});
