import type Router from "@koa/router";
import type { Context } from "koa";
import { z } from "zod";
import type { Actor } from "../domain/access.js";
import type { Role } from "../domain/roles.js";
import { AppError, forbidden, unauthorized } from "../errors.js";
import { authenticate, authenticateSession } from "../services/auth-service.js";
import type { Deps } from "../services/deps.js";
import { inTransaction } from "../db/transaction.js";
import type { EntityManager } from "typeorm";

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
  /** This route's own names for fields whose common name would mislead. */
  labels?: Record<string, string>;
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

/** Fields as a farmer or an officer would name them. */
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
  receivedOn: "收到日期",
  id: "编号",
  title: "标题",
  body: "正文",
  source: "文件出处",
  year: "年份",
  region: "地区",
  audience: "适用人群",
  audiences: "提醒对象",
  keywords: "关键词",
  faq: "常见问题",
  name: "名称",
  firstDay: "开始日期",
  lastDay: "结束日期",
  areaCodes: "范围",
  template: "提醒内容",
  schedule: "周期",
  holidayShift: "节假日顺延",
  enabled: "启用",
  text: "内容",
  kind: "种类",
  status: "状态",
  overdue: "超期",
  riskType: "风险类型",
  areaCode: "地区",
  countyCode: "县",
  from: "开始日期",
  to: "结束日期",
  page: "页码",
  pageSize: "每页条数",
  department: "部门",
  policyRef: "政策依据",
  q: "问题",
};

/** Items of a list, numbered from 1 as people count: faq.0.answer is 第1条问答的答案. */
const LIST_ITEM_LABELS: Record<string, { item: string; fields: Record<string, string> }> = {
  faq: { item: "问答", fields: { question: "问题", answer: "答案", source: "出处" } },
};

function fieldPath(path: PropertyKey[]): string {
  return path.length ? path.map(String).join(".") : "";
}

/** The Chinese name of a field; `labels` are a route's own (a rule's code is its 代号, not a 登录码). */
function fieldName(path: PropertyKey[], labels: Record<string, string> = {}): string {
  const key = fieldPath(path);
  if (!key) return "请求内容";
  const [head, index, field] = path.map(String);
  const list = LIST_ITEM_LABELS[head];
  if (list && index !== undefined && /^\d+$/.test(index)) return `第${Number(index) + 1}条${list.item}${field ? `的${list.fields[field] ?? field}` : ""}`;
  // an item of a plain list (riskTypes.2) is named by the list
  const base = key.replace(/\.\d+$/, "");
  return labels[base] ?? FIELD_LABELS[base] ?? labels[head] ?? FIELD_LABELS[head] ?? "其他内容";
}

/** Turns a zod error into a 400 whose message names every bad field in Chinese, in order. */
export function validationError(error: z.ZodError, where: string, labels: Record<string, string> = {}): AppError {
  const issues = error.issues.map((i) => ({ field: fieldPath(i.path) || null, label: fieldName(i.path, labels), message: i.message, code: i.code }));
  const sentences = [...new Set(issues.map((i) => `${i.label}：${i.message}`))];
  return new AppError(400, "validation_failed", sentences.join("；"), { in: where, issues });
}

function parse<S extends z.ZodType>(schema: S | undefined, value: unknown, where: string, labels?: Record<string, string>): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, where, labels);
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
export function defineRoute<
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
>(
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
      body: parse(spec.body, (ctx.request as { body?: unknown }).body ?? {}, "body", spec.labels),
      query: parse(spec.query, ctx.query, "query", spec.labels),
      params: parse(spec.params, ctx.params, "params"),
      actor: actor as Actor,
    };
    await handler(ctx, input as never);
  });
}

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;
type JsonSpec<B, Q, P> = Omit<RouteSpec, "body" | "query" | "params" | "tag" | "access"> & {
  body?: B;
  query?: Q;
  params?: P;
  /** The answer's status when it is not 200 (201 for a route that creates). */
  status?: number;
  tag?: string;
  access?: Access;
};

/**
 * Routes whose answer is JSON: `read` answers what its function returns; `write` runs its function in
 * the one transaction the route opens (the change and its audit record commit together). `common`
 * gives the router's tag and access once, for the routes that do not say otherwise.
 */
export function jsonRoutes(router: Router, deps: Deps, common: { tag: string; access?: Access }) {
  function define<B extends z.ZodType | undefined, Q extends z.ZodType | undefined, P extends z.ZodType | undefined>(
    spec: JsonSpec<B, Q, P>,
    answer: (input: RouteInput<Infer<B>, Infer<Q>, Infer<P>>) => Promise<unknown> | unknown,
  ): void {
    const { status, ...rest } = spec;
    const access = rest.access ?? common.access;
    if (!access) throw new Error(`${spec.method} ${spec.path}: no access given`);
    defineRoute(router, deps, { ...rest, tag: rest.tag ?? common.tag, access }, async (ctx, input) => {
      const body = await answer(input as RouteInput<Infer<B>, Infer<Q>, Infer<P>>);
      if (status) ctx.status = status;
      ctx.body = body;
    });
  }
  return {
    read: define,
    write<B extends z.ZodType | undefined, Q extends z.ZodType | undefined, P extends z.ZodType | undefined>(
      spec: JsonSpec<B, Q, P>,
      change: (tx: EntityManager, input: RouteInput<Infer<B>, Infer<Q>, Infer<P>>) => Promise<unknown>,
    ): void {
      define(spec, (input) => inTransaction(deps.db, (tx) => change(tx, input)));
    },
  };
}
