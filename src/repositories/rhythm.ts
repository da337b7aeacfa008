import { In, type DataSource, type EntityManager } from "typeorm";
import { OccurrenceLedgerEntity, type OccurrenceLedger } from "../db/entities/occurrence-ledger.js";
import { RecurringRuleEntity, type RecurringRule } from "../db/entities/recurring-rule.js";
import { ScreeningCampaignEntity, type ScreeningCampaign } from "../db/entities/screening-campaign.js";
import type { Audience } from "../domain/rhythm/audiences.js";
import type { PlannableCampaign, PlannableRule } from "../domain/rhythm/occurrences.js";
import type { ScheduleSpec } from "../domain/rhythm/schedule.js";

type Db = DataSource | EntityManager;

export const findCampaign = (db: Db, id: number) => db.getRepository(ScreeningCampaignEntity).findOneBy({ id });
export const findRule = (db: Db, id: number) => db.getRepository(RecurringRuleEntity).findOneBy({ id });

export const campaignsOfCounty = (db: Db, countyCode: string) =>
  db.getRepository(ScreeningCampaignEntity).find({ where: { countyCode }, order: { firstDay: "ASC", id: "ASC" } });
export const rulesOfCounty = (db: Db, countyCode: string) => db.getRepository(RecurringRuleEntity).find({ where: { countyCode }, order: { id: "ASC" } });

/** Active campaigns, of `counties` only when given (the cron's leased counties). */
export const activeCampaigns = (db: Db, counties?: readonly string[]) =>
  db.getRepository(ScreeningCampaignEntity).findBy({ status: "active", ...(counties ? { countyCode: In([...counties]) } : {}) });
/** Enabled rules, of `counties` only when given. */
export const enabledRules = (db: Db, counties?: readonly string[]) =>
  db.getRepository(RecurringRuleEntity).findBy({ enabled: true, ...(counties ? { countyCode: In([...counties]) } : {}) });

/** A stored rule as the planner reads it. */
export const plannableRule = (r: RecurringRule): PlannableRule & { template: string } => ({
  id: r.id,
  schedule: JSON.parse(r.schedule) as ScheduleSpec,
  audiences: JSON.parse(r.audiences) as Audience[],
  holidayShift: r.holidayShift,
  template: r.template,
});

export const campaignAreas = (c: ScreeningCampaign): string[] => JSON.parse(c.areaCodes) as string[];
export const plannableCampaign = (c: ScreeningCampaign): PlannableCampaign => ({ id: c.id, firstDay: c.firstDay, lastDay: c.lastDay });

/**
 * Ledger rows of occurrences scheduled at or after `from`, by key: of every source, or, when
 * `of` is given, of those rules and campaigns only (one county's: idx_ledger_source), not the
 * whole ledger's 400 days.
 */
export async function ledgerSince(db: Db, from: Date, of?: { ruleIds: number[]; campaignIds: number[] }): Promise<Map<string, OccurrenceLedger>> {
  const q = db.getRepository(OccurrenceLedgerEntity).createQueryBuilder("l");
  if (!of) return byKey(await q.where("l.scheduledFor >= :from", { from }).getMany());
  const rows: OccurrenceLedger[] = [];
  for (const [source, ids] of [
    ["rule", of.ruleIds],
    ["campaign", of.campaignIds],
  ] as const)
    for (let i = 0; i < ids.length; i += IDS_PER_QUERY)
      rows.push(
        ...(await q
          .clone()
          .where("l.source = :source AND l.sourceId IN (:...ids) AND l.scheduledFor >= :from", { source, ids: ids.slice(i, i + IDS_PER_QUERY), from })
          .getMany()),
      );
  return byKey(rows);
}

/** Ids per IN list (SQLite refuses more than 32 766 variables in one statement). */
const IDS_PER_QUERY = 1000;

const byKey = (rows: OccurrenceLedger[]) => new Map(rows.map((r) => [r.occurrenceKey, r]));

export async function insertLedger(tx: EntityManager, row: Omit<OccurrenceLedger, "id">): Promise<void> {
  await tx.getRepository(OccurrenceLedgerEntity).insert(row);
}
