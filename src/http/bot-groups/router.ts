import Router from "@koa/router";
import { bindGroup, issueLinkCode, listGroups, unbindGroup } from "../../services/bot-service.js";
import type { Deps } from "../../services/deps.js";
import { defineRoute } from "../api-route.js";
import { BotGroupBindSchema, BotGroupListQuerySchema, BotGroupParamsSchema } from "./schema.js";

const COUNTY_STAFF = ["county", "admin"] as const;

/** WeChat groups bound to villages (county staff), and the code staff use to link their WeChat. */
export function botGroupsRouter(deps: Deps): Router {
  const router = new Router();
  defineRoute(router, deps, { method: "get", path: "/api/bot/groups", summary: "Bound WeChat groups in the caller's area", tag: "bot", access: COUNTY_STAFF, query: BotGroupListQuerySchema }, async (ctx, { actor, query }) => {
    ctx.body = { items: await listGroups(deps, actor, query.villageCode) };
  });
  defineRoute(router, deps, { method: "post", path: "/api/bot/groups", summary: "Bind a WeChat group to a village", tag: "bot", access: COUNTY_STAFF, body: BotGroupBindSchema }, async (ctx, { actor, body }) => {
    ctx.status = 201;
    ctx.body = await bindGroup(deps, actor, body);
  });
  defineRoute(router, deps, { method: "delete", path: "/api/bot/groups/:roomId", summary: "Unbind a WeChat group", tag: "bot", access: COUNTY_STAFF, params: BotGroupParamsSchema }, async (ctx, { actor, params }) => {
    await unbindGroup(deps, actor, params.roomId);
    ctx.status = 204;
  });
  defineRoute(router, deps, { method: "post", path: "/api/bot/link-code", summary: "A one-time code to link the caller's WeChat to the bot", tag: "bot", access: ["grid_worker", "village_cadre", "township", "county", "department", "admin"] }, async (ctx, { actor }) => {
    ctx.status = 201;
    ctx.body = await issueLinkCode(deps, actor);
  });
  return router;
}
