import { mkdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BotHarness } from "../bot/bot-harness.js";
import { CHROMIUM, haveChromium, inCi, useConsoleBrowser } from "./chromium.js";
import { demoPlaces } from "./console-fixtures.js";

if (!haveChromium && !inCi) console.log(`[yijian] ${CHROMIUM} is missing: SKIPPED the 微信群 browser test (apt-get install chromium to run it).`);

/** Where the screenshots go when SCREENSHOT_DIR is set (the README's are taken this way). */
const SHOTS = process.env.SCREENSHOT_DIR;

describe.runIf(haveChromium || inCi)("the console's 微信群 page in headless Chromium, with the bot on the mock puppet", () => {
  const c = useConsoleBrowser(
    async () => {
      const h = await BotHarness.start("sqlite");
      return { app: h.sys.app, h, places: await demoPlaces(h.sys) };
    },
    ({ h }) => h.stop(),
  );

  async function shot(name: string) {
    if (!SHOTS) return;
    mkdirSync(SHOTS, { recursive: true });
    await c.page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  }

  const rowOf = (village: string) => c.page.locator(`#village-groups tr[data-village="${village}"]`);

  it("a village cadre links WeChat and binds the village group in one message read off the page; the group then shows", async () => {
    const { page, signInAs } = c;
    const { h, places } = c.sys;
    await signInAs("demo-cadre");
    await page.waitForSelector("#village-groups");
    // fails if: village staff are still sent away from the console, or see pages other than 微信群
    expect(await page.isVisible('#nav a[data-page="groups"]')).toBe(true);
    expect(await page.isHidden('#nav a[data-page="reports"]')).toBe(true);
    expect(await page.textContent("#wechat-linked")).toBe("还没关联");
    const command = (await rowOf(places.villageA.code).locator(".bind-code").textContent())!.trim();
    expect(command).toMatch(/^绑定 \d{6}$/);
    expect(await rowOf(places.villageA.code).textContent()).toContain("还没有绑定的群");
    await shot("groups-village-before");

    await page.click("#link-code");
    const code = (await page.textContent("#code-value"))!;
    const cadre = h.person("赵书记");
    expect((await h.ask(cadre, `绑定账号 ${code}`)).join()).toContain("已关联");
    const room = h.group("幸福村网格群", [cadre, h.person("老李")]);
    expect((await h.ask(cadre, command, room)).join()).toContain(`本群已绑定到${places.villageA.name}`);

    await page.reload();
    await page.waitForSelector(`#village-groups [data-room="${room.id}"]`);
    expect(await page.textContent("#wechat-linked")).toBe("已关联");
    expect(await rowOf(places.villageA.code).locator(".group-name").textContent()).toBe("幸福村网格群");
    await shot("groups-village-bound");
  });

  it("a village cadre sees only their own village's code, and the console's other addresses lead back to 微信群", async () => {
    const { page, base } = c;
    // fails if: the overview lists every village of the area to village staff
    expect(await page.locator("#village-groups tbody tr").count()).toBe(1);
    await page.goto(`${base}/console/#/reports`);
    await page.waitForSelector("#village-groups");
    expect(page.url()).toContain("#/groups");
  });

  it("the county sees bound villages first, every village's code by township, and unbinds a group", async () => {
    const { page, signInAs } = c;
    const { places } = c.sys;
    await page.click("#sign-out");
    await signInAs("demo-county");
    await page.click('#nav a[data-page="groups"]');
    await page.waitForSelector("#village-groups");
    expect(await page.locator("#village-groups tbody tr").count()).toBe(1);
    expect(await rowOf(places.villageA.code).locator(".group-name").textContent()).toBe("幸福村网格群");

    await page.selectOption("#township", places.villageB.code.slice(0, 9) + "000");
    await rowOf(places.villageB.code).waitFor();
    // fails if: the county is shown no code for a village of its own
    expect(await rowOf(places.villageB.code).locator(".bind-code").textContent()).toBe(`绑定 ${places.villageB.code.slice(6)}`);
    expect(await page.locator("#village-groups tbody tr").count()).toBeGreaterThan(1);
    await shot("groups-county-township");

    await page.selectOption("#township", "");
    await rowOf(places.villageA.code).waitFor();
    page.once("dialog", (d) => d.accept());
    await page.click(`#village-groups button[data-act="unbind"]`);
    await page.locator("#msg .notice.ok", { hasText: "已解绑“幸福村网格群”" }).waitFor();
    expect(await page.textContent("#villages")).toContain("还没有绑定群的村");
  });

  it("fits a phone: the code and the 解绑 button stay on screen at 390 px", async () => {
    const { page } = c;
    const { places } = c.sys;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.selectOption("#township", places.villageA.code.slice(0, 9) + "000");
    const code = rowOf(places.villageA.code).locator(".bind-code");
    await code.waitFor();
    const box = (await code.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await shot("groups-county-phone");
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it("no script errors", () => {
    expect(c.browser.pageErrors).toEqual([]);
  });
});
