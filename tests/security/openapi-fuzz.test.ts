import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testEngines } from "../helpers/databases.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";

/** Malformed requests per operation; the seed makes a failure reproducible. */
const REQUESTS_PER_OPERATION = 16;
const SEED = 20261129;

/** mulberry32: a small seeded generator, so every run sends the same requests. */
function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  return { next, pick };
}

type Rng = ReturnType<typeof seeded>;

const STRINGS = [
  "",
  " ",
  "0",
  "-1",
  "1e309",
  "NaN",
  "null",
  "true",
  "x".repeat(5000),
  "../../etc/passwd",
  "%00",
  "\u0000",
  "😀".repeat(50),
  "'; DROP TABLE report; --",
  "<script>",
  "2026-13-45",
  "2026-02-30",
  "231226",
  "9".repeat(30),
  "13900000001",
  "00000000-0000-0000-0000-000000000000",
  "张三",
];

function junkValue(rng: Rng, depth = 0): unknown {
  const kinds = ["string", "number", "bool", "null", "array", "object"] as const;
  switch (depth > 2 ? "string" : rng.pick(kinds)) {
    case "string":
      return rng.pick(STRINGS);
    case "number":
      return rng.pick([0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, 99999999]);
    case "bool":
      return rng.next() < 0.5;
    case "null":
      return null;
    case "array":
      return Array.from({ length: Math.floor(rng.next() * 4) }, () => junkValue(rng, depth + 1));
    default:
      return { [rng.pick(["a", "__proto__", "constructor", "code", "id"])]: junkValue(rng, depth + 1) };
  }
}

interface Operation {
  method: string;
  path: string;
  parameters: Array<{ name: string; in: "query" | "path" }>;
  bodyFields: string[];
  hasBody: boolean;
}

function operationsOf(doc: {
  paths: Record<
    string,
    Record<string, { parameters?: Operation["parameters"]; requestBody?: { content: Record<string, { schema?: { properties?: object } }> } }>
  >;
}): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method,
      path,
      parameters: op.parameters ?? [],
      bodyFields: Object.keys(op.requestBody?.content["application/json"]?.schema?.properties ?? {}),
      hasBody: Boolean(op.requestBody) || method === "post",
    })),
  );
}

/** A malformed body: not JSON, the wrong type, or the right fields holding the wrong things. */
function junkBody(rng: Rng, op: Operation): { raw?: string; json?: unknown } {
  const r = rng.next();
  if (r < 0.15) return { raw: rng.pick(["{", "[1,", '{"a":}', "nul", '"', "{}}"]) };
  if (r < 0.3) return { json: junkValue(rng) };
  const body: Record<string, unknown> = {};
  for (const field of op.bodyFields) if (rng.next() < 0.8) body[field] = junkValue(rng);
  if (rng.next() < 0.3) body[rng.pick(["extra", "role", "isAdmin"])] = junkValue(rng);
  return { json: body };
}

describe.each(testEngines())("malformed requests over the OpenAPI document on %s", (engine) => {
  let sys: TestSystem;
  const tokens: Array<string | null> = [null];
  beforeAll(async () => {
    sys = await startTestSystem(engine);
    for (const user of ["demo-county", "demo-township", "demo-cadre", "demo-farmer", "demo-department"]) tokens.push(await sys.tokenFor(user));
  });
  afterAll(() => sys.close());

  // fails if: any operation answers a malformed request with a 5xx or with an error outside {error:{code,message}}
  it(`${REQUESTS_PER_OPERATION} malformed requests per operation: no 5xx, every error in the one shape`, async () => {
    const doc = (await sys.request().get("/api/openapi.json")).body;
    const operations = operationsOf(doc);
    expect(operations.length).toBeGreaterThan(30);
    const rng = seeded(SEED);
    const problems: string[] = [];
    let sent = 0;
    for (const op of operations) {
      for (let i = 0; i < REQUESTS_PER_OPERATION; i++) {
        const path = op.path.replace(/\{(\w+)\}/g, () => encodeURIComponent(String(rng.pick(STRINGS)) || "x"));
        const query: Record<string, unknown> = {};
        for (const p of op.parameters.filter((q) => q.in === "query"))
          if (rng.next() < 0.7) query[p.name] = rng.next() < 0.2 ? [rng.pick(STRINGS), rng.pick(STRINGS)] : rng.pick(STRINGS);
        if (rng.next() < 0.2) query[rng.pick(["unknown", "reveal", "page"])] = rng.pick(STRINGS);
        const token = rng.pick(tokens);
        const agent = sys.request();
        let req = agent[op.method as "get"](path).query(query as Record<string, string>);
        if (token) req = req.set("authorization", `Bearer ${token}`);
        if (op.hasBody) {
          const body = junkBody(rng, op);
          req = req.set("content-type", "application/json").send(body.raw ?? JSON.stringify(body.json));
        }
        if (rng.next() < 0.1) req = req.set("idempotency-key", rng.pick(STRINGS.filter((s) => /^[\x20-\x7e]+$/.test(s))).slice(0, 200));
        const res = await req;
        sent++;
        const where = `${op.method.toUpperCase()} ${path} → ${res.status}`;
        if (res.status >= 500) problems.push(`${where} ${JSON.stringify(res.body).slice(0, 200)}`);
        else if (res.status >= 400) {
          const error = res.body?.error;
          if (!error || !/^[a-z][a-z0-9_]*$/.test(error.code) || typeof error.message !== "string" || !error.message)
            problems.push(`${where} shapeless: ${JSON.stringify(res.body).slice(0, 200)}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(sent).toBe(operations.length * REQUESTS_PER_OPERATION);
  }, 120_000);
});
