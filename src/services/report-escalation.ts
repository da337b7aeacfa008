import type { Actor } from "../domain/access.js";
import { chinaDay, chinaHour } from "../domain/china-time.js";
import { OVERDUE_SPEC } from "../domain/report/overdue.js";
import { describeDueAt } from "../domain/report/clock.js";
import { overdueDigestNotice, overdueNotice } from "../domain/report/notice-texts.js";
import { townshipOf } from "../domain/area-code.js";
import { ReportEntity } from "../db/entities/report.js";
import { AccountEntity } from "../db/entities/account.js";
import { inTransaction } from "../db/transaction.js";
import { enqueueNotification } from "../outbox/outbox.js";
import { areaNames, findArea } from "../repositories/areas.js";
import { recordAudit } from "../repositories/audit.js";
import { areaRange, insertReportEvent, reportsFallingOverdue, staffOfArea } from "../repositories/reports.js";
import type { Deps } from "./deps.js";
import { riskList } from "./report-service.js";

/** The system itself, as the actor of automatic steps. */
export const SYSTEM_ACTOR: Actor = { accountId: "system", role: "admin", areaCode: null, householdId: null };

/**
 * Marks reports whose deadline has passed without an opinion as overdue and escalates each
 * to its township's staff. Safe to run from any number of instances: the overdue mark is a
 * compare-and-set and the notices have unique ledger keys. Returns how many it marked.
 */
export async function markOverdueReports(deps: Deps, batch = 200): Promise<number> {
  let marked = 0;
  for (;;) {
    const now = deps.clock.now();
    const due = await reportsFallingOverdue(deps.db, now, batch);
    if (due.length === 0) return marked;
    for (const report of due) {
      const changed = await inTransaction(deps.db, async (tx) => {
        const result = await tx
          .createQueryBuilder()
          .update(ReportEntity)
          .set({ overdueAt: now })
          .where("id = :id AND overdue_at IS NULL AND opinion_at IS NULL", { id: report.id })
          .execute();
        if (result.affected === 0) return false;
        await insertReportEvent(tx, {
          reportId: report.id,
          at: now,
          actorId: null,
          actorRole: null,
          action: "marked_overdue",
          fromStatus: report.status,
          toStatus: report.status,
          note: null,
          internal: false,
        });
        await recordAudit(tx, { at: now, actorId: null, action: "report.marked_overdue", subjectType: "report", subjectId: report.id });
        const village = await findArea(tx, report.villageCode);
        const text = overdueNotice({
          number: report.number,
          villageName: village?.name ?? "",
          riskTypes: riskList(report),
          dueText: describeDueAt(report.dueAt),
        });
        for (const staff of await staffOfArea(tx, townshipOf(report.villageCode), ["township"])) {
          await enqueueNotification(
            tx,
            {
              dedupeKey: `report:${report.id}:overdue:${staff.id}`,
              channel: "bot",
              kind: "report_overdue",
              recipientType: "account",
              recipientId: staff.id,
              payload: { reportId: report.id, text },
              dueAt: now,
            },
            now,
          );
        }
        return true;
      });
      if (changed) marked++;
    }
    if (due.length < batch) return marked;
  }
}

/** The hour (China time) from which the county's daily overdue digest goes out. */
export const DIGEST_HOUR = 8;

/** Once a day from 08:00 China time: each county account gets the overdue count per village. */
export async function enqueueOverdueDigests(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  if (chinaHour(now) < DIGEST_HOUR) return 0;
  const day = chinaDay(now);
  const countyStaff = await deps.db.getRepository(AccountEntity).find({ where: { role: "county", disabled: false } });
  let queued = 0;
  for (const account of countyStaff) {
    if (!account.areaCode) continue;
    const [low, high] = areaRange(account.areaCode);
    const rows: Array<{ village: string; n: string | number }> = await deps.db
      .getRepository(ReportEntity)
      .createQueryBuilder("r")
      .select("r.villageCode", "village")
      .addSelect("COUNT(*)", "n")
      .where("r.villageCode BETWEEN :low AND :high", { low, high })
      .andWhere("r.overdueAt IS NOT NULL AND r.opinionAt IS NULL")
      .andWhere("r.status IN (:...waiting)", { waiting: OVERDUE_SPEC.awaiting })
      .groupBy("r.villageCode")
      .getRawMany();
    const names = await areaNames(deps.db, [account.areaCode, ...rows.map((r) => r.village)]);
    const byVillage = rows.map((r) => ({ villageName: names.get(r.village) ?? r.village, count: Number(r.n) })).sort((a, b) => b.count - a.count);
    const text = overdueDigestNotice(names.get(account.areaCode) ?? "", day, byVillage);
    const isNew = await inTransaction(deps.db, (tx) =>
      enqueueNotification(
        tx,
        {
          dedupeKey: `digest:${day}:${account.id}`,
          channel: "bot",
          kind: "overdue_digest",
          recipientType: "account",
          recipientId: account.id,
          payload: { text },
          dueAt: now,
        },
        now,
      ),
    );
    if (isNew) queued++;
  }
  return queued;
}
