import type { EntityManager } from "typeorm";
import type { Actor } from "../domain/access.js";
import { chinaDay } from "../domain/china-time.js";
import { OVERDUE_SPEC } from "../domain/report/overdue.js";
import { describeDueAt } from "../domain/report/clock.js";
import { overdueDigestNotice } from "../domain/report/notice-texts.js";
import { ReportEntity, type Report } from "../db/entities/report.js";
import type { Account } from "../db/entities/account.js";
import { queueOverdueEscalation } from "../notices/report-clock.js";
import { clockHolder, holderLabel } from "../domain/report/clock-holder.js";
import { enqueueNotification } from "../outbox/outbox.js";
import { areaNames, findArea } from "../repositories/areas.js";
import { recordAudit } from "../repositories/audit.js";
import { areaRange, insertReportEvent } from "../repositories/reports.js";
import type { Deps } from "./deps.js";
import { riskList } from "./report-service.js";

/** The system itself, as the actor of automatic steps. */
export const SYSTEM_ACTOR: Actor = { accountId: "system", role: "admin", areaCode: null, householdId: null };

/**
 * Marks one report whose clock ran out without an opinion as overdue, in the caller's
 * transaction, and escalates it (report-clock.ts decides to whom). Safe with any number of
 * instances: the mark is a compare-and-set and the notices have unique ledger keys. Returns
 * whether this call marked it.
 */
export async function markReportOverdue(deps: Deps, tx: EntityManager, report: Report): Promise<boolean> {
  const now = deps.clock.now();
  const result = await tx
    .createQueryBuilder()
    .update(ReportEntity)
    .set({ overdueAt: now })
    // only a deadline that has passed: the queues count overdue as a range on the deadline (queue-order.ts)
    .where("id = :id AND overdue_at IS NULL AND opinion_at IS NULL AND due_at <= :now", { id: report.id, now })
    .execute();
  if (result.affected === 0) return false;
  const holder = clockHolder(report);
  await insertReportEvent(tx, {
    reportId: report.id,
    at: now,
    actorId: null,
    actorRole: null,
    action: "marked_overdue",
    fromStatus: report.status,
    toStatus: report.status,
    note: holder.kind === "village" ? null : `${holderLabel(holder)}超过办理期限，已上报县里督办`,
    internal: false,
  });
  await recordAudit(tx, { at: now, actorId: null, action: "report.marked_overdue", subjectType: "report", subjectId: report.id });
  const village = await findArea(tx, report.villageCode);
  await queueOverdueEscalation(
    tx,
    report,
    { number: report.number, villageName: village?.name ?? "", riskTypes: riskList(report), dueText: describeDueAt(report.dueAt) },
    now,
  );
  return true;
}

/** The hour (China time) from which the county's daily overdue digest goes out. */
export const DIGEST_HOUR = 8;

/** Queues today's overdue digest for one county account: the overdue count per village. Returns whether it was new. */
export async function queueOverdueDigest(deps: Deps, tx: EntityManager, account: Account): Promise<boolean> {
  if (!account.areaCode) return false;
  const now = deps.clock.now();
  const day = chinaDay(now);
  const [low, high] = areaRange(account.areaCode);
  const rows: Array<{ village: string; n: string | number }> = await tx
    .getRepository(ReportEntity)
    .createQueryBuilder("r")
    .select("r.villageCode", "village")
    .addSelect("COUNT(*)", "n")
    .where("r.villageCode BETWEEN :low AND :high", { low, high })
    .andWhere("r.overdueAt IS NOT NULL AND r.opinionAt IS NULL")
    .andWhere("r.status IN (:...waiting)", { waiting: OVERDUE_SPEC.awaiting })
    .groupBy("r.villageCode")
    .getRawMany();
  const names = await areaNames(tx, [account.areaCode, ...rows.map((r) => r.village)]);
  const byVillage = rows.map((r) => ({ villageName: names.get(r.village) ?? r.village, count: Number(r.n) })).sort((a, b) => b.count - a.count);
  return enqueueNotification(
    tx,
    {
      dedupeKey: `digest:${day}:${account.id}`,
      channel: "bot",
      kind: "overdue_digest",
      recipientType: "account",
      recipientId: account.id,
      payload: { text: overdueDigestNotice(names.get(account.areaCode) ?? "", day, byVillage) },
      dueAt: now,
    },
    now,
  );
}
