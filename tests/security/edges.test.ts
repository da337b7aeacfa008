import { Writable } from "node:stream";
import http from "node:http";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { safeCellText } from "../../src/formats/cell-text.js";
import { createLogger } from "../../src/logger.js";
import * as password from "../../src/security/password.js";
import { applyServerTimeouts } from "../../src/system.js";
import { testEngines } from "../helpers/databases.js";
import { areaOf, buildReport, submitAs } from "../helpers/factories.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";
import { move } from "../console/console-fixtures.js";

vi.mock("../../src/security/password.js", async (original) => {
  const real = await original<typeof import("../../src/security/password.js")>();
  return { ...real, verifyPassword: vi.fn(real.verifyPassword) };
});

describe("spreadsheet cells", () => {
  // fails if: text starting with = + - @ goes into a cell as it is
  it.each([
    ['=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'],
    ["+86 1", "'+86 1"],
    ["-1+2", "'-1+2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["张三", "张三"],
    ["", ""],
  ])("%s is written as %s", (text, written) => {
    expect(safeCellText(text)).toBe(written);
  });
});

describe("server timeouts", () => {
  // fails if: the server keeps Node's defaults (no header deadline shorter than the request's)
  it("a slow client gets 10 s for its headers and 2 minutes for the whole request", () => {
    const server = http.createServer();
    applyServerTimeouts(server);
    expect(server.headersTimeout).toBe(10_000);
    expect(server.requestTimeout).toBe(120_000);
    expect(server.keepAliveTimeout).toBe(5_000);
  });
});

describe.each(testEngines())("requests at the edge on %s", (engine) => {
  let sys: TestSystem;
  let proxied: TestSystem;
  const lines: Array<Record<string, unknown>> = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    sys = await startTestSystem(engine, { log: createLogger("info", sink) });
    proxied = await startTestSystem(engine, { env: { TRUSTED_PROXIES: "127.0.0.1,::1" } });
  });
  afterAll(async () => {
    await sys.close();
    await proxied.close();
  });

  // fails if: the request logger sits inside the error middleware (401/403/404/429 leave no line)
  it("every request is logged once with its status, errors included, with no personal data", async () => {
    lines.length = 0;
    await sys.request().get("/api/queue"); // 401
    await sys
      .request()
      .get("/api/queue")
      .set("authorization", `Bearer ${await sys.tokenFor("demo-farmer")}`); // 403
    await sys.request().get("/api/nowhere"); // 404
    await sys.request().post("/api/auth/staff").send({ phone: "13811112222", password: "x" }); // 401
    const requests = lines.filter((l) => l.msg === "request");
    const byPath = (path: string) => requests.filter((l) => l.path === path).map((l) => l.status);
    expect(byPath("/api/queue")).toEqual([401, 403]);
    expect(byPath("/api/nowhere")).toEqual([404]);
    expect(byPath("/api/auth/staff")).toEqual([401]);
    expect(JSON.stringify(lines)).not.toContain("13811112222");
  });

  // fails if: X-Forwarded-For from any client is believed (a new value per request defeats the limit)
  it("X-Forwarded-For is ignored unless the connection comes from a trusted proxy", async () => {
    sys.clock.advance(61_000);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await sys
        .request()
        .post("/api/auth/staff")
        .set("x-forwarded-for", `10.1.2.${i}`)
        .send({ phone: `136000000${String(i).padStart(2, "0")}`, password: "x" });
      statuses.push(res.status);
    }
    expect(statuses.slice(10)).toEqual([429, 429]);
    // behind a trusted proxy each forwarded address has its own limit
    const behind: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await proxied
        .request()
        .post("/api/auth/staff")
        .set("x-forwarded-for", `10.1.3.${i}`)
        .send({ phone: `135000000${String(i).padStart(2, "0")}`, password: "x" });
      behind.push(res.status);
    }
    expect(behind.every((s) => s === 401)).toBe(true);
  });

  // fails if: an unknown phone is answered without running the password hash (timing tells which phones are staff)
  it("an unknown phone runs the password hash just like a staff phone", async () => {
    sys.clock.advance(61_000);
    const verify = vi.mocked(password.verifyPassword);
    verify.mockClear();
    const unknown = await sys.request().post("/api/auth/staff").send({ phone: "13344445555", password: "guess" });
    expect(unknown.body.error.code).toBe("credentials_invalid");
    expect(verify).toHaveBeenCalledTimes(1);
    const staff = await sys.request().post("/api/auth/staff").send({ phone: "13900000002", password: "guess" });
    expect(staff.body.error.code).toBe("credentials_invalid");
    expect(verify).toHaveBeenCalledTimes(2);
  });

  // fails if: the ledger writes a typed text that starts with "=", "+", "-" or "@" as it is (tried: safeCellText left off the visit note)
  it("an opinion reason, a description, a visit note and a policy reference typed as formulas reach the ledger as text", async () => {
    const village = await areaOf(sys, "demo-cadre");
    const report = await submitAs(sys, "demo-cadre", buildReport(village, { relation: "cadre", description: "+1+1" }));
    await move(sys, "demo-cadre", report.body.id, "accept");
    await move(sys, "demo-cadre", report.body.id, "visit", { visitedAt: sys.clock.now().toISOString(), note: "-2+3" });
    await move(sys, "demo-cadre", report.body.id, "opinion", { kind: "already_assisted", reason: '=HYPERLINK("http://evil","点我")', policyRef: "@SUM(A1)" });
    const res = await sys
      .request()
      .get("/api/ledger.xlsx")
      .set("authorization", `Bearer ${await sys.tokenFor("demo-county")}`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on("data", (c: Buffer) => chunks.push(c));
        r.on("end", () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const texts: string[] = [];
    wb.worksheets[0].eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value ?? ""))));
    for (const typed of ['=HYPERLINK("http://evil","点我")', "+1+1", "-2+3", "@SUM(A1)"]) expect(texts).toContain(`'${typed}`);
    expect(texts.some((t) => /^[=+\-@]/.test(t))).toBe(false);
  });
});
