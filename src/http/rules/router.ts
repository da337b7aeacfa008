import Router from "@koa/router";
import { COUNTY_ROLES } from "../../domain/roles.js";
import type { Deps } from "../../services/deps.js";
import { createRule, listRules, updateRule } from "../../services/recurring-rules.js";
import { CountyQuerySchema } from "../../contracts/campaigns.js";
import { jsonRoutes } from "../api-route.js";
import { RuleCreateSchema, RuleIdParamsSchema, RuleUpdateSchema } from "../../contracts/rules.js";

/** A rule's code is its 代号 (routine_visit), not a sign-in code. */
const RULE_LABELS = { code: "代号", title: "名称" };

/** Recurring reminders of a county (monthly visits, quarterly surveys, 雨露计划 deadlines…). */
export function rulesRouter(deps: Deps): Router {
  const router = new Router();
  const { read, write } = jsonRoutes(router, deps, { tag: "rhythm", access: COUNTY_ROLES });
  read({ method: "get", path: "/api/rules", summary: "The county's recurring reminder rules", query: CountyQuerySchema }, ({ query, actor }) =>
    listRules(deps, actor, query.countyCode),
  );
  write(
    { method: "post", path: "/api/rules", summary: "Add a recurring reminder rule", status: 201, body: RuleCreateSchema, labels: RULE_LABELS },
    (tx, { body, actor }) => createRule(deps, tx, actor, body),
  );
  write(
    {
      method: "patch",
      path: "/api/rules/:id",
      summary: "Change a rule, or switch it off ({enabled:false}) and on",
      params: RuleIdParamsSchema,
      body: RuleUpdateSchema,
      labels: RULE_LABELS,
    },
    (tx, { params, body, actor }) => updateRule(deps, tx, actor, params.id, body),
  );
  return router;
}
