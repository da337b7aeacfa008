import { OccurrenceLedgerEntity, type OccurrenceLedger } from "../../src/db/entities/occurrence-ledger.js";
import { NotificationEntity, type Notification } from "../../src/db/entities/notification.js";
import { RecurringRuleEntity } from "../../src/db/entities/recurring-rule.js";
import { ScreeningCampaignEntity } from "../../src/db/entities/screening-campaign.js";
import { chinaDay } from "../../src/domain/china-time.js";
import type { Deps } from "../../src/services/deps.js";

export const HOUR = 3600_000;

export const ledgerRows = (deps: Deps): Promise<OccurrenceLedger[]> =>
  deps.db.getRepository(OccurrenceLedgerEntity).find({ order: { scheduledFor: "ASC", id: "ASC" } });
export const notifications = (deps: Deps): Promise<Notification[]> => deps.db.getRepository(NotificationEntity).find({ order: { id: "ASC" } });

/** Rule code by id and campaign name by id, to read ledger rows by what they are. */
export async function sourceNames(deps: Deps): Promise<(row: OccurrenceLedger) => string> {
  const rules = new Map((await deps.db.getRepository(RecurringRuleEntity).find()).map((r) => [r.id, r.code]));
  const campaigns = new Map((await deps.db.getRepository(ScreeningCampaignEntity).find()).map((c) => [c.id, c.firstDay]));
  return (row) => (row.source === "rule" ? rules.get(row.sourceId)! : `campaign@${campaigns.get(row.sourceId)}:${row.step}`);
}

/** "code day" pairs, one per occurrence (audiences folded), sorted. */
export function occurrenceDays(rows: OccurrenceLedger[], name: (r: OccurrenceLedger) => string): string[] {
  return [...new Set(rows.map((r) => `${name(r)} ${chinaDay(r.scheduledFor)}`))].sort();
}
