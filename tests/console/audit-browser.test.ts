import { mkdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { areaOf, buildReport, submitAs } from "../helpers/factories.js";
import { startTestSystem } from "../helpers/test-system.js";
import { haveChromium, inCi, useConsoleBrowser } from "./chromium.js";

/** Where the screenshots go when SCREENSHOTS_DIR is set (to look at them). */
const shots = process.env.SCREENSHOTS_DIR;

describe.runIf(haveChromium || inCi)("the console's 审计日志 page (headless Chromium)", () => {
  let number: string;
  const c = useConsoleBrowser(
    async () => {
      const sys = await startTestSystem("sqlite");
      const village = await areaOf(sys, "demo-cadre");
      const report = await submitAs(sys, "demo-cadre", buildReport(village, { relation: "cadre", household: { name: "李桂兰", phone: "13712345678" } }));
      number = report.body.number;
      // the township officer opens the report: an ordinary read, which the county will see
      await sys
        .request()
        .get(`/api/reports/${report.body.id}`)
        .set("Authorization", `Bearer ${await sys.tokenFor("demo-township")}`);
      return sys;
    },
    (sys) => sys.close(),
  );

  // fails if: the county cannot see who read which household's report, or the page shows a full name or number
  it("the county filters by action and sees who read which report, with the household's name masked", async () => {
    const { page, browser, signInAs } = c;
    await signInAs("demo-county");
    await page.click('#nav a[data-page="audit"]');
    await page.waitForSelector("#audit");
    await page.selectOption('select[name="action"]', "report.read");
    await page.click('#filters button[type="submit"]');
    await page.waitForFunction(() => location.hash.includes("action=report.read"));
    await page.waitForSelector('#audit tbody tr[data-action="report.read"]');
    const rows = await page.locator("#audit tbody tr").allInnerTexts();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain("乡镇 李干事");
    expect(rows[0]).toContain("查看申报");
    expect(rows[0]).toContain(number);
    expect(rows[0]).toContain("李**");
    const text = await page.textContent("main");
    expect(text).not.toMatch(/李桂兰|13712345678/);
    if (shots) {
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: path.join(shots, "audit-log.png"), fullPage: true });
    }
    expect(browser.pageErrors).toEqual([]);
  });

  it("the township has no 审计日志 in its menu", async () => {
    const { page, signInAs } = c;
    await signInAs("demo-township");
    await page.waitForSelector("#nav:not([hidden])");
    expect(await page.isHidden('#nav a[data-page="audit"]')).toBe(true);
  });
});
