import Router from "@koa/router";
import { COUNTY_ROLES } from "../../domain/roles.js";
import { inTransaction } from "../../db/transaction.js";
import type { Deps } from "../../services/deps.js";
import { createRule, listRules, updateRule } from "../../services/recurring-rules.js";
import { CountyQuerySchema } from "../../contracts/campaigns.js";
import { defineRoute } from "../api-route.js";
import { RuleCreateSchema, RuleIdParamsSchema, RuleUpdateSchema } from "../../contracts/rules.js";

/** Recurring reminders of a county (monthly visits, quarterly surveys, 雨露计划 deadlines…). */
/** A rule's code is its 代号 (routine_visit), not a sign-in code. */
const RULE_LABELS = { code: "代号", title: "名称" };

export function rulesRouter(deps: Deps): Router {
  const router = new Router();

  defineRoute(
    router,
    deps,
    { method: "get", path: "/api/rules", summary: "The county's recurring reminder rules", tag: "rhythm", access: COUNTY_ROLES, query: CountyQuerySchema },
    async (ctx, { query, actor }) => {
      ctx.body = await listRules(deps, actor, query.countyCode);
    },
  );

  defineRoute(
    router,
    deps,
    {
      method: "post",
      path: "/api/rules",
      summary: "Add a recurring reminder rule",
      tag: "rhythm",
      access: COUNTY_ROLES,
      body: RuleCreateSchema,
      labels: RULE_LABELS,
    },
    async (ctx, { body, actor }) => {
      ctx.status = 201;
      ctx.body = await inTransaction(deps.db, (tx) => createRule(deps, tx, actor, body));
    },
  );

  defineRoute(
    router,
    deps,
    {
      method: "patch",
      path: "/api/rules/:id",
      summary: "Change a rule, or switch it off ({enabled:false}) and on",
      tag: "rhythm",
      access: COUNTY_ROLES,
      params: RuleIdParamsSchema,
      body: RuleUpdateSchema,
      labels: RULE_LABELS,
    },
    async (ctx, { params, body, actor }) => {
      ctx.body = await inTransaction(deps.db, (tx) => updateRule(deps, tx, actor, params.id, body));
    },
  );

  return router;
}
