import type { DataSource, EntityManager } from "typeorm";
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

export const activeCampaigns = (db: Db) => db.getRepository(ScreeningCampaignEntity).findBy({ status: "active" });
export const enabledRules = (db: Db) => db.getRepository(RecurringRuleEntity).findBy({ enabled: true });

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

/** Ledger rows of occurrences scheduled at or after `from`, by key. */
export async function ledgerSince(db: Db, from: Date): Promise<Map<string, OccurrenceLedger>> {
  const rows = await db.getRepository(OccurrenceLedgerEntity).createQueryBuilder("l").where("l.scheduledFor >= :from", { from }).getMany();
  return new Map(rows.map((r) => [r.occurrenceKey, r]));
}

export async function insertLedger(tx: EntityManager, row: Omit<OccurrenceLedger, "id">): Promise<void> {
  await tx.getRepository(OccurrenceLedgerEntity).insert(row);
}
