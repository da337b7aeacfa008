import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { areaOf, buildReport, submitAs } from "../helpers/factories.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";
import { haveChromium, inCi, signInWithDemo, useConsoleBrowser, type ConsoleBrowser } from "./chromium.js";

/** Where the screenshots go when SCREENSHOTS_DIR is set (to look at them). */
const shots = process.env.SCREENSHOTS_DIR;
const cst = (s: string) => `${s}+08:00`;

describe.runIf(haveChromium || inCi)("the console's 监测认定 page (headless Chromium)", () => {
  let sys: TestSystem;
  let base: string;
  let page: Page;
  let browser: ConsoleBrowser;
  const numbers: Record<string, string> = {};

  /** A report the village cadre takes in and proposes for monitoring at the clock's time. */
  async function proposed(name: string): Promise<{ id: string; number: string }> {
    const village = await areaOf(sys, "demo-cadre");
    const body = buildReport(village, { relation: "cadre" });
    const res = await submitAs(sys, "demo-cadre", { ...body, household: { ...body.household!, name } });
    const auth = { authorization: `Bearer ${await sys.tokenFor("demo-cadre")}` };
    await sys.request().post(`/api/reports/${res.body.id}/accept`).set(auth).send({});
    expect((await sys.request().post(`/api/reports/${res.body.id}/opinion`).set(auth).send({ kind: "propose_monitoring" })).status).toBe(200);
    return { id: res.body.id, number: res.body.number };
  }

  async function step(who: string, id: string, body: object): Promise<void> {
    const res = await sys
      .request()
      .post(`/api/reports/${id}/identification`)
      .set({ authorization: `Bearer ${await sys.tokenFor(who)}` })
      .send(body);
    expect(res.status).toBe(200);
  }

  const c = useConsoleBrowser(
    async () => {
      sys = await startTestSystem("sqlite", { start: "2026-06-01T02:00:00Z" }); // Monday 06-01, 10:00 in China
      // received first and approved 06-09: its entry and plan are not late on 06-18
      const early = await proposed("王建国");
      numbers.early = early.number;
      sys.clock.set(cst("2026-06-02T10:00:00"));
      // received 06-02, consent signed and nothing since: its 15 days ended 06-17 24:00
      const late = await proposed("赵春梅");
      numbers.late = late.number;
      await step("demo-cadre", late.id, { step: "consent", date: "2026-06-02", signed: true });
      sys.clock.set(cst("2026-06-09T10:00:00"));
      await step("demo-cadre", early.id, { step: "consent", date: "2026-06-01", signed: true });
      await step("demo-cadre", early.id, { step: "village_review", date: "2026-06-02", form: "villagers_meeting", result: "agree" });
      await step("demo-cadre", early.id, { step: "notice", date: "2026-06-03" });
      await step("demo-cadre", early.id, { step: "notice_result", date: "2026-06-09", result: "no_objection" });
      await step("demo-township", early.id, { step: "township_review", date: "2026-06-09", result: "agree" });
      await step("demo-county", early.id, {
        step: "county_decision",
        date: "2026-06-09",
        result: "approved",
        kind: "marginal",
        announcement: "绥棱县公告〔2026〕3号",
      });
      sys.clock.set(cst("2026-06-18T10:00:00"));
      return sys;
    },
    (started) => started.close(),
    { viewport: { width: 1366, height: 768 } },
  );
  beforeAll(() => ({ page, base, browser } = c));

  // fails if: the cases are listed in receipt order or by deadline alone instead of overdue first,
  // the next step or its holder is not said in Chinese, or a full name shows
  it("a county officer sees the overdue case first, with its next step, who holds it and how late it is", async () => {
    await signInWithDemo(page, base, "demo-county");
    await page.click('#nav a[data-page="identification"]');
    await page.waitForSelector("#cases tbody tr");
    const rows = await page
      .locator("#cases tbody tr")
      .evaluateAll((trs) => trs.map((tr) => ({ number: tr.getAttribute("data-number"), overdue: tr.classList.contains("overdue") })));
    expect(rows).toEqual([
      { number: numbers.late, overdue: true },
      { number: numbers.early, overdue: false },
    ]);
    const first = await page.locator("#cases tbody tr").first().innerText();
    expect(first).toContain("下一步：民主评议");
    expect(first).toContain("村干部");
    expect(first).toContain("已超期1天");
    expect(first).toContain("赵**");
    const second = await page.locator("#cases tbody tr").nth(1).innerText();
    expect(second).toContain("下一步：系统录入、制定帮扶计划");
    // ten days from 06-09 end on 06-19, 端午 (a rest day): the last day moves to Monday 06-22
    expect(second).toContain("还剩4天");
    expect(await page.locator('#stages [data-kpi="overdue"] b').innerText()).toBe("1");
    expect(await page.textContent("main")).not.toMatch(/王建国|赵春梅/);
    if (shots) {
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: path.join(shots, "identification-cases.png"), fullPage: true });
    }
    expect(browser.pageErrors).toEqual([]);
  });

  // fails if: the register tab is missing, shows a full name, or leaves out the kind, the identification date or the running clocks
  it("the register tab lists the monitored household with its kind, identification date and clocks, name masked", async () => {
    await signInWithDemo(page, base, "demo-county");
    await page.goto(`${base}/console/#/identification`);
    await page.click('#tabs a[data-tab="register"]');
    await page.waitForSelector("#register tbody tr");
    const rows = await page.locator("#register tbody tr").allInnerTexts();
    expect(rows).toHaveLength(1);
    for (const words of ["王**", "边缘易致贫户", "2026-06-09", "因病", "尚未制定帮扶计划", "认定后10天内录入系统：6月22日24时前"])
      expect(rows[0]).toContain(words);
    expect(await page.textContent("main")).not.toContain("王建国");
    if (shots) await page.screenshot({ path: path.join(shots, "identification-register.png"), fullPage: true });
    expect(browser.pageErrors).toEqual([]);
  });

  // fails if: the dashboard lacks the identification rates, counts a clock not yet ended, or shows 0% where no clock ended
  it("the dashboard shows 15日内识别认定率 beside 5日内答复率, and — for the 10-day clocks not ended yet", async () => {
    await signInWithDemo(page, base, "demo-county");
    await page.goto(`${base}/console/#/dashboard`);
    await page.waitForSelector('[data-kpi="identify_within_15_days"]');
    const card = (name: string) => page.locator(`[data-kpi="${name}"]`).innerText();
    // the 15 days of both cases ended (06-16 kept, 06-17 missed); the 10 days after approval end 06-22
    expect(await card("identify_within_15_days")).toMatch(/50%\s*15日内识别认定率\s*近30天到期 2 件，按期 1 件/);
    expect(await card("entry_within_10_days")).toMatch(/—\s*10日内录入率/);
    expect(await card("plan_within_10_days")).toMatch(/—\s*10日内制定帮扶计划率/);
    if (shots) await page.screenshot({ path: path.join(shots, "identification-dashboard.png") });
    expect(browser.pageErrors).toEqual([]);
  });

  // fails if: on a 390 px phone the page scrolls sideways (a table or the stage cards wider than the screen)
  it("on a phone the cases and the register never scroll the page sideways", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await signInWithDemo(page, base, "demo-county");
      await page.goto(`${base}/console/#/identification`);
      await page.waitForSelector("#cases tbody tr");
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      if (shots) await page.screenshot({ path: path.join(shots, "identification-phone.png"), fullPage: true });
      await page.click('#tabs a[data-tab="register"]');
      await page.waitForSelector("#register tbody tr");
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    } finally {
      await page.setViewportSize({ width: 1366, height: 768 });
    }
  });

  // fails if: the menu hides the page from the township, or shows it to a village cadre (who works in the mini-program)
  it("the township has the page in its menu; a village cadre does not", async () => {
    await signInWithDemo(page, base, "demo-township");
    expect(await page.isHidden('#nav a[data-page="identification"]')).toBe(false);
    await signInWithDemo(page, base, "demo-cadre");
    expect(await page.isHidden('#nav a[data-page="identification"]')).toBe(true);
  });
});
