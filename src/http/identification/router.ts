import Router from "@koa/router";
import { STAFF_ROLES } from "../../domain/roles.js";
import type { Deps } from "../../services/deps.js";
import { listCases, listRegister, recordClearanceStep, recordIdentificationStep } from "../../services/identification-service.js";
import { jsonRoutes } from "../api-route.js";
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
  const { read, write } = jsonRoutes(router, deps, { tag: "identification" });

  // signed in: who records which step is the domain's rule (its step table, mayRecord), answered with a step-specific 403
  write(
    {
      method: "post",
      path: "/api/reports/:id/identification",
      summary: "Record a step of the identification path (认定程序) after propose_monitoring",
      access: "signed_in",
      params: ReportIdParamsSchema,
      body: IdentificationStepSchema,
      labels: IDENTIFICATION_FIELD_LABELS,
    },
    async (tx, { params, body, actor }) => ({ identification: await recordIdentificationStep(deps, tx, actor, params.id, body) }),
  );
  read(
    {
      method: "get",
      path: "/api/identification/cases",
      summary: "Open identification cases of the signed-in staff's area with their clocks, overdue first, each with its next step",
      access: STAFF_ROLES,
      query: CasesQuerySchema,
    },
    ({ query, actor }) => listCases(deps, deps.db.manager, actor, query),
  );
  read(
    {
      method: "get",
      path: "/api/households",
      summary: "The register of monitored (or risk-cleared) households of the signed-in staff's area, names masked",
      access: STAFF_ROLES,
      query: RegisterQuerySchema,
    },
    ({ query, actor }) => listRegister(deps, deps.db.manager, actor, query),
  );
  write(
    {
      method: "post",
      path: "/api/households/:id/clearance",
      summary: "Record a step of a monitored household's risk clearance (风险消除)",
      access: "signed_in",
      params: HouseholdIdParamsSchema,
      body: ClearanceStepSchema,
      labels: IDENTIFICATION_FIELD_LABELS,
    },
    async (tx, { params, body, actor }) => ({ clearance: await recordClearanceStep(deps, tx, actor, params.id, body) }),
  );
  return router;
}
