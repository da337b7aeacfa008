import Router from "@koa/router";
import { COUNTY_ROLES } from "../../domain/roles.js";
import { inTransaction } from "../../db/transaction.js";
import { answerQuestion, createPolicy, getPolicy, listPolicies, publishPolicyVersion } from "../../services/policy-service.js";
import type { Deps } from "../../services/deps.js";
import { defineRoute } from "../api-route.js";
import { rateLimit } from "../middleware/rate-limit.js";
import {
  PolicyAskQuerySchema,
  PolicyCreateSchema,
  PolicyDraftSchema,
  PolicyIdParamsSchema,
  PolicyListQuerySchema,
  PolicyVersionQuerySchema,
} from "../../contracts/policies.js";

/** Policy sheets (明白纸) and answers to households' questions about them. */
export function policiesRouter(deps: Deps): Router {
  const router = new Router();
  // Anyone may ask without signing in; a minute's limit keeps one caller from hogging the CPU.
  router.use("/api/policies/ask", rateLimit({ clock: deps.clock, windowMs: 60_000, max: 120 }));

  defineRoute(
    router,
    deps,
    {
      method: "get",
      path: "/api/policies",
      summary: "Current policy sheets for a region and audience",
      tag: "policies",
      access: "public",
      query: PolicyListQuerySchema,
    },
    async (ctx, { query }) => {
      ctx.body = { items: listPolicies(deps, query) };
    },
  );
  // Registered before /:id so that "ask" is never read as a sheet id.
  defineRoute(
    router,
    deps,
    {
      method: "get",
      path: "/api/policies/ask",
      summary: "Answer a household's question from the sheets of its region",
      tag: "policies",
      access: "public",
      query: PolicyAskQuerySchema,
    },
    async (ctx, { query }) => {
      ctx.body = await answerQuestion(deps, query.q, query.region);
    },
  );
  defineRoute(
    router,
    deps,
    {
      method: "get",
      path: "/api/policies/:id",
      summary: "One sheet: the current version, or ?version= an older one",
      tag: "policies",
      access: "public",
      params: PolicyIdParamsSchema,
      query: PolicyVersionQuerySchema,
    },
    async (ctx, { params, query }) => {
      ctx.body = await getPolicy(deps, params.id, query.version);
    },
  );
  defineRoute(
    router,
    deps,
    {
      method: "post",
      path: "/api/policies",
      summary: "Create a policy sheet (county staff, own province)",
      tag: "policies",
      access: COUNTY_ROLES,
      body: PolicyCreateSchema,
    },
    async (ctx, { body, actor }) => {
      const { id, ...draft } = body;
      ctx.status = 201;
      ctx.body = await inTransaction(deps.db, (tx) => createPolicy(deps, tx, actor, id, draft));
    },
  );
  defineRoute(
    router,
    deps,
    {
      method: "post",
      path: "/api/policies/:id/versions",
      summary: "Publish a new version of a sheet; older versions are kept",
      tag: "policies",
      access: COUNTY_ROLES,
      params: PolicyIdParamsSchema,
      body: PolicyDraftSchema,
    },
    async (ctx, { params, body, actor }) => {
      ctx.status = 201;
      ctx.body = await inTransaction(deps.db, (tx) => publishPolicyVersion(deps, tx, actor, params.id, body));
    },
  );
  return router;
}
