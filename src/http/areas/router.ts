import Router from "@koa/router";
import { normalizeAreaCode } from "../../domain/area-code.js";
import { assertFound } from "../../errors.js";
import { childAreas, findArea } from "../../repositories/areas.js";
import type { Deps } from "../../services/deps.js";
import { defineRoute } from "../api-route.js";
import { AreaCodeParamsSchema } from "../../contracts/areas.js";

/** Administrative areas (public: names and codes are published by the statistics bureau). */
export function areasRouter(deps: Deps): Router {
  const router = new Router();
  defineRoute(
    router,
    deps,
    { method: "get", path: "/api/areas/:code", summary: "One area by its division code", tag: "areas", access: "public", params: AreaCodeParamsSchema },
    async (ctx, { params }) => {
      const area = await findArea(deps.db, normalizeAreaCode(params.code)!);
      assertFound(area, "没有这个区划代码");
      ctx.body = area;
    },
  );
  defineRoute(
    router,
    deps,
    { method: "get", path: "/api/areas/:code/children", summary: "The areas directly below one", tag: "areas", access: "public", params: AreaCodeParamsSchema },
    async (ctx, { params }) => {
      const code = normalizeAreaCode(params.code)!;
      assertFound(await findArea(deps.db, code), "没有这个区划代码");
      ctx.body = { items: await childAreas(deps.db, code) };
    },
  );
  return router;
}
