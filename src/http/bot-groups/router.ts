import Router from "@koa/router";
import { GROUP_KEEPER_ROLES } from "../../domain/roles.js";
import { inTransaction } from "../../db/transaction.js";
import { groupsOverview, issueLinkCode, unbindGroup } from "../../services/bot-service.js";
import type { Deps } from "../../services/deps.js";
import { defineRoute } from "../api-route.js";
import { BotGroupListQuerySchema, BotGroupParamsSchema } from "../../contracts/bot-groups.js";

/** Who may open the 微信群 page: a village's staff see their village, the county every village. */

/**
 * WeChat groups bound to villages and the codes that bind them. A group is bound only from
 * inside it ("绑定 <绑定码>" to the bot), so the sender's WeChat and membership are proven;
 * there is deliberately no route that binds a group by its id.
 */
export function botGroupsRouter(deps: Deps): Router {
  const router = new Router();
  defineRoute(
    router,
    deps,
    {
      method: "get",
      path: "/api/bot/groups",
      summary: "Villages in the caller's area with their bind codes and bound WeChat groups",
      tag: "bot",
      access: GROUP_KEEPER_ROLES,
      query: BotGroupListQuerySchema,
    },
    async (ctx, { actor, query }) => {
      ctx.body = await groupsOverview(deps, actor, query.township);
    },
  );
  defineRoute(
    router,
    deps,
    {
      method: "delete",
      path: "/api/bot/groups/:roomId",
      summary: "Unbind a WeChat group",
      tag: "bot",
      access: GROUP_KEEPER_ROLES,
      params: BotGroupParamsSchema,
    },
    async (ctx, { actor, params }) => {
      await inTransaction(deps.db, (tx) => unbindGroup(deps, tx, actor, params.roomId));
      ctx.status = 204;
    },
  );
  defineRoute(
    router,
    deps,
    {
      method: "post",
      path: "/api/bot/link-code",
      summary: "A one-time code to link the caller's WeChat to the bot",
      tag: "bot",
      access: ["grid_worker", "village_cadre", "township", "county", "department", "admin"],
    },
    async (ctx, { actor }) => {
      ctx.status = 201;
      ctx.body = await inTransaction(deps.db, (tx) => issueLinkCode(deps, tx, actor));
    },
  );
  return router;
}
