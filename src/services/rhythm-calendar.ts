import type { Actor } from "../domain/access.js";
import { addDays, chinaDay, daysBetween, startOfChinaDay } from "../domain/china-time.js";
import { AUDIENCE_LABELS, type Audience } from "../domain/rhythm/audiences.js";
import { planCampaign, planRule, type PlannedOccurrence } from "../domain/rhythm/occurrences.js";
import { campaignText, renderTemplate } from "../domain/rhythm/texts.js";
import { badRequest } from "../errors.js";
import type { CalendarQuery } from "../contracts/calendar.js";
import { campaignsOfCounty, ledgerSince, plannableCampaign, plannableRule, rulesOfCounty } from "../repositories/rhythm.js";
import type { Deps } from "./deps.js";
import { countyOfActor } from "./rhythm-scope.js";

export const CAMPAIGN_STEP_LABELS: Record<string, string> = {
  before_7d: "开始前7天提醒",
  before_1d: "开始前1天提醒",
  first_day: "排查第一天告知",
  before_end_3d: "结束前3天提醒",
  after_end: "结束后总结",
};

export interface CalendarItem {
  at: string;
  day: string;
  /** The day before a holiday shift, when it differs. */
  shiftedFrom: string | null;
  dueDay: string | null;
  source: "rule" | "campaign";
  sourceId: number;
  code: string;
  step: string;
  title: string;
  /** What the village groups or staff will read (a summary's figures are filled in when it is sent). */
  text: string;
  audiences: Array<{ audience: Audience; label: string; status: "sent" | "missed" | "cancelled" | null }>;
}

/** Longest span one calendar request may cover. */
export const MAX_CALENDAR_DAYS = 400;

/**
 * The occurrences of the caller's county between two China days (default: the next 12
 * months): every enabled rule's dates and every active campaign's reminder steps, each
 * with its audiences and, once decided, what became of it.
 */
export async function listCalendar(
  deps: Deps,
  actor: Actor,
  query: CalendarQuery,
): Promise<{ countyCode: string; from: string; to: string; items: CalendarItem[] }> {
  const county = countyOfActor(actor, query.countyCode);
  const from = query.from ?? chinaDay(deps.clock.now());
  const to = query.to ?? addDays(from, 365);
  if (to < from) throw badRequest("calendar_range_invalid", "结束日期不能早于开始日期");
  if (daysBetween(from, to) > MAX_CALENDAR_DAYS) throw badRequest("calendar_range_too_long", `一次最多查看${MAX_CALENDAR_DAYS}天`);
  const [rules, campaigns, ledger] = await Promise.all([
    rulesOfCounty(deps.db, county),
    campaignsOfCounty(deps.db, county),
    ledgerSince(deps.db, startOfChinaDay(from)),
  ]);

  const calendar = await deps.holidays.current();
  const groups = new Map<string, CalendarItem>();
  const add = (o: PlannedOccurrence, make: () => Omit<CalendarItem, "audiences">) => {
    const id = `${o.source}:${o.sourceId}:${o.step}:${o.nominalDay}`;
    if (!groups.has(id)) groups.set(id, { ...make(), audiences: [] });
    groups.get(id)!.audiences.push({ audience: o.audience, label: AUDIENCE_LABELS[o.audience], status: ledger.get(o.key)?.status ?? null });
  };
  for (const r of rules.filter((r) => r.enabled)) {
    const plan = plannableRule(r);
    for (const o of planRule(plan, from, to, calendar))
      add(o, () => ({
        at: o.at.toISOString(),
        day: o.day,
        shiftedFrom: o.day === o.nominalDay ? null : o.nominalDay,
        dueDay: o.dueDay,
        source: "rule",
        sourceId: r.id,
        code: r.code,
        step: o.step,
        title: r.title,
        text: renderTemplate(plan.template, o),
      }));
  }
  for (const c of campaigns.filter((c) => c.status === "active")) {
    for (const o of planCampaign(plannableCampaign(c), from, to))
      add(o, () => ({
        at: o.at.toISOString(),
        day: o.day,
        shiftedFrom: null,
        dueDay: o.step === "after_end" ? null : c.lastDay,
        source: "campaign",
        sourceId: c.id,
        code: "screening_campaign",
        step: o.step,
        title: `${c.name}：${CAMPAIGN_STEP_LABELS[o.step] ?? o.step}`,
        text: campaignText(o.step, o.audience, { name: c.name, firstDay: c.firstDay, lastDay: c.lastDay }),
      }));
  }
  const items = [...groups.values()].sort((a, b) => a.at.localeCompare(b.at) || a.title.localeCompare(b.title));
  return { countyCode: county, from, to, items };
}
