import type { EntityManager } from "typeorm";
import { ReportEntity } from "../db/entities/report.js";
import { countyOf, townshipOf } from "../domain/area-code.js";
import { caseReminders, nextReminderAt, type CaseReminders, type Level } from "../domain/identification/clocks.js";
import { clockNoticeText } from "../domain/identification/notice-texts.js";
import { enqueueNotification, type NewNotification } from "../outbox/outbox.js";
import { areaNames } from "../repositories/areas.js";
import { casesWithReminderDue, identificationSteps, lockReport, setNextReminderAt, type ReminderCursor } from "../repositories/identification.js";
import { areaRange, staffOfArea } from "../repositories/reports.js";
import type { Deps } from "../services/deps.js";
import { identificationContext } from "../services/identification-service.js";

const ROLES_OF: Record<Level, { area: (villageCode: string) => string; role: "village_cadre" | "township" | "county" }> = {
  village: { area: (v) => v, role: "village_cadre" },
  township: { area: townshipOf, role: "township" },
  county: { area: countyOf, role: "county" },
};

/** Cases read per query of the sweep. */
export const REMINDER_BATCH = 200;

/**
 * The ids of the cases whose next reminder or escalation is due at `now` (their stored
 * `next_reminder_at`), a batch at a time by keyset: the sweep never reads a case whose
 * clock is further away, so its cost follows the cases that owe something, not the open ones.
 * `counties`: only the cases of those counties' villages (the tick's leased counties); omitted: all.
 */
export async function* casesDueForReminders(deps: Deps, now: Date, batch = REMINDER_BATCH, counties?: readonly string[]): AsyncGenerator<string[]> {
  for (const villages of counties ? counties.map(areaRange) : [undefined]) {
    let after: ReminderCursor | null = null;
    for (;;) {
      const rows = await casesWithReminderDue(deps.db, now, after, batch, villages);
      if (rows.length) yield rows.map((r) => r.id);
      if (rows.length < batch) break;
      const last = rows[rows.length - 1]!;
      after = { at: last.nextReminderAt!, id: last.id };
    }
  }
}

/**
 * One case's reminders and escalations that have fallen due, in the caller's transaction: to
 * the holder before the end, one and two levels up after (village → township → county),
 * computed from the steps read under the report's lock (so a step just done stops its
 * reminders); then the instant it is next due is stored. Each notice goes once per recipient
 * (its dedupe key) however many instances run this. Returns how many were new.
 */
export async function remindCase(deps: Deps, tx: EntityManager, reportId: string, now: Date): Promise<number> {
  await lockReport(tx, reportId);
  const report = await tx.getRepository(ReportEntity).findOneBy({ id: reportId });
  // another instance, or a step, has moved it on since it was read
  if (!report?.nextReminderAt || report.nextReminderAt.getTime() > now.getTime()) return 0;
  if (report.opinionKind !== "propose_monitoring") {
    await setNextReminderAt(tx, report.id, null);
    return 0;
  }
  const steps = await identificationSteps(tx, report.id);
  const reminders = caseReminders(report.id, report.receivedAt, steps, await identificationContext(deps, tx, report), now);
  const names = reminders.due.length ? await areaNames(tx, [report.villageCode]) : new Map<string, string>();
  const fresh = await enqueueClockNotices(tx, report, names.get(report.villageCode) ?? "", reminders, now);
  await setNextReminderAt(tx, report.id, nextReminderAt(reminders, true));
  return fresh;
}

/** Enqueues a case's due notices in the caller's transaction, each once per recipient. Returns how many were new. */
async function enqueueClockNotices(
  tx: EntityManager,
  report: { id: string; number: string; villageCode: string },
  villageName: string,
  { stage, due }: CaseReminders,
  now: Date,
): Promise<number> {
  const batch: NewNotification[] = [];
  for (const { n, clock } of due) {
    const to = ROLES_OF[n.to];
    const text = clockNoticeText(n.kind, clock, { number: report.number, villageName, stage });
    for (const staff of await staffOfArea(tx, to.area(report.villageCode), [to.role]))
      batch.push({
        dedupeKey: `${n.key}:${staff.id}`,
        channel: "bot",
        kind: `identification_${n.kind}`,
        recipientType: "account",
        recipientId: staff.id,
        payload: { reportId: report.id, clock: clock.name, text },
        dueAt: n.sendAt,
      });
  }
  let fresh = 0;
  for (const one of batch) if (await enqueueNotification(tx, one, now)) fresh++;
  return fresh;
}
