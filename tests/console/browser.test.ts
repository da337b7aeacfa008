import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LEDGER_COLUMNS } from "../../src/services/ledger-service.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";
import { CHROMIUM, haveChromium, inCi, openConsoleBrowser, type ConsoleBrowser } from "./chromium.js";
import { badCheckDigit, demoPlaces, fileReport, validId, type Places } from "./console-fixtures.js";

if (!haveChromium && !inCi) console.log(`[yijian] ${CHROMIUM} is missing: SKIPPED the console browser test (apt-get install chromium to run it).`);

const DAY = 86_400_000;

describe.runIf(haveChromium || inCi)("the county console in headless Chromium", () => {
  let sys: TestSystem;
  let server: Server;
  let base: string;
  let places: Places;
  let browser: ConsoleBrowser;
  let page: Page;

  beforeAll(async () => {
    sys = await startTestSystem("sqlite");
    places = await demoPlaces(sys);
    // Monday 2026-03-02: two reports in village A and one in village B; eight days later they are overdue
    await fileReport(sys, "demo-cadre", places.villageA.code, ["illness"]);
    await fileReport(sys, "demo-cadre", places.villageA.code, ["housing", "illness"]);
    await fileReport(sys, "demo-cadre-other", places.villageB.code, ["disaster"]);
    sys.clock.advance(8 * DAY);
    await fileReport(sys, "demo-cadre", places.villageA.code, ["schooling"]);
    server = sys.app.listen(0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    browser = await openConsoleBrowser({ acceptDownloads: true });
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
  }

  it("demo-county signs in and sees the villages with overdue counts, the late village first and red", async () => {
    await signInAs("demo-county");
    await page.waitForSelector("#villages tbody tr");
    const rows = await page.$$eval("#villages tbody tr", (trs) =>
      trs.map((tr) => ({
        village: (tr as HTMLElement).dataset.village,
        overdue: tr.querySelector("td:nth-child(3)")!.textContent!.trim(),
        red: tr.classList.contains("overdue"),
      })),
    );
    expect(rows[0]).toEqual({ village: places.villageA.code, overdue: "2", red: true });
    expect(rows[1]).toEqual({ village: places.villageB.code, overdue: "1", red: true });
    expect(await page.textContent('[data-kpi="overdue"] b')).toBe("3");
    expect(await page.locator("svg.chart").count()).toBeGreaterThanOrEqual(3);
    expect(await page.textContent("#who")).toContain("王科长");

    await page.selectOption("#scope", `${places.villageB.code.slice(0, 9)}000`);
    await page.waitForFunction(
      (code) =>
        document.querySelectorAll("#villages tbody tr").length === 1 && document.querySelector("#villages tbody tr")?.getAttribute("data-village") === code,
      places.villageB.code,
    );
    expect(await page.textContent('[data-kpi="overdue"] b')).toBe("1");
    await page.selectOption("#scope", "");
    await page.waitForFunction(() => document.querySelectorAll("#villages tbody tr").length === 2);
  });

  it("downloads the ledger, an Excel file with masked phones and village names", async () => {
    await page.click('#nav a[data-page="ledger"]');
    await page.waitForSelector("#download");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
    expect(download.suggestedFilename()).toMatch(/^申报台账_.+\.xlsx$/);
    const file = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(LEDGER_COLUMNS.map((c) => c.header));
    const col = (name: string) => LEDGER_COLUMNS.findIndex((c) => c.header === name) + 1;
    const rows: ExcelJS.Row[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1 && /^\d{6}-\d{5}$/.test(String(row.getCell(col("申报编号")).value))) rows.push(row);
    });
    expect(rows).toHaveLength(4);
    const housing = rows.find((r) => r.getCell(col("风险类型")).value === "住房安全、因病")!;
    expect(housing.getCell(col("村")).value).toBe(places.villageA.name);
    expect(String(housing.getCell(col("联系电话")).value)).toMatch(/^138\*{4}\d{4}$/);
    expect(housing.getCell(col("是否超期")).value).toBe("是");
  });

  it("the county's full ledger: the reason is asked next to its field, then the file holds full names and says why", async () => {
    await page.click('#nav a[data-page="ledger"]');
    await page.waitForSelector("#download");
    await page.check("#full");
    await page.click("#download");
    const error = page.locator('.field-error[data-field="reason"]');
    await error.waitFor();
    expect(await error.textContent()).toBe("导出原因：导出完整姓名和身份证号，请写明原因（至少4个字，例如：与全国防返贫监测信息系统比对）");
    // the error sits right under the reason's box
    expect(await page.evaluate(() => document.querySelector("#reason-label")!.nextElementSibling?.classList.contains("field-error"))).toBe(true);
    if (process.env.SCREENSHOTS_DIR) await page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/console-ledger-full.png`, fullPage: true });
    await page.fill("#reason", "与全国防返贫监测信息系统比对");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
    expect(download.suggestedFilename()).toMatch(/^申报台账_完整信息_.+\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
    const names: string[] = [];
    wb.worksheets[0].eachRow((row, n) => {
      if (n > 1) names.push(String(row.getCell(LEDGER_COLUMNS.findIndex((c) => c.header === "户主") + 1).value));
    });
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toMatch(/^王\d+号$/);
    const about: string[] = [];
    wb.getWorksheet("说明")!.eachRow((row) => about.push(row.values!.toString()));
    expect(about.join("\n")).toContain("导出原因：与全国防返贫监测信息系统比对");
  });

  const alertCsv = () =>
    Buffer.from(
      [
        "姓名,身份证号,村,风险类型,备注",
        `李大山,${validId("23122619700101001")},${places.villageA.code},因病,医保预警`,
        `刘小花,${validId("23122619820202002")},${places.villageB.name},住房安全,"住建局：C级危房, 需核查"`,
        `陈老三,${badCheckDigit("23122619650303003")},${places.villageA.code},因残,`,
      ].join("\r\n"),
    );

  async function uploadAlerts() {
    await page.click('#nav a[data-page="alerts"]');
    await page.waitForSelector("#file");
    await page.setInputFiles("#file", { name: "民政预警.csv", mimeType: "text/csv", buffer: alertCsv() });
    await page.click("#upload button[type=submit]");
    await page.waitForSelector("#preview-rows");
  }

  it("uploads an alert list, sees the bad row's error in Chinese, and commits the good rows", async () => {
    await uploadAlerts();
    expect(await page.textContent('#preview-rows tr[data-row="4"]')).toContain("身份证号最后一位校验码不对");
    expect(await page.textContent('#preview-rows tr[data-row="2"]')).toContain("可以导入");
    expect(await page.textContent('#preview-rows tr[data-row="3"]')).toContain(places.villageB.name);
    await page.click("#commit");
    await page.waitForSelector("#result .notice");
    expect(await page.textContent("#result")).toContain("新建2条");

    await page.click("#result a");
    await page.waitForSelector("#reports tbody tr");
    const channels = await page.$$eval("#reports tbody tr td:nth-child(6)", (tds) => tds.map((td) => td.textContent));
    expect(channels.filter((c) => c === "部门预警")).toHaveLength(2);
  });

  it("uploading the same file again creates nothing new", async () => {
    await uploadAlerts();
    await page.click("#commit");
    await page.waitForSelector("#result .notice");
    expect(await page.textContent("#result")).toContain("新建0条，已存在2条");
    const queue = await sys
      .request()
      .get("/api/queue")
      .set("authorization", `Bearer ${await sys.tokenFor("demo-county")}`);
    expect(queue.body.total).toBe(6);
  });

  it("creates a village cadre's account, hands over the one-time password, moves it to another village and locks it", async () => {
    await page.click('#nav a[data-page="staff"]');
    await page.waitForSelector("#staff tbody tr");
    await page.fill("#create input[name=displayName]", "村委会 钱会计");
    await page.fill("#create input[name=phone]", "13611112222");
    await page.selectOption("#create select[name=role]", "village_cadre");
    await page.selectOption("#create select[name=township]", `${places.villageA.code.slice(0, 9)}000`);
    await page.waitForSelector(`#create select[name=village] option[value="${places.villageA.code}"]`, { state: "attached" });
    await page.selectOption("#create select[name=village]", places.villageA.code);
    await page.click("#save");
    await page.waitForSelector("#msg .notice.ok");
    const password = /一次性密码：([A-Za-z0-9]{12})/.exec((await page.textContent("#msg"))!)![1];
    const signIn = () => sys.request().post("/api/auth/staff").send({ phone: "13611112222", password });
    expect((await signIn()).status).toBe(200);

    const row = page.locator("#staff tbody tr", { hasText: "钱会计" });
    expect(await row.textContent()).toContain(places.villageA.name);
    await row.locator('button[data-act="edit"]').click();
    await page.selectOption("#create select[name=township]", `${places.villageB.code.slice(0, 9)}000`);
    await page.waitForSelector(`#create select[name=village] option[value="${places.villageB.code}"]`, { state: "attached" });
    await page.selectOption("#create select[name=village]", places.villageB.code);
    await page.click("#save");
    await page.locator("#msg .notice.ok", { hasText: "已保存修改" }).waitFor();
    expect(await page.locator("#staff tbody tr", { hasText: "钱会计" }).textContent()).toContain(places.villageB.name);

    page.once("dialog", (d) => d.accept());
    await page.locator("#staff tbody tr", { hasText: "钱会计" }).locator('button[data-act="lock"]').click();
    await page.waitForSelector("#staff tbody tr.locked");
    expect((await signIn()).body.error.code).toBe("account_disabled");
  });

  it("plans a screening campaign for one township and switches a reminder rule off; the calendar follows", async () => {
    await page.click('#nav a[data-page="rhythm"]');
    await page.waitForSelector("#rule-list tbody tr");
    await page.fill("#campaign input[name=name]", "三月专项排查");
    await page.fill("#campaign input[name=firstDay]", "2026-03-20");
    await page.fill("#campaign input[name=lastDay]", "2026-03-31");
    await page.check(`#campaign input[name=area][value="${places.township.code}"]`);
    await page.click("#campaign-save");
    await page.locator("#msg .notice.ok", { hasText: "已创建" }).waitFor();
    expect(await page.locator("#campaign-list tbody tr", { hasText: "三月专项排查" }).textContent()).toContain(places.township.name);
    await page.locator("#calendar-list", { hasText: "三月专项排查" }).waitFor();

    const routine = page.locator("#rule-list tbody tr", { hasText: "每月常态化排查" });
    await routine.locator('button[data-act="toggle"]').click();
    await page.locator("#msg .notice.ok", { hasText: "已停用" }).waitFor();
    expect(await page.locator("#rule-list tbody tr", { hasText: "每月常态化排查" }).textContent()).toContain("已停用");
    expect(await page.locator("#calendar-list").textContent()).not.toContain("每月常态化排查");
  });

  it("publishes a new version of a policy sheet; households then read the new text", async () => {
    const before = (await sys.request().get("/api/policies/hlj-dibao")).body.version as number;
    await page.click('#nav a[data-page="policies"]');
    await page.waitForSelector("#sheet-list tbody tr");
    const row = page.locator('#sheet-list tbody tr[data-id="hlj-dibao"]');
    expect(await row.textContent()).toContain(`第${before}版`);
    await row.locator("a").click();
    await page.waitForSelector("#sheet textarea[name=body]");
    const body = await page.inputValue("#sheet textarea[name=body]");
    await page.fill("#sheet textarea[name=body]", `${body}\n\n## 县里的电话\n低保问题可打县民政局电话。`);
    await page.click("#sheet button[type=submit]");
    await page.locator("#msg .notice.ok", { hasText: `第${before + 1}版` }).waitFor();
    expect(await page.locator('#sheet-list tbody tr[data-id="hlj-dibao"]').textContent()).toContain(`第${before + 1}版`);
    const published = await sys.request().get("/api/policies/hlj-dibao");
    expect(published.body.version).toBe(before + 1);
    expect(published.body.body).toContain("县民政局");
  });

  it("a policy sheet with too few questions is refused with the reason", async () => {
    await page.goto(`${base}/console/#/policies?edit=new`);
    await page.waitForSelector("#sheet input[name=id]");
    await page.fill("#sheet input[name=id]", "test-sheet");
    await page.fill("#sheet input[name=title]", "测试明白纸");
    await page.check("#sheet input[name=audience][value=all_households]");
    await page.fill("#sheet input[name=source]", "测试文件");
    await page.fill("#faq li:first-child input[name=q]", "问一个问题？");
    await page.fill("#faq li:first-child textarea[name=a]", "答一句话。");
    await page.click("#sheet button[type=submit]");
    await page.waitForSelector("#msg .notice.error");
    expect(await page.textContent("#msg")).toContain("常见问题至少要有5条");
  });

  it("filters the list to overdue reports; a township takes over an overdue report and answers it", async () => {
    await page.goto(`${base}/console/#/reports?overdue=true`);
    await page.waitForSelector("#reports tbody tr");
    expect(await page.locator("#reports tbody tr").count()).toBe(3);

    await page.click("#sign-out");
    await signInAs("demo-township");
    await page.waitForSelector("#villages tbody tr");
    await page.goto(`${base}/console/#/reports?overdue=true`);
    await page.waitForSelector("#reports tbody tr");
    expect(await page.locator("#reports tbody tr").count()).toBe(2);
    await page.click("#reports tbody tr:first-child a");
    await page.waitForSelector('button[data-move="accept"]');
    // fails if: the page does not say who reported, in Chinese (issue 14: two people on every report)
    expect((await page.textContent("#reporter"))?.trim()).toMatch(/^(本人|家庭成员|邻居代报|网格员代报|村干部代报|部门预警)/);
    if (process.env.SCREENSHOTS_DIR) await page.screenshot({ path: `${process.env.SCREENSHOTS_DIR}/console-report-moves.png`, fullPage: true });
    await page.click('button[data-move="accept"]');
    await page.waitForSelector('form[data-form="opinion"]');
    await page.selectOption('form[data-form="opinion"] select[name=kind]', "propose_monitoring");
    await page.click('form[data-form="opinion"] button[type=submit]');
    // the accept step's "已保存" is still on the page: wait for this opinion's own result, not for any notice
    await expect.poll(() => page.textContent("#status"), { timeout: 10_000 }).toBe("已提出办理意见");
    expect(await page.textContent("#msg")).toContain("已保存");
    const timeline = await page.textContent("#timeline");
    expect(timeline).toContain("村委会已受理");
    expect(timeline).toContain("办理意见：拟纳入监测");
  });

  // fails if: a department lands on a page it may not use (issue 14: it has its own workspace; tests/console/department-browser.test.ts)
  it("a department account lands on its own workspace, with no 总览 or 台账", async () => {
    await page.click("#sign-out");
    await signInAs("demo-department");
    await page.waitForSelector("#batches, #batches-empty");
    expect(page.url()).toContain("#/workspace");
    expect(await page.isHidden('#nav a[data-page="dashboard"]')).toBe(true);
    expect(await page.isHidden('#nav a[data-page="ledger"]')).toBe(true);
  });

  it("a township sees no department-alert or rhythm page, even by its address", async () => {
    await page.click("#sign-out");
    await signInAs("demo-township");
    await page.waitForSelector("#villages tbody tr");
    expect(await page.isHidden('#nav a[data-page="alerts"]')).toBe(true);
    await page.goto(`${base}/console/#/rhythm`);
    await page.waitForSelector("main .notice.error");
    expect(await page.textContent("main")).toContain("不能使用这个页面");
  });

  it("no script errors on any page", () => {
    expect(browser.pageErrors).toEqual([]);
  });
});
