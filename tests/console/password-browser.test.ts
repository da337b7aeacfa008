import path from "node:path";
import { describe, expect, it } from "vitest";
import { uniquePhone } from "../helpers/factories.js";
import { startTestSystem } from "../helpers/test-system.js";
import { haveChromium, inCi, useConsoleBrowser } from "./chromium.js";

/** Where the screenshots go when SCREENSHOTS_DIR is set (to look at them). */
const shots = process.env.SCREENSHOTS_DIR;

describe.runIf(haveChromium || inCi)("changing a password in the console (headless Chromium)", () => {
  const c = useConsoleBrowser(
    () => startTestSystem("sqlite"),
    (sys) => sys.close(),
  );

  // fails if: the console lets a one-time password into the pages, or shows a password error away from its field
  it("a new township officer signs in with the one-time password and must set a new one first; errors sit by their field", async () => {
    const { page, base, sys } = c;
    const county = `Bearer ${await sys.tokenFor("demo-county")}`;
    const township = (
      await sys
        .request()
        .get("/api/me")
        .set("authorization", `Bearer ${await sys.tokenFor("demo-township")}`)
    ).body.area.code;
    const phone = uniquePhone();
    const created = await sys
      .request()
      .post("/api/staff")
      .set("authorization", county)
      .send({ displayName: "乡镇 新干事", phone, role: "township", areaCode: township });
    const oneTime = created.body.oneTimePassword as string;

    await page.goto(`${base}/console/#/signin`);
    await page.fill('input[name="phone"]', phone);
    await page.fill('input[name="password"]', oneTime);
    await page.click('#signin button[type="submit"]');
    await page.waitForSelector("#password");
    expect(await page.textContent("main")).toContain("临时密码");
    expect(await page.isHidden("#nav")).toBe(true);

    await page.fill('input[name="currentPassword"]', oneTime);
    await page.fill('input[name="newPassword"]', "zhenhao2026");
    await page.fill('input[name="again"]', "zhenhao2027");
    await page.click('#password button[type="submit"]');
    expect(await page.textContent('.field-error[data-for="again"]')).toContain("不一样");

    await page.fill('input[name="newPassword"]', "12345678");
    await page.fill('input[name="again"]', "12345678");
    await page.click('#password button[type="submit"]');
    await page.waitForSelector('.field-error[data-for="newPassword"]:not([hidden])');
    expect(await page.textContent('.field-error[data-for="newPassword"]')).toContain("字母和数字");
    if (shots) await page.screenshot({ path: path.join(shots, "console-password.png"), fullPage: true });

    await page.fill('input[name="newPassword"]', "zhenhao2026");
    await page.fill('input[name="again"]', "zhenhao2026");
    await page.click('#password button[type="submit"]');
    await page.waitForSelector("#nav:not([hidden])");
    expect(await page.textContent("#who")).toContain("新干事");
    expect((await sys.request().post("/api/auth/staff").send({ phone, password: "zhenhao2026" })).status).toBe(200);
  });

  // fails if: the staff list does not say who has linked WeChat
  it("the county's staff list says who has linked WeChat", async () => {
    const { page, base, signInAs } = c;
    await signInAs("demo-county");
    await page.goto(`${base}/console/#/staff`);
    await page.waitForSelector("#staff tbody tr");
    const header = await page.$$eval("#staff thead th", (ths) => ths.map((th) => th.textContent));
    expect(header).toContain("微信");
    expect(await page.locator("#staff tbody", { hasText: "未关联" }).count()).toBe(1);
    if (shots) await page.screenshot({ path: path.join(shots, "console-staff.png"), fullPage: true });
  });
});
