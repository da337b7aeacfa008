// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/seed/demo.js";
import { describeDueAt } from "../../src/domain/report/clock.js";
import { farmerReport, type Place } from "../helpers/two-townships.js";
import { demoVillage, fillFirstReport, navigatedTo } from "./flows.js";
import { startPhone, type Phone } from "./harness.js";

const DAY = 86_400_000;

describe("household reports in the mini-program; the village cadre handles it there", () => {
  let phone: Phone;
  let village: Awaited<ReturnType<typeof demoVillage>>;
  let householdStorage: Map<string, unknown>;
  let reportNumber = "";
  let laterNumber = "";
  /** Reports filed with the grid worker's, so overdue with it: in the township's other village, and in the other township. */
  let siblingVillageNumber = "";
  let otherTownshipNumber = "";

  beforeAll(async () => {
    phone = await startPhone();
    village = await demoVillage(phone);
  });
  afterAll(() => phone.close());

  it("a household submits and sees the result page with its number and the deadline", async () => {
    phone.loginCode = "household-zhang";
    const page = await phone.open("/pages/report/report");
    await fillFirstReport(phone, page, {
      village,
      name: "张三",
      mobile: "13800138001",
      riskTypes: ["illness", "spending_rise"],
      description: "老伴住院花了三万多",
    });
    phone.navigations.length = 0;
    await phone.tap(page, "#submit");
    const url = await navigatedTo(phone, "/pages/result/result");

    const post = phone.requests.find((r) => r.method === "POST" && r.path === "/api/reports")!;
    expect(post.status).toBe(201);
    const receipt = post.body as { number: string; dueAt: string };
    expect(phone.subscribeRequests[0]).toEqual({ tmplIds: ["demo-template-report-progress"], duringTap: true });
    const granted = phone.requests.find((r) => r.method === "POST" && r.path === "/api/me/subscriptions")!;
    expect(granted.status).toBe(200);
    expect(granted.body).toEqual({ remaining: { "demo-template-report-progress": 1 } });
    expect(phone.privacyRequests).toBeGreaterThan(0);
    expect(phone.storage.has("yijian.draft")).toBe(false);

    const result = await phone.open(url);
    expect(phone.text(result, "#number")).toBe(receipt.number);
    expect(phone.text(result, "#promise")).toBe(`村委会将在${describeDueAt(new Date(receipt.dueAt))}前受理核查`);
    expect(phone.text(result, "#promise")).toMatch(/^村委会将在\d{1,2}月\d{1,2}日24时前受理核查$/);
    reportNumber = receipt.number;
    householdStorage = new Map(phone.storage);
  });

  // fails if: the household must answer one more thing on the way — a tap or a prompt (tried: the subscribe prompt shown on every submit).
  it("a returning household with a message left reaches 'submitted' in three taps and no prompt from opening the app", async () => {
    phone.navigations.length = 0;
    phone.taps = 0;
    const promptsBefore = phone.subscribeRequests.length;
    const home = await phone.open("/pages/home/home");
    await phone.tap(home, "#report-button");
    const page = await phone.open(await navigatedTo(phone, "/pages/report/report"));
    await phone.waitFor(() => page.querySelector("#type-housing"), "the risk-type icons");
    expect(page.querySelector("#household-form")).toBeFalsy();
    expect(phone.text(page, "#household-summary")).toContain("138****8001");
    expect(page.querySelector("#consent")).toBeFalsy();
    await phone.tap(page, "#type-housing");
    await phone.tap(page, "#submit");
    await navigatedTo(phone, "/pages/result/result");
    // Every answer a real user gives counts: the taps, and each subscribe prompt WeChat shows (the harness accepts them for the user).
    expect(phone.taps).toBe(3);
    // fails if: the page asks for subscribe permission on every submit (the first report left one message)
    expect(phone.subscribeRequests.slice(promptsBefore)).toEqual([]);
    const posts = phone.requests.filter((r) => r.method === "POST" && r.path === "/api/reports" && (r.status === 200 || r.status === 201));
    expect(posts).toHaveLength(2);
    expect(new Set(posts.map((p) => p.headers["Idempotency-Key"])).size).toBe(2);
  });

  it("the cadre signs in once, the WeChat is linked, and next time the app opens on the queue", async () => {
    await phone.clearStorage();
    phone.loginCode = "cadre-zhao";
    phone.navigations.length = 0;
    const login = await phone.open("/pages/staff-login/staff-login");
    await phone.type(login, "#phone", "13900000003");
    await phone.type(login, "#password", "not-the-password");
    await phone.tap(login, "#sign-in");
    await phone.waitFor(() => login.querySelector("#error"), "the wrong-password message");
    expect(phone.text(login, "#error")).toBe("手机号或密码不对");
    expect(phone.navigations).toEqual([]);

    await phone.type(login, "#password", DEMO_PASSWORD);
    await phone.tap(login, "#sign-in");
    expect(await navigatedTo(phone, "/pages/queue/queue")).toBe("/pages/queue/queue");
    expect(phone.requests.find((r) => r.path === "/api/me/wechat")?.status).toBe(200);

    await phone.clearStorage();
    phone.navigations.length = 0;
    await phone.open("/pages/home/home");
    expect(await navigatedTo(phone, "/pages/queue/queue")).toBe("/pages/queue/queue");
    expect(phone.storage.get("yijian.role")).toBe("village_cadre");
  });

  it("the cadre's queue shows the household's report first, amber when its last day is tomorrow", async () => {
    // A later report from someone else has a later deadline, so it comes second.
    phone.advance(3 * DAY);
    const grid = await phone.system.tokenFor("demo-grid");
    const later = await phone.system
      .request()
      .post("/api/reports")
      .set("Authorization", `Bearer ${grid}`)
      .send({
        villageCode: village.code,
        riskTypes: ["disaster"],
        household: { name: "李四", phone: "13700137000" },
        relation: "grid_worker",
        channel: "in_person",
        consent: { given: true, textVersion: "paper" },
      });
    expect(later.status).toBe(201);
    laterNumber = later.body.number;
    const villages = (await phone.system.request().get(`/api/areas/${village.code.slice(0, 9)}000/children`)).body.items as Place[];
    siblingVillageNumber = (
      await farmerReport(
        phone.system,
        villages.find((v) => v.code !== village.code)!,
      )
    ).report.number;
    otherTownshipNumber = (await farmerReport(phone.system, await demoVillage(phone, "demo-cadre-other"))).report.number;
    // The evening before the household's last day: one day left.
    const ours = phone.requests.find((r) => r.path === "/api/reports" && r.status === 201)!.body as { dueAt: string };
    phone.system.clock.set(new Date(Date.parse(ours.dueAt) - DAY - 6 * 3600_000));
    phone.advance(0);

    const queue = await phone.open("/pages/queue/queue");
    await phone.waitFor(() => queue.querySelectorAll(".item").length >= 2, "the queue rows");
    const rows = queue.querySelectorAll(".item");
    expect(rows[0].dom.textContent).toContain(reportNumber);
    expect(rows.at(-1)!.dom.textContent).toContain(later.body.number);
    // miniprogram-simulate prefixes classes with the page's tag ("main--due-soon").
    const left = (row: (typeof rows)[number]) => row.dom.querySelector("[class*='due-']")!;
    expect(left(rows[0]).textContent).toBe("明天到期");
    expect(left(rows[0]).className).toContain("due-soon");
    expect(left(rows.at(-1)!).textContent).toMatch(/还剩[2-9]天/);
    expect(left(rows.at(-1)!).className).toContain("due-plain");
    // fails if: the cadre's queue is not scoped to the cadre's village (tried: village cadres given the whole county)
    const queued = rows.map((r) => r.dom.textContent ?? "").join("\n");
    expect(queued).not.toContain(siblingVillageNumber);
    expect(queued).not.toContain(otherTownshipNumber);

    phone.navigations.length = 0;
    await phone.tap(queue, `#row-${reportNumber}`);
    const detailUrl = await navigatedTo(phone, "/pages/report-detail/report-detail");
    const detail = await phone.open(detailUrl);
    await phone.waitFor(() => detail.querySelector("#accept"), "the accept button");
    expect(phone.text(detail, "#household-phone")).toBe("电话：138****8001");

    await phone.tap(detail, "#call");
    await phone.waitFor(() => phone.phoneCalls.length, "the phone call");
    expect(phone.phoneCalls).toEqual(["13800138001"]);

    await phone.tap(detail, "#accept");
    await phone.waitFor(() => detail.querySelector("#visit-form"), "the visit form after accepting");
    expect(phone.text(detail, "#status")).toBe("村委会已受理");

    await phone.type(detail, "#visit-note", "到户看了，住院属实");
    await phone.tap(detail, "#visit");
    await phone.waitFor(() => detail.querySelector("#opinion-form"), "the opinion form after the visit");

    await phone.tap(detail, "#give-opinion");
    await phone.waitFor(() => detail.querySelector("#error"), "the missing opinion message");
    await phone.tap(detail, "#opinion-propose_monitoring");
    await phone.type(detail, "#reason", "医疗支出骤增，超过家庭承受能力");
    await phone.tap(detail, "#give-opinion");
    await phone.waitFor(() => detail.querySelector("#opinion"), "the opinion");
    expect(phone.text(detail, "#opinion")).toContain("医疗支出骤增，超过家庭承受能力");
  });

  it("township staff see the overdue report across their villages", async () => {
    phone.advance(6 * DAY);
    await phone.clearStorage();
    phone.loginCode = "township-li";
    phone.navigations.length = 0;
    const login = await phone.open("/pages/staff-login/staff-login");
    await phone.type(login, "#phone", "13900000002");
    await phone.type(login, "#password", DEMO_PASSWORD);
    await phone.tap(login, "#sign-in");
    const url = await navigatedTo(phone, "/pages/township-overdue/township-overdue");
    const overdue = await phone.open(url);
    await phone.waitFor(() => overdue.querySelectorAll(".card").length, "the overdue rows");
    const rows = overdue.querySelectorAll(".card").map((r) => r.dom.textContent ?? "");
    // The household's report got its opinion in time; the grid worker's did not.
    expect(rows.some((t) => t.includes(reportNumber))).toBe(false);
    expect(rows.find((t) => t.includes(laterNumber))).toContain("已超期");
    // fails if: the township's overdue list is not scoped to its villages (tried: township staff given the whole county)
    expect(rows.find((t) => t.includes(siblingVillageNumber))).toContain("已超期");
    expect(rows.some((t) => t.includes(otherTownshipNumber))).toBe(false);
  });

  it("the household sees each step in 我的申报", async () => {
    await phone.clearStorage();
    for (const [k, v] of householdStorage) phone.storage.set(k, v);
    phone.loginCode = "household-zhang";
    const mine = await phone.open("/pages/my-reports/my-reports");
    await phone.waitFor(() => mine.querySelector(`#report-${reportNumber}`), "the household's report");
    const text = phone.text(mine, `#report-${reportNumber}`);
    expect(text).toContain("已收到");
    expect(text).toContain("村委会已受理");
    expect(text).toContain("已上门核查");
  });
});
