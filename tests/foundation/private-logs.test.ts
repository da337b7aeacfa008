import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { areaOf, buildReport, submitAs, validIdNumber } from "../helpers/factories.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";

describe("logs", () => {
  let sys: TestSystem;
  const lines: string[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    sys = await startTestSystem("sqlite", { log: createLogger("trace", sink) });
  });
  afterAll(() => sys.close());

  it("never contain a household's name, phone or ID number, even when a request fails", async () => {
    const village = await areaOf(sys, "demo-cadre");
    const household = { name: "欧阳翠花", phone: "13987654321", idNumber: validIdNumber(9001) };
    const ok = await submitAs(sys, "demo-cadre", buildReport(village, { relation: "cadre", household }));
    expect(ok.status).toBe(201);
    await submitAs(sys, "demo-cadre", buildReport("231226000000", { relation: "cadre", household }));
    await sys.request().post("/api/auth/staff").send({ phone: household.phone, password: "x" });
    await sys.request().get(`/api/reports/${ok.body.id}?reveal=true`).set("authorization", `Bearer ${await sys.tokenFor("demo-cadre")}`);
    expect(lines.length).toBeGreaterThan(3);
    const all = lines.join("\n");
    for (const secret of [household.name, household.phone, household.idNumber]) expect(all).not.toContain(secret);
  });
});
