import Router from "@koa/router";
import { COUNTY_ROLES } from "../../domain/roles.js";
import { inTransaction } from "../../db/transaction.js";
import type { Deps } from "../../services/deps.js";
import { cancelCampaign, createCampaign, getCampaign, listCampaigns, updateCampaign } from "../../services/campaigns.js";
import { defineRoute } from "../api-route.js";
import { CampaignCancelSchema, CampaignCreateSchema, CampaignIdParamsSchema, CampaignUpdateSchema, CountyQuerySchema } from "../../contracts/campaigns.js";

/** Screening campaigns (集中排查): the county defines them; reminders follow from their dates. */
export function campaignsRouter(deps: Deps): Router {
  const router = new Router();

  defineRoute(
    router,
    deps,
    { method: "get", path: "/api/campaigns", summary: "The county's screening campaigns", tag: "rhythm", access: COUNTY_ROLES, query: CountyQuerySchema },
    async (ctx, { query, actor }) => {
      ctx.body = await listCampaigns(deps, actor, query.countyCode);
    },
  );

  defineRoute(
    router,
    deps,
    {
      method: "post",
      path: "/api/campaigns",
      summary: "Define a screening campaign (name, county or townships, first and last day)",
      tag: "rhythm",
      access: COUNTY_ROLES,
      body: CampaignCreateSchema,
    },
    async (ctx, { body, actor }) => {
      ctx.status = 201;
      ctx.body = await inTransaction(deps.db, (tx) => createCampaign(deps, tx, actor, body));
    },
  );

  defineRoute(
    router,
    deps,
    { method: "get", path: "/api/campaigns/:id", summary: "One screening campaign", tag: "rhythm", access: COUNTY_ROLES, params: CampaignIdParamsSchema },
    async (ctx, { params, actor }) => {
      ctx.body = await getCampaign(deps, actor, params.id);
    },
  );

  defineRoute(
    router,
    deps,
    {
      method: "patch",
      path: "/api/campaigns/:id",
      summary: "Change a campaign that has not ended",
      tag: "rhythm",
      access: COUNTY_ROLES,
      params: CampaignIdParamsSchema,
      body: CampaignUpdateSchema,
    },
    async (ctx, { params, body, actor }) => {
      ctx.body = await inTransaction(deps.db, (tx) => updateCampaign(deps, tx, actor, params.id, body));
    },
  );

  defineRoute(
    router,
    deps,
    {
      method: "post",
      path: "/api/campaigns/:id/cancel",
      summary: "Cancel a campaign: nothing more is sent for it",
      tag: "rhythm",
      access: COUNTY_ROLES,
      params: CampaignIdParamsSchema,
      body: CampaignCancelSchema,
    },
    async (ctx, { params, body, actor }) => {
      ctx.body = await inTransaction(deps.db, (tx) => cancelCampaign(deps, tx, actor, params.id, body.reason));
    },
  );

  return router;
}
