import type { EntityManager } from "typeorm";
import { countyOf, townshipOf } from "../domain/area-code.js";
import { clockHolder, escalatedTo, holderLabel, isRestartedClock, type ClockHolder } from "../domain/report/clock-holder.js";
import { DUE_REMINDERS, lastDayOf } from "../domain/report/clock.js";
import { dueSoonNotice, overdueNotice, transferOverdueNotice, type ReportFacts } from "../domain/report/notice-texts.js";
import type { Report } from "../db/entities/report.js";
import type { Account } from "../db/entities/account.js";
import { enqueueNotification, type NewNotification } from "../outbox/outbox.js";
import { departmentStaff, staffOfArea } from "../repositories/reports.js";

/**
 * The report clock's notices, decided and queued in one place: "due in 2 days" and "due in 1 day"
 * to whoever holds the clock (the village's cadres, or the township or department the report was
 * transferred to), and the overdue escalation (督办) to the level above. All go through the outbox in
 * the caller's transaction: a unique ledger key makes each happen once, and the outbox keeps them
 * inside working hours.
 */

/** The staff who work a report while `holder` holds its clock. */
export function holderStaff(tx: EntityManager, report: Pick<Report, "villageCode">, holder: ClockHolder): Promise<Account[]> {
  switch (holder.kind) {
    case "village":
      return staffOfArea(tx, report.villageCode, ["village_cadre"]);
    case "township":
      return staffOfArea(tx, townshipOf(report.villageCode), ["township"]);
    case "department":
      return departmentStaff(tx, countyOf(report.villageCode), holder.department);
    case "county":
      return staffOfArea(tx, countyOf(report.villageCode), ["county"]);
  }
}

/** The ledger key's tail: a clock restarted by a transfer, or a deadline moved, is keyed by its own last day. */
const clockKey = (report: Pick<Report, "dueAt" | "transferredAt">, revised: boolean) =>
  revised || isRestartedClock(report) ? `:${lastDayOf(report.dueAt)}` : "";

/**
 * Queues the "due in 2 days" and "due in 1 day" reminders of the report's current clock to the
 * staff who hold it (none that would already be past). `revised`: the deadline moved.
 */
export async function queueDueReminders(
  tx: EntityManager,
  report: Report,
  facts: ReportFacts,
  now: Date,
  opts: { revised?: boolean; recipients?: Account[] } = {},
) {
  const staff = opts.recipients ?? (await holderStaff(tx, report, clockHolder(report)));
  await enqueueNotification(tx, dueReminders(report, facts, now, staff, opts.revised === true), now);
}

/** The "due in 2 days" and "due in 1 day" reminders of the report's current clock to `staff`, not yet queued. */
export function dueReminders(report: Report, facts: ReportFacts, now: Date, staff: readonly Pick<Account, "id">[], revised = false): NewNotification[] {
  const notices: NewNotification[] = [];
  for (const person of staff) {
    for (const { daysBefore: days, kind } of DUE_REMINDERS) {
      const at = new Date(report.dueAt.getTime() - days * 86_400_000);
      if (at.getTime() <= now.getTime()) continue;
      notices.push({
        channel: "bot",
        recipientType: "account",
        recipientId: person.id,
        dedupeKey: `report:${report.id}:due_in_${days}_days:${person.id}${clockKey(report, revised)}`,
        kind,
        // the outbox drops it if the report is answered or its deadline changes before it is sent
        payload: { reportId: report.id, dueAt: report.dueAt.toISOString(), whileAwaitingOpinion: true, text: dueSoonNotice(facts, days) },
        dueAt: at,
      });
    }
  }
  return notices;
}

/**
 * Queues the escalation of a report whose clock has just run out: the township hears of a late
 * village, the county of a late township or department (it may take the report over or send it
 * back). Returns how many were told.
 */
export async function queueOverdueEscalation(tx: EntityManager, report: Report, facts: ReportFacts, now: Date): Promise<number> {
  const holder = clockHolder(report);
  const to = escalatedTo(holder);
  if (!to) return 0;
  const text = holder.kind === "village" ? overdueNotice(facts) : transferOverdueNotice(facts, holderLabel(holder));
  const staff = await staffOfArea(tx, to === "township" ? townshipOf(report.villageCode) : countyOf(report.villageCode), [to]);
  await enqueueNotification(
    tx,
    staff.map((person) => ({
      dedupeKey: `report:${report.id}:overdue:${person.id}${clockKey(report, false)}`,
      channel: "bot" as const,
      kind: "report_overdue",
      recipientType: "account" as const,
      recipientId: person.id,
      payload: { reportId: report.id, text },
      dueAt: now,
    })),
    now,
  );
  return staff.length;
}
