import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { areaOf, buildReport, submitAs, validIdNumber } from "../helpers/factories.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";
import { logLines } from "../helpers/log-lines.js";

describe("logs", () => {
  let sys: TestSystem;
  const { sink, lines } = logLines();
  const household = { name: "欧阳翠花", phone: "13987654321", idNumber: validIdNumber(9001) };
  beforeAll(async () => {
    sys = await startTestSystem("sqlite", { log: createLogger("trace", sink) });
  });
  afterAll(() => sys.close());

  it("never contain a household's name, phone or ID number, even when a request fails", async () => {
    const village = await areaOf(sys, "demo-cadre");
    const ok = await submitAs(sys, "demo-cadre", buildReport(village, { relation: "cadre", household }));
    expect(ok.status).toBe(201);
    // a validation error echoing the input, an area refusal, a failed sign-in with the phone, a reveal
    const invalid = await submitAs(
      sys,
      "demo-cadre",
      buildReport(village, { relation: "cadre", household: { ...household, idNumber: `${household.idNumber.slice(0, 17)}0` } }),
    );
    expect(invalid.status).toBe(400);
    await submitAs(sys, "demo-cadre", buildReport("231226000000", { relation: "cadre", household }));
    await sys.request().post("/api/auth/staff").send({ phone: household.phone, password: "x" });
    await sys
      .request()
      .get(`/api/reports/${ok.body.id}?reveal=true`)
      .set("authorization", `Bearer ${await sys.tokenFor("demo-cadre")}`);
    expect(lines.length).toBeGreaterThan(3);
    const all = lines.join("\n");
    for (const secret of [household.name, household.phone, household.idNumber]) expect(all).not.toContain(secret);
  });

  // fails if: the 500 handler logs a database error's message as it is (tried: logging e.message and e.stack raw).
  it("a 500 whose database error echoes the refused row logs the error without the household's name, phone or ID number", async () => {
    // A database that refuses a row and quotes it back, as MySQL's "Duplicate entry '…'" does.
    await sys.deps.db.query(
      `CREATE TRIGGER refuse_household BEFORE INSERT ON household BEGIN SELECT RAISE(ABORT, 'refused row ''' || NEW.head_name || ''' with ''13987654321'' and ''${household.idNumber}'''); END`,
    );
    const from = lines.length;
    try {
      const res = await submitAs(
        sys,
        "demo-cadre",
        buildReport(await areaOf(sys, "demo-cadre"), { relation: "cadre", household: { ...household, phone: "13900001111", idNumber: validIdNumber(9002) } }),
      );
      expect(res.status).toBe(500);
      expect(JSON.stringify(res.body)).not.toContain(household.name);
    } finally {
      await sys.deps.db.query("DROP TRIGGER refuse_household");
    }
    const logged = lines.slice(from).join("\n");
    expect(logged).toContain("unhandled error"); // the failure is logged …
    expect(logged).toContain("refused row"); // … with what the database said
    for (const secret of [household.name, household.phone, household.idNumber]) expect(logged).not.toContain(secret);
  });
});

describe("the logger's redaction, for whatever a caller hands it", () => {
  // fails if: redaction is switched off or misses a nesting level (tried: redact paths emptied).
  it("masks names, phones, ID numbers, passwords, codes and tokens at any of three levels", () => {
    const { sink, lines } = logLines();
    const log = createLogger("info", sink);
    const secrets = {
      name: "欧阳翠花",
      phone: "13987654321",
      idNumber: "231226198001011234",
      password: "s3cret-pass",
      code: "wx-login-code",
      authorization: "Bearer abc.def",
      openid: "o-abc-123",
    };
    log.info(secrets, "top level");
    log.info({ household: secrets }, "one level down");
    log.info({ request: { body: secrets } }, "two levels down");
    log.info({ req: { headers: { authorization: "Bearer abc.def" } } }, "a request's headers");
    const all = lines.join("\n");
    expect(lines).toHaveLength(4);
    for (const value of Object.values(secrets)) expect(all).not.toContain(value);
    expect(all.match(/\[masked\]/g)?.length).toBe(3 * Object.keys(secrets).length + 1);
  });
});
