import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testEngines } from "../helpers/databases.js";
import { areaOf, buildReport, submitAs, uniquePhone, validIdNumber } from "../helpers/factories.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";

// The demo household 张德福, phone 13800138000, linked to demo-farmer (src/seed/demo.ts).
const OWN = { name: "张德福", phone: "13800138000" };

describe.each(testEngines())("two people on every report: the household at risk and the reporter, on %s", (engine) => {
  let sys: TestSystem;
  let village: string;
  const bearer = (token: string) => `Bearer ${token}`;

  beforeAll(async () => {
    sys = await startTestSystem(engine);
    village = await areaOf(sys, "demo-cadre");
  });
  afterAll(() => sys.close());

  async function newFarmer(code: string): Promise<string> {
    const res = await sys.request().post("/api/auth/wechat").send({ code });
    expect(res.status).toBe(200);
    return res.body.token as string;
  }
  const post = (token: string, key: string, body: object) =>
    sys.request().post("/api/reports").set("Authorization", bearer(token)).set("Idempotency-Key", key).send(body);
  const get = async (token: string, path: string) => sys.request().get(path).set("Authorization", bearer(token));
  const staff = async (username: string) => bearer(await sys.tokenFor(username));

  // fails if: a proxy report links the reporter's account to the neighbour's household, renames it, or files it under the reporter's own household
  it("a farmer reporting for a neighbour with their own phone leaves their own household and account as they were", async () => {
    const farmer = await sys.tokenFor("demo-farmer");
    const meBefore = (await get(farmer, "/api/me")).body;
    const res = await post(
      farmer,
      "proxy-own-phone-1",
      buildReport(village, { household: { name: "王福贵" }, reporter: { phone: OWN.phone }, relation: "neighbour", channel: "miniprogram", riskTypes: ["housing"] }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ outcome: "created", household: { name: "王福贵" }, relation: "neighbour" });
    const meAfter = (await get(farmer, "/api/me")).body;
    expect(meAfter).toEqual(meBefore);
    expect(meAfter.household.headName).toBe("张德福");

    const [row] = await sys.deps.db.query("SELECT household_id FROM report WHERE id = ?", [res.body.id]);
    expect(row.household_id).not.toBe(meBefore.household.id);
    // the farmer's own report later is its own case, not added to the neighbour's
    const own = await post(farmer, "proxy-own-phone-2", buildReport(village, { household: OWN, channel: "miniprogram" }));
    expect(own.status).toBe(201);
    const [ownRow] = await sys.deps.db.query("SELECT household_id FROM report WHERE id = ?", [own.body.id]);
    expect(ownRow.household_id).toBe(meBefore.household.id);

    // the cadre sees who reported for whom, and can call the neighbour who reported
    const detail = await sys.request().get(`/api/reports/${res.body.id}`).set("Authorization", await staff("demo-cadre"));
    expect(detail.body).toMatchObject({ relation: "neighbour", household: { name: "王福贵", phone: null }, reporter: { relation: "neighbour", phone: "138****8000" } });
  });

  // fails if: a first-time proxy's account becomes the household it reported for (GET /api/me showing the neighbour's name)
  it("a new account's first report for someone else gives it no household: /api/me stays its own", async () => {
    const token = await newFarmer("first-time-proxy");
    const res = await post(token, "first-proxy-1", buildReport(village, { household: { name: "赵老四", phone: uniquePhone() }, relation: "neighbour", channel: "miniprogram" }));
    expect(res.status).toBe(201);
    const me = (await get(token, "/api/me")).body;
    expect(me.household).toBeNull();
    expect(me.displayName).not.toContain("赵");
  });

  // fails if: the neighbour's own report opens a second case (no match), or its answer quotes the open report to an account not linked to it
  it("a neighbour's report is matched to the neighbour's household when the neighbour later reports for itself", async () => {
    const phone = uniquePhone();
    const proxy = await newFarmer("matched-later-proxy");
    const first = await post(proxy, "matched-later-1", buildReport(village, { household: { name: "孙桂芝", phone }, relation: "neighbour", riskTypes: ["housing"], channel: "miniprogram" }));
    expect(first.status).toBe(201);

    const household = await newFarmer("matched-later-household");
    const second = await post(household, "matched-later-2", buildReport(village, { household: { name: "孙桂芝", phone }, riskTypes: ["housing", "illness"], channel: "miniprogram" }));
    expect(second.status).toBe(200);
    expect(second.body.message).toContain("这户已有一件正在办理的申报，您说的情况已补充进去");
    expect(second.body).toMatchObject({ outcome: "added_to_open", number: null, duplicateOf: null });
    expect(JSON.stringify(second.body)).not.toContain(first.body.number);

    // the cadre: one case, the new risk type marked 追加
    const cadre = await staff("demo-cadre");
    const detail = await sys.request().get(`/api/reports/${first.body.id}`).set("Authorization", cadre);
    expect(detail.body.riskTypes).toEqual(["housing", "illness"]);
    expect(detail.body.riskTypesAdded).toEqual(["illness"]);
    expect(detail.body.timeline.find((e: { action: string }) => e.action === "lead_attached").note).toContain("追加：因病");

    // the household proves its phone: its own case opens to it, with its number
    expect((await sys.request().post("/api/me/phone").set("Authorization", bearer(household)).send({ code: `phone-${phone}` })).status).toBe(200);
    const mine = (await get(household, "/api/me/reports")).body.items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ view: "household", number: first.body.number, riskTypes: ["housing", "illness"] });
    // the neighbour still sees only what they told
    const theirs = (await get(proxy, "/api/me/reports")).body.items;
    expect(theirs[0]).toMatchObject({ view: "reporter", riskTypes: ["housing"] });
  });

  // fails if: the household is not told its report moved on, or a neighbour who reported is told which opinion the village gave
  it("accepted and answered: the household's linked WeChat is told the opinion; the neighbour who reported only that the village answered", async () => {
    const phone = uniquePhone();
    const household = await newFarmer("told-household");
    const proxy = await newFarmer("told-proxy");
    const report = await post(proxy, "told-household-proxy-1", buildReport(village, { household: { name: "孙长林", phone }, relation: "neighbour", channel: "miniprogram", riskTypes: ["illness"] }));
    expect(report.status).toBe(201);
    const id = report.body.id as string;
    expect((await sys.request().post("/api/me/phone").set("Authorization", bearer(household)).send({ code: `phone-${phone}` })).status).toBe(200);
    const cadre = await staff("demo-cadre");
    expect((await sys.request().post(`/api/reports/${id}/accept`).set("Authorization", cadre).send({})).status).toBe(200);
    expect((await sys.request().post(`/api/reports/${id}/opinion`).set("Authorization", cadre).send({ kind: "propose_monitoring" })).status).toBe(200);

    const accountOf = async (token: string) => (await get(token, "/api/me")).body.id as string;
    const notices = async (token: string) =>
      (await sys.deps.db.query("SELECT kind, payload FROM notification WHERE channel = 'wechat_subscribe' AND recipient_id = ? ORDER BY kind", [await accountOf(token)]))
        .filter((n: { payload: string }) => JSON.parse(n.payload).reportId === id)
        .map((n: { kind: string; payload: string }) => [n.kind, JSON.parse(n.payload).status]);
    expect(await notices(household)).toEqual([
      ["opinion_given", expect.stringContaining("监测")],
      ["report_accepted", "村委会已受理"],
    ]);
    expect(await notices(proxy)).toEqual([
      ["opinion_given", "村委会已答复这户人家"],
      ["report_accepted", "村委会已受理"],
    ]);
  });

  // fails if: the household is matched by phone alone (a shared phone makes two households one) or by name alone
  it("the duplicate rule: same ID number, or same head's name and household phone, within the village", async () => {
    const phone = uniquePhone();
    const idNumber = validIdNumber();
    const cases: Array<[string, { name: string; phone?: string; idNumber?: string }, number]> = [
      ["first report of the household", { name: "钱满仓", phone, idNumber }, 201],
      ["same name and phone", { name: "钱满仓", phone }, 200],
      ["same name and phone, spaces typed in the name", { name: "钱 满仓", phone }, 200],
      ["same ID number, another name written", { name: "钱满苍", idNumber }, 200],
      ["same phone, another head (a shared phone)", { name: "钱大妈", phone }, 201],
      ["same name, no phone or ID number", { name: "钱满仓" }, 201],
    ];
    for (const [title, household, status] of cases) {
      const res = await submitAs(sys, "demo-cadre", buildReport(village, { household, relation: "cadre" }));
      expect(res.status, title).toBe(status);
    }
    // another village: never the same household
    const other = await areaOf(sys, "demo-cadre-other");
    expect((await submitAs(sys, "demo-cadre-other", buildReport(other, { household: { name: "钱满仓", phone }, relation: "cadre" }))).status).toBe(201);
  });

  it("a report for oneself needs the household's phone; one for someone else does not (400 names the field)", async () => {
    const farmer = await newFarmer("contract-check");
    // fails if: the household phone is required for a proxy report (a neighbour often has none)
    expect((await post(farmer, "contract-1", buildReport(village, { household: { name: "周老汉" }, relation: "neighbour" }))).status).toBe(201);
    const self = await post(farmer, "contract-2", buildReport(village, { household: { name: "周小红" } }));
    // fails if: a report for oneself is taken without any way to reach the household
    expect(self.status).toBe(400);
    expect(JSON.stringify(self.body)).toContain("household.phone");
  });

  describe("who sees which field of a report for someone else", () => {
    let proxy: string;
    let household: string;
    let reportId: string;
    let number: string;
    const phone = uniquePhone();
    const idNumber = validIdNumber();

    beforeAll(async () => {
      proxy = await newFarmer("matrix-proxy");
      household = await newFarmer("matrix-household");
      const res = await post(
        proxy,
        "matrix-1",
        buildReport(village, { household: { name: "吴秀英", phone, idNumber }, reporter: { phone: uniquePhone() }, relation: "family", riskTypes: ["housing"], description: "房子裂了" }),
      );
      expect(res.status).toBe(201);
      reportId = res.body.id;
      number = res.body.number;
      expect((await sys.request().post("/api/me/phone").set("Authorization", bearer(household)).send({ code: `phone-${phone}` })).status).toBe(200);
      const cadre = await staff("demo-cadre");
      expect((await sys.request().post(`/api/reports/${reportId}/accept`).set("Authorization", cadre).send({ note: "电话打不通" })).status).toBe(200);
      await sys.request().post(`/api/reports/${reportId}/comments`).set("Authorization", cadre).send({ text: "内部：儿子在外打工" });
      // the grid worker adds a risk type later (追加)
      const grid = await submitAs(sys, "demo-grid", buildReport(village, { household: { name: "吴秀英", phone }, relation: "grid_worker", riskTypes: ["illness"] }));
      expect(grid.status).toBe(200);
      await sys.request().post(`/api/reports/${reportId}/visit`).set("Authorization", cadre).send({ visitedAt: sys.clock.now().toISOString(), note: "看过了" });
      const opinion = await sys.request().post(`/api/reports/${reportId}/opinion`).set("Authorization", cadre).send({ kind: "not_eligible", reason: "家庭人均收入高于监测线" });
      expect(opinion.status).toBe(200);
    });

    const itemOf = async (token: string) => (await get(token, "/api/me/reports")).body.items.find((r: { household: { name: string } }) => r.household.name === "吴秀英");

    // each row: a field, and whether the proxy reporter, the household and the village cadre see it
    const FIELDS: Array<[string, (view: Record<string, unknown>, json: string) => boolean, { reporter: boolean; household: boolean; cadre: boolean }]> = [
      // the household reads its own name masked, as on every household screen (visibility.ts)
      ["the head's name", (_v, json) => json.includes("吴秀英") || json.includes("吴**"), { reporter: true, household: true, cadre: true }],
      ["received / accepted / answered dates", (v, json) => json.includes(String(v.receivedAt ?? "")) && /accept/.test(json), { reporter: true, household: true, cadre: true }],
      ["the opinion's reason", (_v, json) => json.includes("高于监测线"), { reporter: false, household: true, cadre: true }],
      ["risk types added later", (_v, json) => json.includes("illness"), { reporter: false, household: true, cadre: true }],
      ["staff notes", (_v, json) => json.includes("儿子在外打工") || json.includes("电话打不通"), { reporter: false, household: false, cadre: true }],
      // masked or in full, the number is there
      ["the household's phone", (_v, json) => json.includes(`${phone.slice(0, 3)}****${phone.slice(-4)}`) || json.includes(phone), { reporter: false, household: true, cadre: true }],
      ["the household's ID number", (_v, json) => json.includes(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`) || json.includes(idNumber), { reporter: false, household: true, cadre: true }],
    ];

    it.each(FIELDS)("%s", async (_field, present, expected) => {
      const views = {
        reporter: await itemOf(proxy),
        household: (await get(household, `/api/reports/${reportId}`)).body,
        cadre: (await sys.request().get(`/api/reports/${reportId}`).set("Authorization", await staff("demo-cadre"))).body,
      };
      for (const [who, view] of Object.entries(views)) {
        // fails if: the role × field table (visibility.ts) lets this viewer see (or hides from it) this field
        expect(present(view, JSON.stringify(view)), who).toBe(expected[who as keyof typeof expected]);
      }
    });

    // fails if: the proxy's list says nothing of how far the report got, or the household's does not say who reported
    it("the proxy reads how far it got and when; the household reads status, opinion and reason, and that a relative reported", async () => {
      const mine = await itemOf(proxy);
      expect(mine).toMatchObject({ view: "reporter", number, stage: "answered", relation: "family", riskTypes: ["housing"] });
      expect(mine.dates.accepted).not.toBeNull();
      expect(mine.dates.answered).not.toBeNull();
      const theirs = await itemOf(household);
      expect(theirs).toMatchObject({ view: "household", status: "opinion_given", relation: "family", opinion: { kind: "not_eligible", reason: "家庭人均收入高于监测线" } });
    });
  });

  // fails if: a proxy may withdraw a report the village already accepted, or the household may not
  it("the proxy may withdraw only before it is accepted; the household until the opinion", async () => {
    const phone = uniquePhone();
    const proxy = await newFarmer("withdraw-proxy");
    const household = await newFarmer("withdraw-household");
    const res = await post(proxy, "withdraw-1", buildReport(village, { household: { name: "郑玉兰", phone }, relation: "neighbour" }));
    expect((await sys.request().post("/api/me/phone").set("Authorization", bearer(household)).send({ code: `phone-${phone}` })).status).toBe(200);
    expect((await sys.request().post(`/api/reports/${res.body.id}/accept`).set("Authorization", await staff("demo-cadre")).send({})).status).toBe(200);
    const late = await sys.request().post(`/api/reports/${res.body.id}/withdraw`).set("Authorization", bearer(proxy)).send({});
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("withdraw_after_accept");
    const own = await sys.request().post(`/api/reports/${res.body.id}/withdraw`).set("Authorization", bearer(household)).send({ reason: "已经解决" });
    expect(own.status).toBe(200);
    expect(own.body.status).toBe("withdrawn");

    const early = await post(proxy, "withdraw-2", buildReport(village, { household: { name: "郑玉兰", phone }, relation: "neighbour" }));
    expect(early.status).toBe(201);
    expect((await sys.request().post(`/api/reports/${early.body.id}/withdraw`).set("Authorization", bearer(proxy)).send({})).status).toBe(200);
  });
});
