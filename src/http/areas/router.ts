import Router from "@koa/router";
import { normalizeAreaCode } from "../../domain/area-code.js";
import { assertFound } from "../../errors.js";
import { childAreas, findArea } from "../../repositories/areas.js";
import type { Deps } from "../../services/deps.js";
import { jsonRoutes } from "../api-route.js";
import { AreaCodeParamsSchema } from "../../contracts/areas.js";

/** Administrative areas (public: names and codes are published by the statistics bureau). */
export function areasRouter(deps: Deps): Router {
  const router = new Router();
  const { read } = jsonRoutes(router, deps, { tag: "areas", access: "public" });
  read({ method: "get", path: "/api/areas/:code", summary: "One area by its division code", params: AreaCodeParamsSchema }, async ({ params }) => {
    const area = await findArea(deps.db, normalizeAreaCode(params.code)!);
    assertFound(area, "没有这个区划代码");
    return area;
  });
  read({ method: "get", path: "/api/areas/:code/children", summary: "The areas directly below one", params: AreaCodeParamsSchema }, async ({ params }) => {
    const code = normalizeAreaCode(params.code)!;
    assertFound(await findArea(deps.db, code), "没有这个区划代码");
    return { items: await childAreas(deps.db, code) };
  });
  return router;
}
