import { z } from "zod";
import type { RouteSpec } from "../api-route.js";
import { MINIPROGRAM_CALLS, type ClientCall } from "../../contracts/miniprogram-calls.js";

const toOpenApiPath = (path: string) => path.replace(/:(\w+)/g, "{$1}");

function jsonSchema(schema: z.ZodType, io: "input" | "output" = "input"): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "openapi-3.0" }) as Record<string, unknown>;
  void $schema;
  return rest;
}

function parametersOf(schema: z.ZodType | undefined, where: "query" | "path") {
  if (!schema) return [];
  const s = jsonSchema(schema) as { properties?: Record<string, object>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, prop]) => ({
    name,
    in: where,
    required: where === "path" || (s.required ?? []).includes(name),
    schema: prop,
  }));
}

const ERROR = {
  description: "错误：{error: {code, message, details?}}",
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
};

/** The answers' schemas the contracts give (those a client relies on), by "method path". */
const RESPONSES = new Map(
  Object.values(MINIPROGRAM_CALLS as Record<string, ClientCall>).flatMap((c) => (c.response ? [[`${c.method} ${c.path}`, c.response]] : [])),
);

function okResponse(spec: RouteSpec) {
  const response = RESPONSES.get(`${spec.method} ${spec.path}`);
  const schema = response ? { schema: jsonSchema(response, "output") } : {};
  return { description: "OK", content: { [spec.produces ?? "application/json"]: schema } };
}

/** The OpenAPI 3 document, generated from the same zod schemas that validate requests (and describe answers). */
export function buildOpenApi(specs: readonly RouteSpec[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    const op: Record<string, unknown> = {
      summary: spec.summary,
      tags: [spec.tag],
      parameters: [...parametersOf(spec.params, "path"), ...parametersOf(spec.query, "query")],
      responses: {
        "200": okResponse(spec),
        "400": ERROR,
        ...(spec.access === "public" ? {} : { "401": ERROR, "403": ERROR }),
        "404": ERROR,
      },
      ...(spec.access === "public" ? { security: [] } : {}),
    };
    if (spec.body) op.requestBody = { required: true, content: { "application/json": { schema: jsonSchema(spec.body) } } };
    (paths[toOpenApiPath(spec.path)] ??= {})[spec.method] = op;
  }
  return {
    openapi: "3.0.3",
    info: { title: "yijian 一键申报 API", version: "0.1.0", description: "农户一键申报返贫致贫风险；村委会5日内受理核查并提出办理意见。" },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: { code: { type: "string" }, message: { type: "string" }, details: {} },
            },
          },
        },
      },
    },
    paths,
  };
}
