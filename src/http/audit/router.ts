import Router from "@koa/router";
import type { Deps } from "../../services/deps.js";
import { readAuditLog } from "../../services/audit-log.js";
import { jsonRoutes } from "../api-route.js";
import { AuditQuerySchema } from "../../contracts/audit.js";

export function auditRouter(deps: Deps): Router {
  const router = new Router();
  const { read } = jsonRoutes(router, deps, { tag: "console", access: ["county", "admin"] });
  read(
    {
      method: "get",
      path: "/api/audit",
      summary: "The audit log of the county (who did or read what, when): filter by person, report or its household, action, days; paged; masked",
      query: AuditQuerySchema,
    },
    ({ query, actor }) => readAuditLog(deps, actor, query),
  );
  return router;
}
