import { AccountEntity } from "../db/entities/account.js";
import { inTransaction } from "../db/transaction.js";
import { chinaHour } from "../domain/china-time.js";
import { reportsFallingOverdue } from "../repositories/reports.js";
import type { Deps } from "../services/deps.js";
import { DIGEST_HOUR, markReportOverdue, queueOverdueDigest } from "../services/report-escalation.js";

/**
 * Cron step: marks every report whose clock ran out (the village's, or a receiver's after a
 * transfer) as overdue and escalates it, one transaction per report. Safe from any number of
 * instances. Returns how many this run marked.
 */
export async function markOverdueReports(deps: Deps, batch = 200): Promise<number> {
  let marked = 0;
  for (;;) {
    const due = await reportsFallingOverdue(deps.db, deps.clock.now(), batch);
    if (due.length === 0) return marked;
    for (const report of due) if (await inTransaction(deps.db, (tx) => markReportOverdue(deps, tx, report))) marked++;
    if (due.length < batch) return marked;
  }
}

/** Cron step: once a day from 08:00 China time, each county account gets the overdue count per village. */
export async function enqueueOverdueDigests(deps: Deps): Promise<number> {
  if (chinaHour(deps.clock.now()) < DIGEST_HOUR) return 0;
  const countyStaff = await deps.db.getRepository(AccountEntity).find({ where: { role: "county", disabled: false } });
  let queued = 0;
  for (const account of countyStaff) if (await inTransaction(deps.db, (tx) => queueOverdueDigest(deps, tx, account))) queued++;
  return queued;
}
