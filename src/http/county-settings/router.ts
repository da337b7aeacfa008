import Router from "@koa/router";
import { inTransaction } from "../../db/transaction.js";
import type { Deps } from "../../services/deps.js";
import { countySettings, updateCountySettings } from "../../services/county-settings.js";
import { defineRoute } from "../api-route.js";
import { CountySettingsQuerySchema, CountySettingsSchema } from "../../contracts/county-settings.js";

/** A county's own choices: how the 5 days are counted, when night-time notices go out. */
export function countySettingsRouter(deps: Deps): Router {
  const router = new Router();
  defineRoute(
    router,
    deps,
    {
      method: "get",
      path: "/api/county-settings",
      summary: "The county's deadline rule and notice hour (county staff: their county; admin: ?county=)",
      tag: "calendar",
      access: ["county", "admin"],
      query: CountySettingsQuerySchema,
    },
    async (ctx, { query, actor }) => {
      ctx.body = await inTransaction(deps.db, (tx) => countySettings(deps, tx, actor, query.county));
    },
  );
  defineRoute(
    router,
    deps,
    {
      method: "put",
      path: "/api/county-settings",
      summary: "Change the county's deadline rule (for reports received from now on) and notice hour; audited",
      tag: "calendar",
      access: ["county", "admin"],
      query: CountySettingsQuerySchema,
      body: CountySettingsSchema,
      labels: { deadlineRule: "期限算法", noticeTime: "夜间消息改发时间" },
    },
    async (ctx, { query, body, actor }) => {
      ctx.body = await inTransaction(deps.db, (tx) => updateCountySettings(deps, tx, actor, body, query.county));
    },
  );
  return router;
}
