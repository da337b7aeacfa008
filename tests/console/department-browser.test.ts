import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { markOverdueReports } from "../../src/cron/report-clock.js";
import { areaOf, buildReport, submitAs, uniquePhone, validIdNumber } from "../helpers/factories.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";
import { haveChromium, inCi, signInWithDemo, useConsoleBrowser, type ConsoleBrowser } from "./chromium.js";

/** Where the screenshots go when SCREENSHOTS_DIR is set (to look at them). */
const shots = process.env.SCREENSHOTS_DIR;
const DAY = 86_400_000;

/** Issue 14 item 4: the department's workspace, and the report page's moves read from the report (headless Chromium). */
describe.runIf(haveChromium || inCi)("the department's workspace in the console (headless Chromium)", () => {
  let sys: TestSystem;
  let base: string;
  let page: Page;
  let browser: ConsoleBrowser;
  const n: Record<string, string> = {};
  const id: Record<string, string> = {};

  const c = useConsoleBrowser(
    async () => {
      sys = await startTestSystem("sqlite");
      const village = await areaOf(sys, "demo-cadre");
      const cadre = `Bearer ${await sys.tokenFor("demo-cadre")}`;
      // 民政's alert list: two rows; the village accepts one and answers it
      const list = [
        "姓名,身份证号,村,风险类型,备注",
        `周大年,${validIdNumber()},${village},因病,医保预警`,
        `钱小梅,${validIdNumber()},${village},因残,残联预警`,
      ].join("\r\n");
      const done = await sys
        .request()
        .post("/api/department-alerts/commit?fileName=3月民政预警.csv")
        .set("authorization", `Bearer ${await sys.tokenFor("demo-department")}`)
        .set("content-type", "text/csv")
        .send(Buffer.from(list));
      expect(done.body.created).toBe(2);
      const queue = await sys.request().get("/api/queue").set("authorization", cadre);
      const alert = queue.body.items.find((r: { number: string }) => r.number === done.body.rows[0].number);
      await sys.request().post(`/api/reports/${alert.id}/accept`).set("authorization", cadre).send({});
      await sys.request().post(`/api/reports/${alert.id}/opinion`).set("authorization", cadre).send({ kind: "propose_monitoring" });
      // two reports transferred to 民政, one to 住建 (which 民政 must not see)
      for (const [key, name, department] of [
        ["first", "郑春梅", "civil_affairs"],
        ["second", "冯秋生", "civil_affairs"],
        ["housing", "卫冬青", "housing"],
      ]) {
        const res = await submitAs(
          sys,
          "demo-cadre",
          buildReport(village, { relation: "cadre", household: { name, phone: uniquePhone(), idNumber: validIdNumber() } }),
        );
        await sys
          .request()
          .post(`/api/reports/${res.body.id}/transfer`)
          .set("authorization", cadre)
          .send({ to: "department", department, reason: "请部门核查" });
        n[key] = res.body.number;
        id[key] = res.body.id;
      }
      // a report the township accepted itself: it may reach the household
      const taken = await submitAs(sys, "demo-cadre", buildReport(village, { relation: "cadre", household: { name: "沈立秋", phone: "13712340001" } }));
      await sys
        .request()
        .post(`/api/reports/${taken.body.id}/accept`)
        .set("authorization", `Bearer ${await sys.tokenFor("demo-township")}`)
        .send({});
      id.township = taken.body.id;
      return sys;
    },
    (started) => started.close(),
    { viewport: { width: 1366, height: 900 } },
  );
  beforeAll(() => ({ page, base, browser } = c));

  // fails if: a department cannot sign in to the console, lands on a page it may not use, or sees another department's transfer
  it("民政 signs in and lands on its workspace: its transfers with their clock, and its alert list's results", async () => {
    await signInWithDemo(page, base, "demo-department");
    await page.waitForSelector("#transfers tbody tr");
    expect(page.url()).toContain("#/workspace");
    const rows = await page.locator("#transfers tbody tr").allInnerTexts();
    expect(rows).toHaveLength(2);
    expect(rows.join("\n")).toContain(n.first);
    expect(rows.join("\n")).not.toContain(n.housing);
    // the clock starts at the transfer (Monday 2 March): 5 days on, Saturday 7 March moves to Monday 9 March
    const first = rows.find((r) => r.includes(n.first))!;
    expect(first).toContain("郑春梅");
    expect(first).toContain("2026-03-02");
    expect(first).toContain("2026-03-09 24:00 前");
    const batch = await page.locator("#batches tbody tr").innerText();
    expect(batch).toContain("3月民政预警.csv");
    expect(batch.replace(/\s+/g, " ")).toMatch(/2 1 1 拟纳入监测 1/);
    // the menu offers only what a department may use
    const menu = await page.locator("#nav a:visible").allInnerTexts();
    expect(menu).toEqual(["部门工作台", "申报", "部门预警"]);
    if (shots) await page.screenshot({ path: `${shots}/console-department-workspace.png`, fullPage: true });
  });

  // fails if: the page offers the opinion form by role instead of asking the report (the department would see it on its own alert)
  it("the report page shows the opinion form on a transfer to it, not on its own alert the village holds", async () => {
    await page.click(`#transfers a:has-text("${n.first}")`);
    await page.waitForSelector('form[data-form="opinion"]');
    expect(await page.textContent("main")).toContain("转交日期");
    await page.goto(`${base}/console/#/reports`);
    await page.waitForSelector("#reports tbody tr");
    const alertRow = page.locator("#reports tbody tr", { hasText: "钱小梅" });
    await alertRow.locator("a").click();
    await page.waitForSelector("#timeline");
    expect(await page.locator('form[data-form="opinion"]').count()).toBe(0);
    expect(await page.textContent("main")).toContain("钱小梅");
  });

  // fails if: the county gets no 接手办理 button once a department's clock ran out, or gets it before
  it("the county gets 接手办理 and 退回村里 once 民政's clock ran out, and takes it over", async () => {
    await page.click("#sign-out");
    await signInWithDemo(page, base, "demo-county");
    await page.goto(`${base}/console/#/reports/${id.second}`);
    await page.waitForSelector("#timeline");
    expect(await page.locator('button[data-move="take-over"]').count()).toBe(0);
    sys.clock.advance(8 * DAY);
    await markOverdueReports(sys.deps);
    // a week on, the morning's session has expired: sign in again
    await page.click("#sign-out");
    await signInWithDemo(page, base, "demo-county");
    await page.goto(`${base}/console/#/reports/${id.second}`);
    await page.waitForSelector('button[data-move="take-over"]');
    expect(await page.locator('form[data-form="send-back"]').count()).toBe(1);
    if (shots) await page.screenshot({ path: `${shots}/console-county-take-over.png`, fullPage: true });
    await page.click('button[data-move="take-over"]');
    await page.waitForSelector("#msg .notice.ok");
    expect(await page.textContent("#timeline")).toContain("县里已接手办理");
    // taken over: the county now answers it itself
    await page.waitForSelector('form[data-form="opinion"]');
  });

  // fails if: the township has no way to the household's number on a report it accepted, or the number shows before it asks
  it("the township reveals the phone of a report it accepted (查看完整号码)", async () => {
    await page.click("#sign-out");
    await signInWithDemo(page, base, "demo-township");
    await page.goto(`${base}/console/#/reports/${id.township}`);
    await page.waitForSelector("#reveal");
    expect(await page.textContent("#phone")).toContain("137****0001");
    await page.click("#reveal");
    await page.waitForFunction(() => document.querySelector("#phone")?.textContent?.includes("13712340001"));
    expect(await page.locator("#reveal").count()).toBe(0);
    if (shots) await page.screenshot({ path: `${shots}/console-township-reveal.png`, fullPage: true });
  });

  it("no script errors on any page", () => {
    expect(browser.pageErrors).toEqual([]);
  });
});
