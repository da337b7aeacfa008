// @vitest-environment jsdom
/**
 * `npm run screenshots`: the main screens of the console and the mini-program, on the demo data,
 * as PNG files in docs/screenshots/ (the README shows them). The mini-program pages are rendered by
 * miniprogram-simulate against a whole yijian, then drawn by Chromium at a phone's size.
 */
import { mkdirSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { demoVillage, fillFirstReport } from "../tests/miniprogram/flows.js";
import { startPhone, type Phone, type Rendered } from "../tests/miniprogram/harness.js";

const OUT = path.resolve("docs/screenshots");
const PHONE = { width: 390, height: 844 };
const DESK = { width: 1366, height: 768 };

/** WeChat's own tags as the browser should lay them out. */
const WX_TAGS = `
  wx-view, wx-picker, wx-textarea, wx-input, wx-form { display: block; }
  wx-text { display: inline; }
  wx-textarea, wx-input { background: #fff; }
  body { margin: 0; }
`;

let phone: Phone;
let browser: Browser;
let server: Server;
let base = "";

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  phone = await startPhone("sqlite", { env: { NODE_ENV: "development" } });
  server = phone.system.app.listen(0);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox", "--disable-gpu"] });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  await phone?.close();
});

/** Draws a rendered mini-program page as a 390×844 phone screen shows it. */
async function shootPage(rendered: Rendered, name: string) {
  const styles = [...document.querySelectorAll("style")].map((s) => s.textContent).join("\n");
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>${WX_TAGS}${styles}</style></head><body>${rendered.dom.outerHTML}</body></html>`;
  const page = await browser.newPage({ viewport: PHONE });
  await page.setContent(html);
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
  await page.close();
}

async function consolePage(viewport: { width: number; height: number }, username: string): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(`${base}/console/#/signin`);
  await page.click(`button.demo[data-username="${username}"]`);
  await page.waitForSelector("[data-kpi]");
  return page;
}

it("the mini-program: household", async () => {
  phone.loginCode = "screenshot-household";
  const home = await phone.open("/pages/home/home");
  await phone.waitFor(() => home.querySelector("#verify-phone"), "signed in, with the 确认是我家 button");
  await shootPage(home, "mp-home");

  const report = await phone.open("/pages/report/report");
  await phone.waitFor(() => report.querySelector("#type-illness"), "the risk types");
  await phone.tap(report, "#type-illness");
  await phone.tap(report, "#type-spending_rise");
  await phone.type(report, "#description", "老伴住院花了三万多");
  await shootPage(report, "mp-report");

  // a first report from this household, answered by the village
  const village = await demoVillage(phone);
  await fillFirstReport(phone, report, { village, name: "张德福", mobile: "13800138001", riskTypes: [] });
  await phone.tap(report, "#submit");
  const receipt = await phone.waitFor(
    () => phone.requests.find((r) => r.path === "/api/reports" && r.status === 201)?.body as { id: string } | undefined,
    "the report",
  );
  const cadre = await phone.system.tokenFor("demo-cadre");
  for (const [move, body] of [
    ["accept", {}],
    ["opinion", { kind: "already_assisted", reason: "已申请大病救助，医保报销后自付部分再报销一半" }],
  ] as const) {
    await phone.system.request().post(`/api/reports/${receipt.id}/${move}`).set("Authorization", `Bearer ${cadre}`).send(body);
  }
  const mine = await phone.open("/pages/my-reports/my-reports");
  await phone.waitFor(() => mine.data.loaded, "我的申报");
  await shootPage(mine, "mp-my-reports");

  // a question the sheets answer, and one they do not answer surely (the closest lines shown as "for reference")
  const policies = await phone.open("/pages/policies/policies");
  await phone.type(policies, "#question", "孙子上职高 雨露计划一年给多少钱");
  await phone.tap(policies, "#ask");
  await phone.waitFor(() => policies.querySelectorAll(".answer").length, "the answers");
  await shootPage(policies, "mp-policies-answer");
  await phone.type(policies, "#question", "俺家发大水了 地全泡了 咋整");
  await phone.tap(policies, "#ask");
  await phone.waitFor(() => policies.querySelector("#not-sure"), "the honest 'not sure'");
  await shootPage(policies, "mp-policies-not-sure");
  // the flood told of its own household: the offer opens the report with 因灾 chosen
  await phone.waitFor(() => policies.querySelector("#offer-report"), "the offer to report");
  phone.navigations.length = 0;
  await phone.tap(policies, "#offer-report-button");
  const fromOffer = await phone.open(phone.navigations[0]);
  await phone.waitFor(() => fromOffer.querySelectorAll(".type-selected").length, "the risk type chosen");
  await shootPage(fromOffer, "mp-report-from-offer");

  const sheet = await phone.open("/pages/policy-sheet/policy-sheet?sheetId=hlj-medical");
  await phone.waitFor(() => sheet.querySelector(".sheet-heading"), "the sheet's headings");
  await shootPage(sheet, "mp-policy-sheet");
});

it("the mini-program: village cadre", async () => {
  phone.storage.clear();
  phone.storage.set("yijian.token", await phone.system.tokenFor("demo-cadre"));
  phone.storage.set("yijian.role", "village_cadre");
  const queue = await phone.open("/pages/queue/queue");
  await phone.waitFor(() => queue.data.loaded, "the queue");
  expect(queue.querySelectorAll(".item").length).toBeGreaterThan(0);
  await shootPage(queue, "mp-queue");

  const rows = queue.data.rows as Array<{ id: string; tone: string }>;
  const overdue = rows.find((r) => r.tone === "overdue") ?? rows[0];
  const detail = await phone.open(`/pages/report-detail/report-detail?reportId=${overdue.id}`);
  await phone.waitFor(() => detail.data.report, "the detail");
  await shootPage(detail, "mp-report-detail");

  const entry = await phone.open("/pages/staff-report/staff-report");
  await phone.waitFor(() => entry.querySelector("#type-illness"), "the entry form");
  await phone.tap(entry, "#way-paper");
  await shootPage(entry, "mp-staff-report");

  // a new cadre's first sign-in: the one-time password only opens the new-password step
  const created = await phone.system
    .request()
    .post("/api/staff")
    .set("authorization", `Bearer ${await phone.system.tokenFor("demo-county")}`)
    .send({ displayName: "村干部 新来的", phone: "13900000099", role: "village_cadre", areaCode: (await demoVillage(phone)).code });
  phone.storage.clear();
  const login = await phone.open("/pages/staff-login/staff-login");
  await phone.type(login, "#phone", "13900000099");
  await phone.type(login, "#password", created.body.oneTimePassword);
  await phone.tap(login, "#sign-in");
  await phone.waitFor(() => login.querySelector("#new-password-title"), "the new-password step");
  await phone.type(login, "#newPassword", "abc");
  await phone.type(login, "#repeat", "abc");
  await phone.tap(login, "#save-password");
  await phone.waitFor(() => login.querySelector("#newPassword-error"), "the new password's error");
  await shootPage(login, "mp-staff-password");
});

it("the console", async () => {
  const desk = await consolePage(DESK, "demo-county");
  await desk.waitForSelector("#overdue-weeks svg");
  await desk.screenshot({ path: path.join(OUT, "console-dashboard.png"), fullPage: true });

  await desk.click('[data-kpi="open"]');
  await desk.waitForSelector("#reports");
  await desk.screenshot({ path: path.join(OUT, "console-reports.png") });

  await desk.goto(`${base}/console/#/policies?edit=new`);
  await desk.waitForSelector("#sheet");
  await desk.fill("input[name=title]", "示例明白纸");
  await desk.click("#sheet button[type=submit]");
  await desk.waitForSelector(".field-error");
  await desk.screenshot({ path: path.join(OUT, "console-policy-errors.png") });

  await desk.goto(`${base}/console/#/ledger`);
  await desk.waitForSelector("#download");
  await desk.check("#full");
  await desk.click("#download");
  await desk.waitForSelector(".field-error");
  await desk.screenshot({ path: path.join(OUT, "console-ledger.png") });
  await desk.close();

  const small = await consolePage(PHONE, "demo-township");
  await small.screenshot({ path: path.join(OUT, "console-phone-dashboard.png") });
  await small.goto(`${base}/console/#/reports`);
  await small.waitForSelector("#reports");
  await small.screenshot({ path: path.join(OUT, "console-phone-reports.png") });
  await small.close();
});
