import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";

describe("HTTP conventions", () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem("sqlite");
  });
  afterAll(() => sys.close());

  it("bad JSON gets 400 malformed_json, with a request id", async () => {
    const res = await sys.request().post("/api/auth/demo").set("content-type", "application/json").send("{bad");
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("malformed_json");
    expect(res.body.error.message).toMatch(/格式不对/);
    expect(res.headers["x-request-id"]).toMatch(/.{8,}/);
  });

  it("an unknown field is rejected and named", async () => {
    const res = await sys.request().post("/api/auth/demo").send({ username: "demo-cadre", admin: true });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
    expect(res.body.error.message).toContain("admin");
  });

  it("a missing field is named in Chinese", async () => {
    const res = await sys.request().post("/api/auth/staff").send({ phone: "123" });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^手机号：请填写11位手机号/);
    expect(res.body.error.details.issues.map((i: { field: string }) => i.field)).toEqual(["phone", "password"]);
  });

  it("a 100 KB body gets 413", async () => {
    const res = await sys
      .request()
      .post("/api/auth/demo")
      .send({ username: "x".repeat(100 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("body_too_large");
  });

  it("a body that is not JSON gets 415", async () => {
    const res = await sys.request().post("/api/auth/demo").set("content-type", "text/plain").send("username=demo");
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe("unsupported_media_type");
  });

  it("an unknown route gets a JSON 404", async () => {
    const res = await sys.request().get("/api/nothing-here");
    expect(res.status).toBe(404);
    expect(res.type).toBe("application/json");
    expect(res.body.error.code).toBe("route_not_found");
  });

  it("healthz checks the database", async () => {
    const res = await sys.request().get("/healthz");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "ok", database: "sqlite" });
  });

  it("serves an OpenAPI 3 document generated from the route schemas", async () => {
    const res = await sys.request().get("/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    const staff = res.body.paths["/api/auth/staff"].post;
    expect(staff.requestBody.content["application/json"].schema.properties).toHaveProperty("phone");
    expect(staff.requestBody.content["application/json"].schema.additionalProperties).toBe(false);
    expect(res.body.paths["/api/areas/{code}"].get.parameters[0]).toMatchObject({ name: "code", in: "path", required: true });
    for (const [path, ops] of Object.entries<Record<string, { responses: object }>>(res.body.paths)) {
      expect(path.startsWith("/")).toBe(true);
      for (const op of Object.values(ops)) expect(Object.keys(op.responses).length).toBeGreaterThan(0);
    }
  });
});
