import type Router from "@koa/router";
import type { Context } from "koa";
import { z } from "zod";
import type { Actor } from "../domain/access.js";
import type { Role } from "../domain/roles.js";
import { AppError, forbidden, unauthorized } from "../errors.js";
import { authenticate, authenticateSession } from "../services/auth-service.js";
import type { Deps } from "../services/deps.js";

// Validation messages in Chinese, for the people who read them.
z.config(z.locales.zhCN());

type Method = "get" | "post" | "put" | "patch" | "delete";

/** Who may call a route: anyone, anyone signed in, or the listed roles. */
export type Access = "public" | "signed_in" | readonly Role[];

export interface RouteSpec<B extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, P extends z.ZodType = z.ZodType> {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  access: Access;
  body?: B;
  query?: Q;
  params?: P;
  /** Non-JSON responses (files) say so for the OpenAPI document. */
  produces?: string;
  /** Open to a session that still has to replace its one-time password (who am I, change it). */
  beforePasswordChange?: true;
}

export interface RouteInput<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  actor: Actor;
}

/** Every route defined so far, for the OpenAPI document. */
export const routeSpecs: RouteSpec[] = [];

/** Fields as a farmer would name them; other fields are named by their path. */
const FIELD_LABELS: Record<string, string> = {
  phone: "手机号",
  password: "密码",
  currentPassword: "原密码",
  newPassword: "新密码",
  code: "登录码",
  villageCode: "所在村",
  riskTypes: "困难类型",
  description: "情况说明",
  "household.name": "姓名",
  "household.phone": "手机号",
  "household.idNumber": "身份证号",
  relation: "与当事人的关系",
  channel: "申报渠道",
  reason: "理由",
  note: "说明",
  visitedAt: "上门时间",
};

function fieldPath(path: PropertyKey[]): string {
  return path.length ? path.map(String).join(".") : "";
}

function fieldName(path: PropertyKey[]): string {
  const key = fieldPath(path);
  return key ? (FIELD_LABELS[key.replace(/\.\d+$/, "")] ?? key) : "请求内容";
}

/** Turns a zod error into a 400 whose message names the first bad field. */
export function validationError(error: z.ZodError, where: string): AppError {
  const first = error.issues[0];
  const field = fieldName(first.path);
  return new AppError(400, "validation_failed", `${field}：${first.message}`, {
    in: where,
    issues: error.issues.map((i) => ({ field: fieldPath(i.path) || null, label: fieldName(i.path), message: i.message, code: i.code })),
  });
}

function parse<S extends z.ZodType>(schema: S | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, where);
  return result.data;
}

async function resolveActor(ctx: Context, deps: Deps, spec: Pick<RouteSpec, "access" | "beforePasswordChange">): Promise<Actor | undefined> {
  const { access } = spec;
  const header = ctx.get("authorization");
  const token = header.startsWith("Bearer ") ? header.slice(7).trim() : "";
  if (access === "public") return token ? authenticate(deps, token).catch(() => undefined) : undefined;
  if (!token) throw unauthorized();
  const { actor, mustChangePassword } = await authenticateSession(deps, token);
  if (mustChangePassword && !spec.beforePasswordChange) throw new AppError(403, "password_change_required", "请先修改临时密码，再继续使用");
  if (access !== "signed_in" && !access.includes(actor.role)) throw forbidden();
  return actor;
}

/**
 * Registers a route: checks access, validates body, query and params once with zod,
 * and records the spec for the OpenAPI document. The handler gets typed input.
 */
export function defineRoute<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, P extends z.ZodType | undefined = undefined>(
  router: Router,
  deps: Deps,
  spec: Omit<RouteSpec, "body" | "query" | "params"> & { body?: B; query?: Q; params?: P },
  handler: (
    ctx: Context,
    input: RouteInput<B extends z.ZodType ? z.infer<B> : undefined, Q extends z.ZodType ? z.infer<Q> : undefined, P extends z.ZodType ? z.infer<P> : undefined>,
  ) => Promise<void>,
): void {
  routeSpecs.push(spec as RouteSpec);
  router[spec.method](spec.path, async (ctx: Context) => {
    const actor = await resolveActor(ctx, deps, spec);
    const input = {
      body: parse(spec.body, (ctx.request as { body?: unknown }).body ?? {}, "body"),
      query: parse(spec.query, ctx.query, "query"),
      params: parse(spec.params, ctx.params, "params"),
      actor: actor as Actor,
    };
    await handler(ctx, input as never);
  });
}
