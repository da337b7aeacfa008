import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatedFiles } from "../../scripts/generate-client.js";
import { MINIPROGRAM_CALLS, type ClientCall } from "../../src/contracts/miniprogram-calls.js";
import { routeSpecs } from "../../src/http/api-route.js";
import { testEngines } from "../helpers/databases.js";
import { areaOf, buildReport, uniquePhone } from "../helpers/factories.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";

type CallName = keyof typeof MINIPROGRAM_CALLS;
const CALLS = MINIPROGRAM_CALLS as Record<CallName, ClientCall>;

describe("the generated clients", () => {
  it("the committed files are what the contracts and the domain give today", async () => {
    // fails if: contracts change and the clients are not regenerated
    for (const [file, text] of Object.entries(await generatedFiles())) {
      expect(readFileSync(file, "utf8"), `${file} is stale: run npm run generate:client`).toBe(text);
    }
  });

  it("the console and the mini-program import the generated words instead of keeping their own", () => {
    // fails if: a page goes back to a hand-written copy of the departments or the status sets
    const read = (file: string) => readFileSync(file, "utf8");
    for (const page of ["report.js", "staff.js"]) expect(read(`src/console/static/js/pages/${page}`)).not.toMatch(/\["civil_affairs", "民政"\]/);
    expect(read("src/console/static/js/pages/dashboard.js")).not.toContain('"received,accepted,visited,transferred"');
    expect(read("miniprogram/src/pages/queue/queue.ts")).not.toContain("status=received,accepted");
    expect(read("miniprogram/src/pages/report-detail/report-detail.ts")).not.toContain('department: "civil_affairs"');
  });
});

describe.each(testEngines())("the mini-program's calls against the server (%s)", (engine) => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(engine);
  });
  afterAll(() => sys.close());

  it("every call of the typed client is a route the server declares, with the same schemas", () => {
    // fails if: a route's path, method or input schema changes and the mini-program's client still calls the old one
    for (const [name, call] of Object.entries(CALLS)) {
      const route = routeSpecs.find((r) => r.method === call.method && r.path === call.path);
      expect(route, `${name}: ${call.method} ${call.path}`).toBeDefined();
      expect(route!.body, `${name}: body`).toBe(call.body);
      expect(route!.query, `${name}: query`).toBe(call.query);
      expect(route!.params, `${name}: params`).toBe(call.params);
    }
  });

  it("the OpenAPI document describes the answers the mini-program reads, from the same schemas", async () => {
    // fails if: the document's answers are left empty (or drift from the schemas the client's types come from)
    const doc = (await sys.request().get("/api/openapi.json")).body;
    const receipt = doc.paths["/api/reports"].post.responses["200"].content["application/json"].schema;
    expect(Object.keys(receipt.properties)).toEqual(expect.arrayContaining(["outcome", "number", "dueAt", "duplicateOf"]));
    const detail = doc.paths["/api/reports/{id}"].get.responses["200"].content["application/json"].schema;
    expect(detail.properties.timeline.items.properties.to.nullable).toBe(true);
  });

  it("each answer the mini-program reads has the shape its generated types promise", async () => {
    // fails if: the server renames or drops a field the mini-program's types (and pages) rely on
    const read = new Set<CallName>();
    /** Makes a call as the generated client does, and checks the answer against the call's response schema. */
    async function call<T = Record<string, unknown>>(
      name: CallName,
      token: string | null,
      input: { params?: Record<string, string>; query?: Record<string, string>; body?: object; headers?: Record<string, string> } = {},
    ): Promise<T> {
      const spec = CALLS[name];
      const path = spec.path.replace(/:(\w+)/g, (_, p: string) => encodeURIComponent(input.params![p]!));
      const req =
        spec.method === "get"
          ? sys
              .request()
              .get(path)
              .query(input.query ?? {})
          : sys
              .request()
              .post(path)
              .send(input.body ?? {});
      if (token) req.set("authorization", `Bearer ${token}`);
      for (const [k, v] of Object.entries(input.headers ?? {})) req.set(k, v);
      const res = await req;
      expect(res.status, `${name}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
      if (spec.response) {
        const parsed = spec.response.safeParse(res.body);
        expect(parsed.error?.issues ?? [], `${name} answers outside its schema`).toEqual([]);
        read.add(name);
      }
      return res.body as T;
    }

    const village = await areaOf(sys, "demo-cadre");
    const county = `${village.slice(0, 6)}000000`;
    const { token: farmer } = await call<{ token: string }>("signInWechat", null, { body: { code: `client-${engine}` } });
    await call("me", farmer);
    await call("riskTypes", null);
    await call("areaChildren", null, { params: { code: county } });
    await call("subscriptionQuota", farmer);
    await call("grantSubscriptions", farmer, { body: { templateIds: ["tpl-1"] } });

    const phone = uniquePhone();
    const own = buildReport(village, { channel: "miniprogram", household: { name: "刘秀英", phone } });
    const receipt = await call<{ id: string }>("createReport", farmer, { body: own, headers: { "Idempotency-Key": `client-${engine}-1` } });
    await call("myReports", farmer);
    // a second WeChat proves the household's phone and so becomes the household's
    const { token: phoneOwner } = await call<{ token: string }>("signInWechat", null, { body: { code: `client-${engine}-phone` } });
    await call("linkPhone", phoneOwner, { body: { code: `phone-${phone}` } });

    const cadre = await sys.tokenFor("demo-cadre");
    const id = { id: receipt.id };
    await call("queue", cadre, { query: { status: "received", page: "1", pageSize: "50" } });
    await call("report", cadre, { params: id });
    await call("report", cadre, { params: id, query: { reveal: "true" } });
    await call("acceptReport", cadre, { params: id });
    await call("recordVisit", cadre, { params: id, body: { visitedAt: "2026-03-02T09:00:00+08:00", note: "上门看了，住院属实" } });
    await call("addComment", cadre, { params: id, body: { text: "医保报销后仍有缺口" } });
    await call("giveOpinion", cadre, { params: id, body: { kind: "already_assisted" } });
    await call("closeReport", cadre, { params: id });

    const other = await call<{ id: string }>("createReport", cadre, {
      body: buildReport(village, { relation: "cadre" }),
      headers: { "Idempotency-Key": `client-${engine}-2` },
    });
    await call("transferReport", cadre, { params: { id: other.id }, body: { to: "department", department: "water", reason: "吃水困难，归水务" } });
    const third = await call<{ id: string }>("createReport", cadre, {
      body: buildReport(village, { relation: "cadre" }),
      headers: { "Idempotency-Key": `client-${engine}-3` },
    });
    await call("withdrawReport", cadre, { params: { id: third.id }, body: { reason: "当事人说不用了" } });

    // a staff account made in the console signs in on the phone with its one-time password, then chooses its own
    const staffPhone = uniquePhone();
    const created = await sys
      .request()
      .post("/api/staff")
      .set("authorization", `Bearer ${await sys.tokenFor("demo-county")}`)
      .send({ displayName: "网格员 郑", phone: staffPhone, role: "grid_worker", areaCode: village });
    expect(created.status).toBe(201);
    const { token: once } = await call<{ token: string }>("signInStaff", null, { body: { phone: staffPhone, password: created.body.oneTimePassword } });
    const { token: staff } = await call<{ token: string }>("changePassword", once, {
      body: { currentPassword: created.body.oneTimePassword, newPassword: "a-new-Passw0rd" },
    });
    await call("linkWechat", staff, { body: { code: `client-${engine}-staff` } });

    const region = county.slice(0, 6);
    const { items } = await call<{ items: Array<{ id: string }> }>("policies", null, { query: { region } });
    await call("policy", null, { params: { id: items[0]!.id } });
    await call("askPolicy", null, { query: { q: "看病住院能报销多少", region } });

    const withResponse = (Object.keys(CALLS) as CallName[]).filter((n) => CALLS[n].response);
    expect([...read].sort()).toEqual(withResponse.sort());
  });
});
