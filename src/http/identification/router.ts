import Router from "@koa/router";
import { inTransaction } from "../../db/transaction.js";
import { STAFF_ROLES } from "../../domain/roles.js";
import type { Deps } from "../../services/deps.js";
import { listCases, listRegister, recordClearanceStep, recordIdentificationStep } from "../../services/identification-service.js";
import { defineRoute } from "../api-route.js";
import { ReportIdParamsSchema } from "../../contracts/reports.js";
import {
  CasesQuerySchema,
  ClearanceStepSchema,
  HouseholdIdParamsSchema,
  IDENTIFICATION_FIELD_LABELS,
  IdentificationStepSchema,
  RegisterQuerySchema,
} from "../../contracts/identification.js";

/** After the opinion (issue 16): the identification path of a report, the register, and the way out. */
export function identificationRouter(deps: Deps): Router {
  const router = new Router();

  // signed in: who records which step is the domain's rule (its step table, mayRecord), answered with a step-specific 403
  defineRoute(
    router,
    deps,
    {
      method: "post",
      path: "/api/reports/:id/identification",
      summary: "Record a step of the identification path (认定程序) after propose_monitoring",
      tag: "identification",
      access: "signed_in",
      params: ReportIdParamsSchema,
      body: IdentificationStepSchema,
      labels: IDENTIFICATION_FIELD_LABELS,
    },
    async (ctx, { params, body, actor }) => {
      ctx.body = { identification: await inTransaction(deps.db, (tx) => recordIdentificationStep(deps, tx, actor, params.id, body)) };
    },
  );

  defineRoute(
    router,
    deps,
    {
      method: "get",
      path: "/api/identification/cases",
      summary: "Open identification cases of the signed-in staff's area with their clocks, overdue first, each with its next step",
      tag: "identification",
      access: STAFF_ROLES,
      query: CasesQuerySchema,
    },
    async (ctx, { query, actor }) => {
      ctx.body = await listCases(deps, deps.db.manager, actor, query);
    },
  );

  defineRoute(
    router,
    deps,
    {
      method: "get",
      path: "/api/households",
      summary: "The register of monitored (or risk-cleared) households of the signed-in staff's area, names masked",
      tag: "identification",
      access: STAFF_ROLES,
      query: RegisterQuerySchema,
    },
    async (ctx, { query, actor }) => {
      ctx.body = await listRegister(deps, deps.db.manager, actor, query);
    },
  );

  defineRoute(
    router,
    deps,
    {
      method: "post",
      path: "/api/households/:id/clearance",
      summary: "Record a step of a monitored household's risk clearance (风险消除)",
      tag: "identification",
      access: "signed_in",
      params: HouseholdIdParamsSchema,
      body: ClearanceStepSchema,
      labels: IDENTIFICATION_FIELD_LABELS,
    },
    async (ctx, { params, body, actor }) => {
      ctx.body = { clearance: await inTransaction(deps.db, (tx) => recordClearanceStep(deps, tx, actor, params.id, body)) };
    },
  );
  return router;
}
