import Router from "@koa/router";
import { describeMe } from "../../services/auth-service.js";
import type { Deps } from "../../services/deps.js";
import { defineRoute } from "../api-route.js";

export function meRouter(deps: Deps): Router {
  const router = new Router();
  defineRoute(router, deps, { method: "get", path: "/api/me", summary: "The signed-in account, its role and area", tag: "auth", access: "signed_in" }, async (ctx, { actor }) => {
    ctx.body = await describeMe(deps, actor);
  });
  return router;
}
