import Router from "@koa/router";
import type { Deps } from "../../services/deps.js";
import { countySettings, updateCountySettings } from "../../services/county-settings.js";
import { jsonRoutes } from "../api-route.js";
import { CountySettingsQuerySchema, CountySettingsSchema } from "../../contracts/county-settings.js";

/** A county's own choices: how the 5 days are counted, when night-time notices go out. */
export function countySettingsRouter(deps: Deps): Router {
  const router = new Router();
  const { write } = jsonRoutes(router, deps, { tag: "calendar", access: ["county", "admin"] });
  write(
    {
      method: "get",
      path: "/api/county-settings",
      summary: "The county's deadline rule and notice hour (county staff: their county; admin: ?county=)",
      query: CountySettingsQuerySchema,
    },
    (tx, { query, actor }) => countySettings(deps, tx, actor, query.county),
  );
  write(
    {
      method: "put",
      path: "/api/county-settings",
      summary: "Change the county's deadline rule (for reports received from now on) and notice hour; audited",
      query: CountySettingsQuerySchema,
      body: CountySettingsSchema,
      labels: { deadlineRule: "期限算法", noticeTime: "夜间消息改发时间" },
    },
    (tx, { query, body, actor }) => updateCountySettings(deps, tx, actor, body, query.county),
  );
  return router;
}
