import { ScreeningCampaignEntity, type ScreeningCampaign } from "../db/entities/screening-campaign.js";
import type { EntityManager } from "typeorm";
import { canSeeArea, type Actor } from "../domain/access.js";
import { areaLevel, countyOf } from "../domain/area-code.js";
import { chinaDay } from "../domain/china-time.js";
import { planCampaign } from "../domain/rhythm/occurrences.js";
import { campaignDatesProblem } from "../domain/rhythm/schedule-check.js";
import { badRequest, conflict, notFound } from "../errors.js";
import type { CampaignCreateInput, CampaignUpdateInput } from "../contracts/campaigns.js";
import { areaNames, findArea } from "../repositories/areas.js";
import { recordAudit } from "../repositories/audit.js";
import { campaignAreas, campaignsOfCounty, findCampaign, insertLedger, ledgerSince, plannableCampaign } from "../repositories/rhythm.js";
import type { Deps } from "./deps.js";
import { countyOfActor } from "./rhythm-scope.js";

export interface CampaignView {
  id: number;
  name: string;
  countyCode: string;
  areas: Array<{ code: string; name: string }>;
  firstDay: string;
  lastDay: string;
  status: ScreeningCampaign["status"];
  createdAt: string;
}

async function view(deps: Deps, c: ScreeningCampaign): Promise<CampaignView> {
  const codes = campaignAreas(c);
  const names = await areaNames(deps.db, codes);
  return {
    id: c.id,
    name: c.name,
    countyCode: c.countyCode,
    areas: codes.map((code) => ({ code, name: names.get(code) ?? code })),
    firstDay: c.firstDay,
    lastDay: c.lastDay,
    status: c.status,
    createdAt: c.createdAt.toISOString(),
  };
}

/** The campaign's area: the county itself, or townships of it (an area that names the county is the whole county). */
async function checkAreas(deps: Deps, countyCode: string, codes: string[] | undefined): Promise<string[]> {
  if (!codes || codes.length === 0 || codes.includes(countyCode)) return [countyCode];
  for (const code of codes) {
    const area = await findArea(deps.db, code);
    if (!area || countyOf(code) !== countyCode) throw badRequest("area_outside_county", `所选地区（${code}）不在本县范围内`);
    if (areaLevel(code) !== "township") throw badRequest("area_level_invalid", "排查范围只能选全县或乡镇");
  }
  return [...new Set(codes)].sort();
}

function checkDates(firstDay: string, lastDay: string): void {
  const problem = campaignDatesProblem(firstDay, lastDay);
  if (problem) throw badRequest(problem.code, problem.message);
}

async function loadInScope(deps: Deps, actor: Actor, id: number): Promise<ScreeningCampaign> {
  const c = await findCampaign(deps.db, id);
  // another county's campaign is as good as absent
  if (!c || !canSeeArea(actor, c.countyCode)) throw notFound("campaign_not_found", "没有找到这次集中排查");
  return c;
}

export async function listCampaigns(deps: Deps, actor: Actor, countyCode?: string): Promise<{ items: CampaignView[] }> {
  const county = countyOfActor(actor, countyCode);
  const rows = await campaignsOfCounty(deps.db, county);
  return { items: await Promise.all(rows.map((c) => view(deps, c))) };
}

export async function getCampaign(deps: Deps, actor: Actor, id: number): Promise<CampaignView> {
  return view(deps, await loadInScope(deps, actor, id));
}

/** A county defines a screening campaign; its reminders follow from its dates. */
export async function createCampaign(deps: Deps, tx: EntityManager, actor: Actor, input: CampaignCreateInput): Promise<CampaignView> {
  const county = countyOfActor(actor, input.countyCode);
  checkDates(input.firstDay, input.lastDay);
  const now = deps.clock.now();
  if (input.lastDay < chinaDay(now)) throw badRequest("campaign_in_past", "这次排查的结束日期已经过去了，请检查日期");
  const areaCodes = await checkAreas(deps, county, input.areaCodes);
  const row: Omit<ScreeningCampaign, "id"> = {
    countyCode: county,
    name: input.name,
    areaCodes: JSON.stringify(areaCodes),
    firstDay: input.firstDay,
    lastDay: input.lastDay,
    status: "active",
    seedKey: null,
    createdBy: actor.accountId,
    createdAt: now,
    updatedAt: now,
  };
  const result = await tx.getRepository(ScreeningCampaignEntity).insert(row);
  const id = Number(result.identifiers[0].id);
  await recordAudit(tx, {
    at: now,
    actorId: actor.accountId,
    action: "campaign.create",
    subjectType: "screening_campaign",
    subjectId: String(id),
    detail: { firstDay: input.firstDay, lastDay: input.lastDay, areaCodes },
  });
  return view(deps, { ...row, id });
}

/** Changes a campaign that has not ended; steps on the new dates are planned afresh. */
export async function updateCampaign(deps: Deps, tx: EntityManager, actor: Actor, id: number, input: CampaignUpdateInput): Promise<CampaignView> {
  const c = await loadInScope(deps, actor, id);
  const now = deps.clock.now();
  if (c.status === "cancelled") throw conflict("campaign_cancelled", "这次排查已取消，不能再修改");
  if (c.lastDay < chinaDay(now)) throw conflict("campaign_finished", "这次排查已经结束，不能再修改");
  const firstDay = input.firstDay ?? c.firstDay;
  const lastDay = input.lastDay ?? c.lastDay;
  checkDates(firstDay, lastDay);
  const areaCodes = input.areaCodes ? await checkAreas(deps, c.countyCode, input.areaCodes) : campaignAreas(c);
  const patch = { name: input.name ?? c.name, firstDay, lastDay, areaCodes: JSON.stringify(areaCodes), updatedAt: now };
  await tx.getRepository(ScreeningCampaignEntity).update({ id }, patch);
  await recordAudit(tx, {
    at: now,
    actorId: actor.accountId,
    action: "campaign.update",
    subjectType: "screening_campaign",
    subjectId: String(id),
    detail: { before: { firstDay: c.firstDay, lastDay: c.lastDay, areaCodes: campaignAreas(c) }, after: { firstDay, lastDay, areaCodes } },
  });
  return view(deps, { ...c, ...patch });
}

/**
 * Cancels a campaign: nothing more is sent for it, and each step not yet decided is written
 * to the ledger as cancelled, so the calendar shows what will not happen.
 */
export async function cancelCampaign(deps: Deps, tx: EntityManager, actor: Actor, id: number, reason?: string): Promise<CampaignView> {
  const c = await loadInScope(deps, actor, id);
  if (c.status === "cancelled") throw conflict("campaign_cancelled", "这次排查已经取消了");
  const now = deps.clock.now();
  // every step not decided yet, including one due a moment ago that no tick has reached
  const undecided = planCampaign(plannableCampaign(c), "0000-01-01", "9999-12-31").filter((o) => o.at >= c.createdAt);
  const decided = await ledgerSince(tx, c.createdAt);
  await tx.getRepository(ScreeningCampaignEntity).update({ id }, { status: "cancelled", updatedAt: now });
  for (const o of undecided) {
    if (decided.has(o.key)) continue;
    await insertLedger(tx, {
      occurrenceKey: o.key,
      source: "campaign",
      sourceId: c.id,
      step: o.step,
      audience: o.audience,
      scheduledFor: o.at,
      status: "cancelled",
      decidedAt: now,
      notifications: 0,
    });
  }
  await recordAudit(tx, {
    at: now,
    actorId: actor.accountId,
    action: "campaign.cancel",
    subjectType: "screening_campaign",
    subjectId: String(id),
    detail: reason ? { reason } : undefined,
  });
  return view(deps, { ...c, status: "cancelled", updatedAt: now });
}
