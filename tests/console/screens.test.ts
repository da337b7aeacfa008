import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";
import { CHROMIUM, haveChromium, inCi, openConsoleBrowser, type ConsoleBrowser } from "./chromium.js";
import { demoPlaces, fileReport, move, type Places } from "./console-fixtures.js";

if (!haveChromium && !inCi) console.log(`[yijian] ${CHROMIUM} is missing: SKIPPED the console screens test.`);

const DAY = 86_400_000;

describe.runIf(haveChromium || inCi)("console screens: errors at their fields, counts that agree, charts, a phone's width", () => {
  let sys: TestSystem;
  let server: Server;
  let base: string;
  let places: Places;
  let page: Page;
  let browser: ConsoleBrowser;
  let waiting = { id: "", number: "" };

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`CI=true but ${CHROMIUM} is missing`);
    sys = await startTestSystem("sqlite");
    places = await demoPlaces(sys);
    // seven risk types, so the chart has more than five to show
    const kinds = ["illness", "housing", "disaster", "schooling", "accident", "disability", "dropout"];
    for (const k of kinds) await fileReport(sys, "demo-cadre", places.villageA.code, [k]);
    const answered = await fileReport(sys, "demo-cadre", places.villageA.code, ["illness"]);
    await move(sys, "demo-cadre", answered.id, "accept");
    await move(sys, "demo-cadre", answered.id, "opinion", { kind: "already_assisted", reason: "已享受临时救助" });
    sys.clock.advance(8 * DAY);
    waiting = await fileReport(sys, "demo-cadre", places.villageA.code, ["illness"]);
    await move(sys, "demo-cadre", waiting.id, "accept");
    await move(sys, "demo-cadre", waiting.id, "visit", { visitedAt: sys.clock.now().toISOString(), note: "到户看了" });
    server = sys.app.listen(0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await openConsoleBrowser({ viewport: { width: 1366, height: 768 } });
    page = browser.page;
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await sys?.close();
  });

  async function signInAs(username: string) {
    await page.goto(`${base}/console/#/signin`);
    await page.click(`button.demo[data-username="${username}"]`);
    // signed in once the page has left the sign-in form (else a later goto races the redirect)
    await page.waitForFunction(() => !location.hash.startsWith("#/signin"));
  }
  /** Whether an element is inside the window as it is scrolled now. */
  const inView = (selector: string) =>
    page.$eval(selector, (el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });

  it("the dashboard's 在办 card and the list it opens count the same reports (answered, not closed, included)", async () => {
    await signInAs("demo-county");
    await page.waitForSelector('[data-kpi="open"] b');
    const card = await page.textContent('[data-kpi="open"] b');
    expect(card).toBe("9");
    await page.click('[data-kpi="open"]');
    await page.waitForSelector("#reports");
    // fails if: the list's 全部 leaves out reports with an opinion but not closed
    expect(await page.textContent("#list .muted")).toContain(`共 ${card} 条`);
    expect(await page.$eval("select[name=status]", (s) => (s as HTMLSelectElement).selectedOptions[0].textContent)).toBe("全部（在办）");
  });

  it("the dashboard charts: overdue per week over 12 weeks, and the risk types as the top five and 其他", async () => {
    await page.goto(`${base}/console/#/dashboard`);
    await page.waitForSelector("#overdue-weeks svg");
    const bars = await page.$$eval("#overdue-weeks svg rect title", (ts) => ts.map((t) => t.textContent));
    expect(bars.length).toBeGreaterThan(0);
    expect(bars.every((t) => t!.includes("超期"))).toBe(true);
    expect(await page.$$eval("#overdue-weeks svg text.axis", (ts) => ts.filter((t) => /^W\d\d$/.test(t.textContent ?? "")).length)).toBe(12);
    const legend = await page.$$eval("#risk-weeks .legend span", (ss) => ss.map((s) => s.textContent));
    // fails if: every risk type gets its own colour (seven here)
    expect(legend).toHaveLength(6);
    expect(legend.at(-1)).toBe("其他");
    expect(legend[0]).toBe("因病");
  });

  it("a policy sheet with problems: every one listed in Chinese, each under its field, the page scrolled to the first", async () => {
    await page.goto(`${base}/console/#/policies?edit=new`);
    await page.waitForSelector("#sheet");
    await page.fill("input[name=id]", "test-sheet");
    await page.fill("input[name=title]", "测试明白纸");
    await page.fill("textarea[name=body]", "");
    await page.fill("input[name=source]", "某某文件");
    const questions = page.locator("#faq li input[name=q]");
    for (let i = 0; i < 5; i++) await questions.nth(i).fill(`问题${i + 1}`);
    await page.locator("#faq li textarea[name=a]").nth(0).fill("答案一");
    await page.click("#sheet button[type=submit]");
    await page.waitForSelector(".field-error");
    const text = await page.textContent("#msg");
    // fails if: English paths or 0-based numbers come back ("body：", "faq.0.answer")
    expect(text).not.toMatch(/body|faq|audience|\.\d/);
    expect(text).toContain("正文：");
    expect(text).toContain("适用人群：");
    expect(text).toContain("第2条问答的答案：");
    expect(await page.$$eval("#msg li", (lis) => lis.length)).toBeGreaterThanOrEqual(3);
    // the error stands right after its field
    const afterBody = await page.$eval("textarea[name=body]", (t) => t.closest("label")!.nextElementSibling?.textContent ?? "");
    expect(afterBody).toContain("正文：");
    const afterSecondAnswer = await page.$eval("#faq li:nth-child(2) textarea[name=a]", (t) => t.closest("label")!.nextElementSibling?.textContent ?? "");
    expect(afterSecondAnswer).toContain("第2条问答的答案");
    expect(await inView(".field-error")).toBe(true);
  });

  it("a reminder rule's code is called 代号, never 登录码", async () => {
    await page.goto(`${base}/console/#/rhythm`);
    await page.waitForSelector("#rule");
    await page.fill("#rule input[name=code]", "Bad Code");
    await page.fill("#rule input[name=title]", "测试");
    await page.fill("#rule textarea[name=template]", "请按时走访");
    await page.click("#rule-save");
    await page.waitForSelector("#rule .field-error");
    const texts = await page.$$eval("#rule .field-error", (ps) => ps.map((p) => p.textContent));
    expect(texts.some((t) => t!.startsWith("代号："))).toBe(true);
    expect(await page.textContent("#msg")).not.toContain("登录码");
  });

  it("a refused opinion is said next to the reason field, scrolled into view, not at the top of the page", async () => {
    // the township answers only a report it has taken over (issue 14: the form shows only where the report says so)
    await move(sys, "demo-cadre", waiting.id, "transfer", { to: "township", reason: "村里办不了" });
    await signInAs("demo-township");
    await page.goto(`${base}/console/#/reports/${waiting.id}`);
    await page.waitForSelector("form[data-form=opinion]");
    await page.selectOption("form[data-form=opinion] select[name=kind]", "not_eligible");
    await page.click("form[data-form=opinion] button[type=submit]");
    await page.waitForSelector("form[data-form=opinion] .field-error");
    // fails if: the refusal is only shown at the top (#msg) while the button is far below
    expect(await page.textContent("form[data-form=opinion] .field-error")).toContain("理由");
    expect(await inView("form[data-form=opinion] .field-error")).toBe(true);
  });

  it("on a 390×844 phone the report list and dashboard never scroll sideways", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAs("demo-county");
    await page.waitForSelector('[data-kpi="open"] b');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.goto(`${base}/console/#/reports`);
    await page.waitForSelector("#reports");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1366, height: 768 });
  });
});
