import Router from "@koa/router";
import { CONSOLE_ROLES } from "../../domain/roles.js";
import type { Deps } from "../../services/deps.js";
import { dashboard } from "../../services/dashboard-service.js";
import { defineRoute } from "../api-route.js";
import { DashboardQuerySchema } from "../../contracts/dashboard.js";

/** Roles that work at a desk over many villages. */

export function dashboardRouter(deps: Deps): Router {
  const router = new Router();
  defineRoute(
    router,
    deps,
    {
      method: "get",
      path: "/api/dashboard",
      summary: "Open and overdue reports per village, risk types per ISO week (8 weeks), share answered within the period (30 days)",
      tag: "console",
      access: CONSOLE_ROLES,
      query: DashboardQuerySchema,
    },
    async (ctx, { query, actor }) => {
      ctx.body = await dashboard(deps, actor, query);
    },
  );
  return router;
}
