import Router from "@koa/router";
import { COUNTY_ROLES } from "../../domain/roles.js";
import type { Deps } from "../../services/deps.js";
import { cancelCampaign, createCampaign, getCampaign, listCampaigns, updateCampaign } from "../../services/campaigns.js";
import { jsonRoutes } from "../api-route.js";
import { CampaignCancelSchema, CampaignCreateSchema, CampaignIdParamsSchema, CampaignUpdateSchema, CountyQuerySchema } from "../../contracts/campaigns.js";

/** Screening campaigns (集中排查): the county defines them; reminders follow from their dates. */
export function campaignsRouter(deps: Deps): Router {
  const router = new Router();
  const { read, write } = jsonRoutes(router, deps, { tag: "rhythm", access: COUNTY_ROLES });
  read({ method: "get", path: "/api/campaigns", summary: "The county's screening campaigns", query: CountyQuerySchema }, ({ query, actor }) =>
    listCampaigns(deps, actor, query.countyCode),
  );
  write(
    {
      method: "post",
      path: "/api/campaigns",
      summary: "Define a screening campaign (name, county or townships, first and last day)",
      status: 201,
      body: CampaignCreateSchema,
    },
    (tx, { body, actor }) => createCampaign(deps, tx, actor, body),
  );
  read({ method: "get", path: "/api/campaigns/:id", summary: "One screening campaign", params: CampaignIdParamsSchema }, ({ params, actor }) =>
    getCampaign(deps, actor, params.id),
  );
  write(
    {
      method: "patch",
      path: "/api/campaigns/:id",
      summary: "Change a campaign that has not ended",
      params: CampaignIdParamsSchema,
      body: CampaignUpdateSchema,
    },
    (tx, { params, body, actor }) => updateCampaign(deps, tx, actor, params.id, body),
  );
  write(
    {
      method: "post",
      path: "/api/campaigns/:id/cancel",
      summary: "Cancel a campaign: nothing more is sent for it",
      params: CampaignIdParamsSchema,
      body: CampaignCancelSchema,
    },
    (tx, { params, body, actor }) => cancelCampaign(deps, tx, actor, params.id, body.reason),
  );
  return router;
}
