import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "../../src/db/transaction.js";
import { parseConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { purgeDemoAccounts } from "../../src/seed/demo-purge.js";
import { DEMO_PASSWORD } from "../../src/seed/demo.js";
import { ONE_TIME_PASSWORD_HOURS } from "../../src/services/auth-service.js";
import { startSystem } from "../../src/system.js";
import { areaOf, uniquePhone } from "../helpers/factories.js";
import { testEngines } from "../helpers/databases.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";

const PRODUCTION_SECRETS = {
  NODE_ENV: "production",
  WECHAT_APP_ID: "wx8f3a9c2e71b4d605",
  WECHAT_APP_SECRET: "9f2c4e7a1b3d5f60a8c2e4b6d8f01357",
  SESSION_SECRET: "Yq3vN8pLr2Xk7TzW5mHc9JbG4sDf6RaE",
  FIELD_ENCRYPTION_KEY: "3c9e1f7a2b8d4605e1c7a9f3b5d2e8c04a6f1b9d3e7c5a2f8b0d6e4c1a9f7b35",
};

describe("production secrets", () => {
  // fails if: production accepts the published development values or a low-entropy secret
  it.each([
    ["SESSION_SECRET", "dev-only-session-secret-change-me-0000"],
    ["SESSION_SECRET", "a".repeat(32)],
    ["SESSION_SECRET", "abcabcabcabcabcabcabcabcabcabcabc"],
    ["FIELD_ENCRYPTION_KEY", "0".repeat(64)],
    ["FIELD_ENCRYPTION_KEY", "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"],
    ["WECHAT_APP_SECRET", "demo-app-secret"],
    ["WECHAT_APP_ID", "wx-demo-app-id"],
  ])("production refuses %s = %s, naming the variable", (name, value) => {
    expect(() => parseConfig({ ...PRODUCTION_SECRETS, [name]: value })).toThrow(new RegExp(`${name}: `));
  });

  it("production starts with random secrets; outside production the defaults still work", () => {
    expect(parseConfig(PRODUCTION_SECRETS).demoData).toBe(false);
    expect(parseConfig({}).SESSION_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  // fails if: HOST is ignored or the development default listens on every interface
  it("HOST defaults to this machine outside production and can be set", () => {
    expect(parseConfig({}).host).toBe("127.0.0.1");
    expect(parseConfig({ HOST: "0.0.0.0" }).host).toBe("0.0.0.0");
    expect(parseConfig(PRODUCTION_SECRETS).host).toBe("0.0.0.0");
  });
});

describe.each(testEngines())("accounts and sessions on %s", (engine) => {
  let sys: TestSystem;
  let county: string;
  beforeAll(async () => {
    sys = await startTestSystem(engine);
    county = `Bearer ${await sys.tokenFor("demo-county")}`;
  });
  afterAll(() => sys.close());

  const signIn = (phone: string, password: string) => sys.request().post("/api/auth/staff").send({ phone, password });
  const me = (token: string) => sys.request().get("/api/me").set("authorization", `Bearer ${token}`);

  async function newCadre() {
    const phone = uniquePhone();
    const res = await sys
      .request()
      .post("/api/staff")
      .set("authorization", county)
      .send({ displayName: "村委会 测试", phone, role: "village_cadre", areaCode: await areaOf(sys, "demo-cadre") });
    expect(res.status).toBe(201);
    return { id: res.body.account.id as string, phone, password: res.body.oneTimePassword as string };
  }

  // fails if: a session outlives a password reset (token checked only for signature and expiry)
  it("a password reset ends every session of the account", async () => {
    const cadre = await newCadre();
    const first = await signIn(cadre.phone, cadre.password);
    const changed = await sys
      .request()
      .post("/api/me/password")
      .set("authorization", `Bearer ${first.body.token}`)
      .send({ currentPassword: cadre.password, newPassword: "changed-2026" });
    expect(changed.status).toBe(200);
    const session = changed.body.token as string;
    expect((await me(session)).status).toBe(200);
    const reset = await sys.request().patch(`/api/staff/${cadre.id}`).set("authorization", county).send({ resetPassword: true });
    expect(reset.status).toBe(200);
    const after = await me(session);
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("session_invalid");
  });

  // fails if: disabling only blocks while disabled, and the old session comes back when it is enabled again
  it("disabling an account ends its sessions for good, even after it is enabled again", async () => {
    const cadre = await newCadre();
    const first = await signIn(cadre.phone, cadre.password);
    const changed = await sys
      .request()
      .post("/api/me/password")
      .set("authorization", `Bearer ${first.body.token}`)
      .send({ currentPassword: cadre.password, newPassword: "changed-2026" });
    const session = changed.body.token as string;
    await sys.request().patch(`/api/staff/${cadre.id}`).set("authorization", county).send({ locked: true });
    expect((await me(session)).status).toBe(401);
    await sys.request().patch(`/api/staff/${cadre.id}`).set("authorization", county).send({ locked: false });
    expect((await me(session)).status).toBe(401);
    expect((await signIn(cadre.phone, "changed-2026")).status).toBe(200);
  });

  // fails if: a one-time password gives a full session, or keeps working after it is replaced
  it("first sign-in with the one-time password must set a new one before anything else", async () => {
    const cadre = await newCadre();
    const first = await signIn(cadre.phone, cadre.password);
    expect(first.status).toBe(200);
    expect(first.body.mustChangePassword).toBe(true);
    const token = `Bearer ${first.body.token}`;
    expect((await me(first.body.token)).body.mustChangePassword).toBe(true);
    const queue = await sys.request().get("/api/queue").set("authorization", token);
    expect(queue.status).toBe(403);
    expect(queue.body.error.code).toBe("password_change_required");
    const weak = await sys.request().post("/api/me/password").set("authorization", token).send({ currentPassword: cadre.password, newPassword: "12345678" });
    expect(weak.status).toBe(400);
    expect(weak.body.error.message).toContain("字母和数字");
    const wrong = await sys.request().post("/api/me/password").set("authorization", token).send({ currentPassword: "nope", newPassword: "village-2026" });
    expect(wrong.body.error.code).toBe("current_password_wrong");
    const ok = await sys.request().post("/api/me/password").set("authorization", token).send({ currentPassword: cadre.password, newPassword: "village-2026" });
    expect(ok.status).toBe(200);
    expect(ok.body.mustChangePassword).toBe(false);
    expect((await sys.request().get("/api/queue").set("authorization", `Bearer ${ok.body.token}`)).status).toBe(200);
    expect((await signIn(cadre.phone, cadre.password)).status).toBe(401);
    expect((await signIn(cadre.phone, "village-2026")).body.mustChangePassword).toBe(false);
  });

  // fails if: the one-time password never expires
  it(`the one-time password stops working after ${ONE_TIME_PASSWORD_HOURS} hours`, async () => {
    const cadre = await newCadre();
    sys.clock.advance(ONE_TIME_PASSWORD_HOURS * 3600_000 + 60_000);
    const late = await signIn(cadre.phone, cadre.password);
    expect(late.status).toBe(401);
    expect(late.body.error.code).toBe("one_time_password_expired");
    expect(late.body.error.message).toContain("过期");
  });

  // fails if: the staff list leaves out whether the account's WeChat is linked to the bot
  it("the staff list shows who has linked WeChat", async () => {
    const cadreToken = await sys.tokenFor("demo-cadre");
    const { code } = (await sys.request().post("/api/bot/link-code").set("authorization", `Bearer ${cadreToken}`)).body;
    const { redeemLinkCode } = await import("../../src/services/bot-service.js");
    await inTransaction(sys.deps.db, (tx) => redeemLinkCode(sys.deps, tx, "wxid_cadre_contact", code));
    const list = await sys.request().get("/api/staff").set("authorization", county);
    const byPhoneEnd = (end: string) => list.body.items.find((a: { phone: string }) => a.phone.endsWith(end));
    expect(byPhoneEnd("0003").wechatLinked).toBe(true);
    expect(byPhoneEnd("0002").wechatLinked).toBe(false);
  });

  // fails if: production starts on a database that still holds the demo accounts and their published password
  it("production refuses a database holding demo accounts until `npm run demo:purge`", async () => {
    const production = parseConfig({ ...PRODUCTION_SECRETS, DATABASE_URL: sys.database.url, WECHAT_API_BASE_URL: sys.wechat.baseUrl, CRON: "off" });
    const log = createLogger("silent");
    await expect(startSystem(production, { clock: sys.clock, log })).rejects.toThrow(/demo:purge/);
    expect(await purgeDemoAccounts(sys.deps.db, sys.clock)).toBeGreaterThan(0);
    const started = await startSystem(production, { clock: sys.clock, log });
    await started.db.destroy();
    expect((await signIn("13900000001", DEMO_PASSWORD)).status).toBe(401);
    expect((await sys.request().post("/api/auth/demo").send({ username: "demo-county" })).status).toBe(404);
  });
});
