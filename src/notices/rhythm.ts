import type { EntityManager } from "typeorm";
import type { RecurringRule } from "../db/entities/recurring-rule.js";
import type { ScreeningCampaign } from "../db/entities/screening-campaign.js";
import { addDays, chinaDay, startOfChinaDay } from "../domain/china-time.js";
import type { WorkingDayCalendar } from "../domain/holidays.js";
import { decideOccurrence } from "../domain/rhythm/due.js";
import { planCampaign, planRule, type PlannedOccurrence } from "../domain/rhythm/occurrences.js";
import { campaignText, renderTemplate } from "../domain/rhythm/texts.js";
import { enqueueNotification, type NewNotification } from "../outbox/outbox.js";
import {
  activeCampaigns,
  campaignAreas,
  enabledRules,
  findCampaign,
  findRule,
  insertLedger,
  ledgerSince,
  plannableCampaign,
  plannableRule,
} from "../repositories/rhythm.js";
import { recipientsOf, reportCounts, type Recipient } from "../repositories/rhythm-recipients.js";
import type { Deps } from "../services/deps.js";

/** How far back a tick looks for occurrences nobody decided; downtime longer than this is not recorded. */
export const LOOKBACK_DAYS = 400;

interface Candidate {
  occurrence: PlannedOccurrence;
  countyCode: string;
  areaCodes: string[];
  message: (recipient: Recipient, tx: EntityManager) => Promise<{ kind: string; payload: Record<string, unknown> }>;
  /** Whether the rule is still on, or the campaign not cancelled, inside the deciding transaction. */
  stillOn: (tx: EntityManager) => Promise<boolean>;
}

function ruleCandidates(rule: RecurringRule, fromDay: string, toDay: string, calendar: WorkingDayCalendar): Candidate[] {
  const plan = plannableRule(rule);
  return planRule(plan, fromDay, toDay, calendar)
    .filter((o) => o.at >= rule.activeFrom)
    .map((occurrence) => ({
      occurrence,
      countyCode: rule.countyCode,
      areaCodes: [rule.countyCode],
      message: async () => ({ kind: `rhythm_${rule.code}`, payload: { text: renderTemplate(plan.template, occurrence), rule: rule.code } }),
      stillOn: async (tx) => (await findRule(tx, rule.id))?.enabled === true,
    }));
}

function campaignCandidates(c: ScreeningCampaign, fromDay: string, toDay: string, screeningTemplate: string): Candidate[] {
  const words = { name: c.name, firstDay: c.firstDay, lastDay: c.lastDay };
  const areas = campaignAreas(c);
  return planCampaign(plannableCampaign(c), fromDay, toDay)
    .filter((o) => o.at >= c.createdAt)
    .map((occurrence) => ({
      occurrence,
      countyCode: c.countyCode,
      areaCodes: areas,
      stillOn: async (tx) => (await findCampaign(tx, c.id))?.status === "active",
      message: async (recipient, tx) => {
        const kind = `screening_${occurrence.step}`;
        if (occurrence.audience === "farmers")
          return {
            kind,
            payload: {
              template: "screening_notice",
              templateId: screeningTemplate,
              name: c.name,
              firstDay: c.firstDay,
              lastDay: c.lastDay,
              text: campaignText(occurrence.step, "farmers", words),
              page: "pages/index/index",
            },
          };
        const summary =
          occurrence.step === "after_end"
            ? await reportCounts(
                tx,
                recipient.areaCode && occurrence.audience === "township" ? [recipient.areaCode] : areas,
                startOfChinaDay(c.firstDay),
                startOfChinaDay(addDays(c.lastDay, 1)),
              )
            : undefined;
        return { kind, payload: { text: campaignText(occurrence.step, occurrence.audience, words, summary), campaignId: c.id } };
      },
    }));
}

/** An occurrence that has come due and that no instance had decided when the pass began. */
export interface DueOccurrence {
  candidate: Candidate;
  decision: "send" | "missed";
}

/**
 * The rule and campaign occurrences that have come due and that no instance has decided yet,
 * oldest first: each is sent, or recorded as missed when it is older than the grace window.
 * `counties`: only those counties' rules and campaigns, and only their ledger rows (the tick's
 * leased counties); omitted: every county's.
 */
export async function dueOccurrences(deps: Deps, now: Date, counties?: readonly string[]): Promise<DueOccurrence[]> {
  if (counties?.length === 0) return [];
  const graceMs = deps.config.RHYTHM_GRACE_HOURS * 3600_000;
  const toDay = chinaDay(now);
  const fromDay = addDays(toDay, -LOOKBACK_DAYS);
  const ledgerFrom = startOfChinaDay(addDays(fromDay, -1));
  const [rules, campaigns] = await Promise.all([enabledRules(deps.db, counties), activeCampaigns(deps.db, counties)]);
  const ledger = await ledgerSince(deps.db, ledgerFrom, counties ? { ruleIds: rules.map((r) => r.id), campaignIds: campaigns.map((c) => c.id) } : undefined);
  // holidayShift uses the system's calendar, as entered by the admin
  const calendar = await deps.holidays.current();
  const candidates = [
    ...rules.flatMap((r) => ruleCandidates(r, fromDay, toDay, calendar)),
    ...campaigns
      .filter((c) => c.lastDay >= addDays(fromDay, -2))
      .flatMap((c) => campaignCandidates(c, fromDay, toDay, deps.config.WECHAT_TEMPLATE_SCREENING_NOTICE)),
  ].sort((a, b) => a.occurrence.at.getTime() - b.occurrence.at.getTime());
  const due: DueOccurrence[] = [];
  for (const candidate of candidates) {
    if (ledger.has(candidate.occurrence.key)) continue;
    const decision = decideOccurrence(now, candidate.occurrence.at, graceMs);
    if (decision !== "not_yet") due.push({ candidate, decision });
  }
  return due;
}

/**
 * Decides one occurrence in the caller's transaction: its ledger row and its notifications
 * together. The ledger key is unique, so a second instance's insert fails and it leaves that
 * occurrence to the first. Returns how many notifications were enqueued, or null when the
 * rule was switched off or the campaign cancelled since the pass read it.
 */
export async function decideDueOccurrence(deps: Deps, tx: EntityManager, { candidate: cand, decision }: DueOccurrence, now: Date): Promise<number | null> {
  const o = cand.occurrence;
  // switched off or cancelled since this pass read it: leave it to the ledger rows the change wrote
  if (!(await cand.stillOn(tx))) return null;
  const recipients =
    decision === "send"
      ? await recipientsOf(tx, o.audience, o.audience === "county" ? [cand.countyCode] : cand.areaCodes, {
          screeningTemplateId: deps.config.WECHAT_TEMPLATE_SCREENING_NOTICE,
        })
      : [];
  await insertLedger(tx, {
    occurrenceKey: o.key,
    source: o.source,
    sourceId: o.sourceId,
    step: o.step,
    audience: o.audience,
    scheduledFor: o.at,
    status: decision === "send" ? "sent" : "missed",
    decidedAt: now,
    notifications: recipients.length,
  });
  const batch: NewNotification[] = [];
  for (const r of recipients) {
    const { kind, payload } = await cand.message(r, tx);
    batch.push({
      dedupeKey: `${o.key}:${r.id}`,
      channel: o.audience === "farmers" ? "wechat_subscribe" : "bot",
      kind,
      recipientType: r.type,
      recipientId: r.id,
      payload,
      dueAt: now,
    });
  }
  if (batch.length) await enqueueNotification(tx, batch, now);
  return recipients.length;
}
