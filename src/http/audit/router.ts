import Router from "@koa/router";
import type { Deps } from "../../services/deps.js";
import { readAuditLog } from "../../services/audit-log.js";
import { defineRoute } from "../api-route.js";
import { AuditQuerySchema } from "../../contracts/audit.js";

export function auditRouter(deps: Deps): Router {
  const router = new Router();
  defineRoute(
    router,
    deps,
    {
      method: "get",
      path: "/api/audit",
      summary: "The audit log of the county (who did or read what, when): filter by person, report or its household, action, days; paged; masked",
      tag: "console",
      access: ["county", "admin"],
      query: AuditQuerySchema,
    },
    async (ctx, { query, actor }) => {
      ctx.body = await readAuditLog(deps, actor, query);
    },
  );
  return router;
}
