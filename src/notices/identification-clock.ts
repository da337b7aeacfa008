import { MoreThanOrEqual, type EntityManager } from "typeorm";
import { ReportEntity } from "../db/entities/report.js";
import { countyOf, townshipOf } from "../domain/area-code.js";
import { chinaDay } from "../domain/china-time.js";
import { clockHolder, clockNotices, identificationClocks, type ClockName, type ClockNotice, type Level } from "../domain/identification/clocks.js";
import { clockNoticeText } from "../domain/identification/notice-texts.js";
import { identificationState, type IdentificationContext, type IdentificationStage } from "../domain/identification/path.js";
import { enqueueNotification, type NewNotification } from "../outbox/outbox.js";
import { areaNames } from "../repositories/areas.js";
import { identificationStepsOf } from "../repositories/identification.js";
import { staffOfArea } from "../repositories/reports.js";
import type { Deps } from "../services/deps.js";
import { identificationContext } from "../services/identification-service.js";

/** How far back a case can still owe a reminder: 15 days to decide, then 10 to enter and plan, with room for holidays. */
const OPEN_CASE_DAYS = 60;

const ROLES_OF: Record<Level, { area: (villageCode: string) => string; role: "village_cadre" | "township" | "county" }> = {
  village: { area: (v) => v, role: "village_cadre" },
  township: { area: townshipOf, role: "township" },
  county: { area: countyOf, role: "county" },
};

/** A case's reminders and escalations that have fallen due, with what their texts need. */
export interface DueClockNotices {
  report: { id: string; number: string; villageCode: string };
  villageName: string;
  stage: IdentificationStage;
  due: Array<{ n: ClockNotice; clock: { name: ClockName; dueAt: Date } }>;
}

/**
 * The identification clocks' reminders and escalations that have fallen due, per case: to the
 * holder before, one and two levels up after (village → township → county). Computed from the
 * steps now, so a step done stops its reminders.
 */
export async function dueIdentificationNotices(deps: Deps, now: Date): Promise<DueClockNotices[]> {
  const since = new Date(now.getTime() - OPEN_CASE_DAYS * 86_400_000);
  const reports = await deps.db.getRepository(ReportEntity).find({ where: { opinionKind: "propose_monitoring", receivedAt: MoreThanOrEqual(since) } });
  if (reports.length === 0) return [];
  const steps = await identificationStepsOf(
    deps.db.manager,
    reports.map((r) => r.id),
  );
  const names = await areaNames(
    deps.db,
    reports.map((r) => r.villageCode),
  );
  const contexts = new Map<string, IdentificationContext>();
  const cases: DueClockNotices[] = [];
  for (const report of reports) {
    const county = countyOf(report.villageCode);
    const shared = contexts.get(county) ?? (await identificationContext(deps, deps.db.manager, report));
    contexts.set(county, shared);
    const ctx = {
      ...shared,
      receivedOn: chinaDay(report.receivedAt),
      visitedOn: report.visitedAt ? chinaDay(report.visitedAt) : undefined,
      proposedOn: chinaDay(report.opinionAt ?? report.receivedAt),
    };
    const recorded = steps.get(report.id) ?? [];
    const { stage } = identificationState(recorded, ctx, chinaDay(now));
    const due = identificationClocks(report.receivedAt, recorded, ctx, now).flatMap((clock) =>
      clockNotices(report.id, clock, clockHolder(clock.name, stage))
        // a reminder before the end that was missed (downtime) is not sent after it
        .filter((n) => n.sendAt.getTime() <= now.getTime() && !(n.kind.startsWith("due_in") && clock.dueAt && now.getTime() >= clock.dueAt.getTime()))
        .map((n) => ({ n, clock: { name: clock.name, dueAt: clock.dueAt! } })),
    );
    if (due.length) cases.push({ report, villageName: names.get(report.villageCode) ?? "", stage, due });
  }
  return cases;
}

/**
 * Enqueues one case's due notices in the caller's transaction; each goes once per recipient
 * (its dedupe key), however many instances run this. Returns how many were new.
 */
export async function enqueueClockNotices(deps: Deps, tx: EntityManager, { report, villageName, stage, due }: DueClockNotices, now: Date): Promise<number> {
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
