import Router from "@koa/router";
import type { Deps } from "../../services/deps.js";
import { listCalendar } from "../../services/rhythm-calendar.js";
import { defineRoute } from "../api-route.js";
import { CalendarQuerySchema } from "./schema.js";

/** The year's rhythm as a calendar: what will be sent, when, to whom. */
export function calendarRouter(deps: Deps): Router {
  const router = new Router();
  defineRoute(
    router,
    deps,
    { method: "get", path: "/api/calendar", summary: "Coming rule and campaign occurrences in the county, with their audiences (default: the next 12 months)", tag: "rhythm", access: ["county", "admin"], query: CalendarQuerySchema },
    async (ctx, { query, actor }) => {
      ctx.body = await listCalendar(deps, actor, query);
    },
  );
  return router;
}
