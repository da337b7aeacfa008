import Router from "@koa/router";
import { GROUP_KEEPER_ROLES, STAFF_ROLES } from "../../domain/roles.js";
import { groupsOverview, issueLinkCode, unbindGroup } from "../../services/bot-service.js";
import type { Deps } from "../../services/deps.js";
import { jsonRoutes } from "../api-route.js";
import { BotGroupListQuerySchema, BotGroupParamsSchema } from "../../contracts/bot-groups.js";

/**
 * WeChat groups bound to villages and the codes that bind them. A group is bound only from
 * inside it ("绑定 <绑定码>" to the bot), so the sender's WeChat and membership are proven;
 * there is deliberately no route that binds a group by its id. The 微信群 page is for a
 * village's own staff (their village) and the county (every village).
 */
export function botGroupsRouter(deps: Deps): Router {
  const router = new Router();
  const { read, write } = jsonRoutes(router, deps, { tag: "bot", access: GROUP_KEEPER_ROLES });
  read(
    {
      method: "get",
      path: "/api/bot/groups",
      summary: "Villages in the caller's area with their bind codes and bound WeChat groups",
      query: BotGroupListQuerySchema,
    },
    ({ actor, query }) => groupsOverview(deps, actor, query.township),
  );
  write(
    { method: "delete", path: "/api/bot/groups/:roomId", summary: "Unbind a WeChat group", status: 204, params: BotGroupParamsSchema },
    (tx, { actor, params }) => unbindGroup(deps, tx, actor, params.roomId),
  );
  write(
    { method: "post", path: "/api/bot/link-code", summary: "A one-time code to link the caller's WeChat to the bot", status: 201, access: STAFF_ROLES },
    (tx, { actor }) => issueLinkCode(deps, tx, actor),
  );
  return router;
}
