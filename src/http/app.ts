import Koa from "koa";
import type Router from "@koa/router";
import type { Deps } from "../services/deps.js";
import { routeSpecs } from "./api-route.js";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { areasRouter } from "./areas/router.js";
import { authRouter } from "./auth/router.js";
import { botGroupsRouter } from "./bot-groups/router.js";
import { calendarRouter } from "./calendar/router.js";
import { countySettingsRouter } from "./county-settings/router.js";
import { campaignsRouter } from "./campaigns/router.js";
import { consoleRouter } from "./console/router.js";
import { dashboardRouter } from "./dashboard/router.js";
import { ALERT_UPLOAD_PATHS, departmentAlertsRouter } from "./department-alerts/router.js";
import { identificationRouter } from "./identification/router.js";
import { ledgerRouter } from "./ledger/router.js";
import { auditRouter } from "./audit/router.js";
import { consoleStatic } from "./middleware/console-static.js";
import { uploadPaths } from "./middleware/upload-body.js";
import { clientAddress } from "./middleware/client-address.js";
import { requestLog } from "./middleware/request-log.js";
import { staffRouter } from "./staff/router.js";
import { meRouter } from "./me/router.js";
import { policiesRouter } from "./policies/router.js";
import { reportsRouter } from "./reports/router.js";
import { rulesRouter } from "./rules/router.js";
import { errorMiddleware } from "./middleware/errors.js";
import { jsonBody } from "./middleware/json-body.js";
import { requestId } from "./middleware/request-id.js";
import { systemRouter } from "./system/router.js";

/** Every resource's router, in one list: adding a resource means adding a line here. */
const routers: Array<(deps: Deps) => Router> = [
  systemRouter,
  areasRouter,
  authRouter,
  meRouter,
  reportsRouter,
  identificationRouter,
  campaignsRouter,
  rulesRouter,
  calendarRouter,
  countySettingsRouter,
  policiesRouter,
  botGroupsRouter,
  consoleRouter,
  dashboardRouter,
  ledgerRouter,
  auditRouter,
  departmentAlertsRouter,
  staffRouter,
];

/** The county console's static front end (plain HTML, ES modules and CSS; no build step). */
const CONSOLE_ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), "../console/static");

/** Builds the Koa app on the given dependencies (tests build one per database). */
export function createApp(deps: Deps): Koa {
  // Forwarded headers are read only from TRUSTED_PROXIES (clientAddress), never by Koa itself.
  const app = new Koa({ proxy: false });
  routeSpecs.length = 0;
  app.use(requestId);
  app.use(clientAddress(deps.config.TRUSTED_PROXIES));
  // Outside the error middleware, so 4xx and 5xx answers are logged with their status too.
  app.use(requestLog(deps.log));
  app.use(errorMiddleware(deps.log));
  app.use(uploadPaths(ALERT_UPLOAD_PATHS));
  app.use(jsonBody());
  app.use(consoleStatic("/console", CONSOLE_ROOT));
  for (const build of routers) {
    const router = build(deps);
    app.use(router.routes()).use(router.allowedMethods({ throw: false }));
  }
  app.use(async (ctx) => {
    ctx.status = 404;
    ctx.body = { error: { code: "route_not_found", message: "没有这个地址" } };
  });
  return app;
}
