import Router from "@koa/router";
import type { Deps } from "../../services/deps.js";
import { calendarWarnings } from "../../services/holiday-calendar.js";
import { routeSpecs } from "../api-route.js";
import { buildOpenApi } from "./openapi.js";

/** Health check (touches the database) and the OpenAPI document. */
export function systemRouter(deps: Deps): Router {
  const router = new Router();
  router.get("/healthz", async (ctx) => {
    try {
      await deps.db.query("SELECT 1");
      const warnings = await calendarWarnings(deps);
      ctx.body = {
        status: "ok",
        database: deps.db.options.type === "mysql" ? "mysql" : "sqlite",
        time: deps.clock.now().toISOString(),
        // still up, but deadlines in a year without its holiday arrangement count weekends only
        details: { warnings: warnings.map((w) => ({ code: "holiday_year_missing", year: w.year, message: w.message })) },
      };
    } catch {
      ctx.status = 503;
      ctx.body = { error: { code: "database_unavailable", message: "数据库暂时连不上" } };
    }
  });
  router.get("/api/openapi.json", (ctx) => {
    ctx.body = buildOpenApi(routeSpecs);
  });
  return router;
}
