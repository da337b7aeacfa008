import Router from "@koa/router";
import { COUNTY_ROLES } from "../../domain/roles.js";
import { answerQuestion, createPolicy, getPolicy, listPolicies, publishPolicyVersion } from "../../services/policy-service.js";
import type { Deps } from "../../services/deps.js";
import { jsonRoutes } from "../api-route.js";
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
  const { read, write } = jsonRoutes(router, deps, { tag: "policies", access: "public" });

  read({ method: "get", path: "/api/policies", summary: "Current policy sheets for a region and audience", query: PolicyListQuerySchema }, ({ query }) => ({
    items: listPolicies(deps, query),
  }));
  // Registered before /:id so that "ask" is never read as a sheet id.
  read(
    { method: "get", path: "/api/policies/ask", summary: "Answer a household's question from the sheets of its region", query: PolicyAskQuerySchema },
    ({ query }) => answerQuestion(deps, query.q, query.region),
  );
  read(
    {
      method: "get",
      path: "/api/policies/:id",
      summary: "One sheet: the current version, or ?version= an older one",
      params: PolicyIdParamsSchema,
      query: PolicyVersionQuerySchema,
    },
    ({ params, query }) => getPolicy(deps, params.id, query.version),
  );
  write(
    {
      method: "post",
      path: "/api/policies",
      summary: "Create a policy sheet (county staff, own province)",
      access: COUNTY_ROLES,
      status: 201,
      body: PolicyCreateSchema,
    },
    (tx, { body, actor }) => {
      const { id, ...draft } = body;
      return createPolicy(deps, tx, actor, id, draft);
    },
  );
  write(
    {
      method: "post",
      path: "/api/policies/:id/versions",
      summary: "Publish a new version of a sheet; older versions are kept",
      access: COUNTY_ROLES,
      status: 201,
      params: PolicyIdParamsSchema,
      body: PolicyDraftSchema,
    },
    (tx, { params, body, actor }) => publishPolicyVersion(deps, tx, actor, params.id, body),
  );
  return router;
}
