import { In } from "typeorm";
import { AccountEntity } from "../db/entities/account.js";
import { NotificationEntity } from "../db/entities/notification.js";
import { inTransaction } from "../db/transaction.js";
import { chinaDay, chinaHour } from "../domain/china-time.js";
import { reportsFallingOverdue } from "../repositories/reports.js";
import { areaRange } from "../repositories/reports.js";
import type { Deps } from "../services/deps.js";
import { DIGEST_HOUR, markReportOverdue, queueOverdueDigest } from "../services/report-escalation.js";

/** Ids per IN list (SQLite refuses more than 32 766 variables in one statement). */
const PER_QUERY = 1000;

/**
 * Cron step: marks every report whose clock ran out (the village's, or a receiver's after a
 * transfer) as overdue and escalates it, one transaction per report. Safe from any number of
 * instances. `counties`: only those counties' villages (the tick's leased counties); omitted:
 * every county. Returns how many this run marked.
 */
export async function markOverdueReports(deps: Deps, counties?: readonly string[], batch = 200): Promise<number> {
  let marked = 0;
  for (const villages of counties ? counties.map(areaRange) : [undefined]) {
    for (;;) {
      const due = await reportsFallingOverdue(deps.db, deps.clock.now(), batch, villages);
      for (const report of due) if (await inTransaction(deps.db, (tx) => markReportOverdue(deps, tx, report))) marked++;
      if (due.length < batch) break;
    }
  }
  return marked;
}

/**
 * Cron step: once a day from 08:00 China time, each county account (of `counties`, or of every
 * county when omitted) gets the overdue count per village. The day's digests already queued are
 * read first, in one query, so an account is aggregated once a day, not every minute.
 */
export async function enqueueOverdueDigests(deps: Deps, counties?: readonly string[]): Promise<number> {
  if (counties?.length === 0) return 0;
  const now = deps.clock.now();
  if (chinaHour(now) < DIGEST_HOUR) return 0;
  const where = { role: "county" as const, disabled: false, ...(counties ? { areaCode: In([...counties]) } : {}) };
  const countyStaff = await deps.db.getRepository(AccountEntity).find({ where });
  const day = chinaDay(now);
  const keyOf = (accountId: string) => `digest:${day}:${accountId}`;
  const sent = new Set<string>();
  for (let i = 0; i < countyStaff.length; i += PER_QUERY) {
    const keys = countyStaff.slice(i, i + PER_QUERY).map((a) => keyOf(a.id));
    const rows = await deps.db.getRepository(NotificationEntity).find({ select: { dedupeKey: true }, where: { dedupeKey: In(keys) } });
    for (const r of rows) sent.add(r.dedupeKey);
  }
  let queued = 0;
  for (const account of countyStaff)
    if (!sent.has(keyOf(account.id)) && (await inTransaction(deps.db, (tx) => queueOverdueDigest(deps, tx, account)))) queued++;
  return queued;
}
