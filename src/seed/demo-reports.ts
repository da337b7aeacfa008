import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import type { Clock } from "../clock.js";
import { AreaEntity } from "../db/entities/area.js";
import { ReportEntity, type Report } from "../db/entities/report.js";
import { inTransaction } from "../db/transaction.js";
import { areaContains } from "../domain/area-code.js";
import { chinaDay } from "../domain/china-time.js";
import { deadlineOf } from "../domain/report/clock.js";
import type { WorkingDayCalendar } from "../domain/holidays.js";
import { idNumberCheckChar } from "../domain/id-number.js";
import type { OpinionKind, ReportStatus } from "../domain/report/lifecycle.js";
import { insertHousehold } from "../repositories/accounts.js";
import { countNewReports } from "../repositories/report-queue.js";
import { areaRange, insertReport, insertReportEvent } from "../repositories/reports.js";
import type { FieldCrypto } from "../security/field-crypto.js";
import type { DemoPlaces } from "./demo.js";

const DAY = 86_400_000;
const NAMES = [
  "王桂芝",
  "李长顺",
  "张玉兰",
  "刘福贵",
  "陈秀英",
  "杨德胜",
  "赵凤霞",
  "黄永财",
  "周淑珍",
  "吴金山",
  "徐春梅",
  "孙有田",
  "胡桂荣",
  "朱宝林",
  "高翠花",
  "林振国",
  "何玉珍",
  "郭长江",
];
const RISKS = [
  ["illness"],
  ["housing"],
  ["illness", "spending_rise"],
  ["disaster"],
  ["unstable_work"],
  ["schooling"],
  ["disability", "labour_shortage"],
  ["income_drop"],
  ["drinking_water"],
  ["accident"],
];
const OPINIONS: Array<[OpinionKind, string | null]> = [
  ["propose_monitoring", null],
  ["not_eligible", "家庭人均纯收入高于监测范围，医疗费用已由医保报销大部分"],
  ["already_assisted", "已享受临时救助和医疗救助"],
  ["transferred", "转民政部门办理低保申请"],
];

/** A receipt time whose deadline falls later today or tomorrow (China days), weekends and holidays counted. */
function dueSoonReceipt(now: Date, calendar: WorkingDayCalendar): Date {
  for (let days = 3; days < 15; days++) {
    const receivedAt = new Date(now.getTime() - days * DAY);
    const left = deadlineOf(receivedAt, "statutory", calendar).dueAt.getTime() - now.getTime();
    if (left > 0 && left <= 2 * DAY) return receivedAt;
  }
  return new Date(now.getTime() - 4 * DAY);
}

/**
 * Reports for the demo (never in tests or production): about forty over the last six weeks in
 * the demo townships' villages (the demo cadres' own first) — some answered in time, some late, some overdue and waiting —
 * so the console shows something real on first start. Written once, into an empty county.
 */
export async function seedDemoReports(db: DataSource, crypto: FieldCrypto, clock: Clock, places: DemoPlaces, calendar: WorkingDayCalendar): Promise<number> {
  const [low, high] = areaRange(places.county.code);
  if ((await db.getRepository(ReportEntity).createQueryBuilder("r").where("r.villageCode BETWEEN :low AND :high", { low, high }).getCount()) > 0) return 0;
  const all = await db.getRepository(AreaEntity).findBy({ level: "village" });
  const of = (township: string) => all.filter((v) => areaContains(township, v.code) && v.code !== places.village.code && v.code !== places.otherVillage.code);
  const [mine, other] = [of(places.township.code), of(places.otherTownship.code)];
  // both demo townships, the demo cadres' own villages first, so every demo account has work to see
  const villages = [places.village, places.otherVillage, ...mine.flatMap((v, i) => (other[i] ? [v, other[i]] : [v])), ...other.slice(mine.length)].slice(0, 8);
  const now = clock.now();
  const plan: Array<{ village: (typeof villages)[number]; receivedAt: Date; fate?: "waiting" | "in_time" }> = Array.from({ length: 40 }, (_, i) => ({
    // the first village gets more, so the dashboard has a clear "worst" village
    village: i % 3 === 0 ? villages[0] : villages[i % villages.length],
    receivedAt: new Date(now.getTime() - ((i * 37) % 42) * DAY - ((i * 7) % 9) * 3600_000),
  }));
  // whatever the 40 above give, each demo cadre's village has one overdue, one due today or tomorrow, one answered
  for (const village of [places.village, places.otherVillage]) {
    plan.push(
      { village, receivedAt: new Date(now.getTime() - 12 * DAY), fate: "waiting" },
      { village, receivedAt: dueSoonReceipt(now, calendar) },
      { village, receivedAt: new Date(now.getTime() - 15 * DAY), fate: "in_time" },
    );
  }
  let made = 0;
  await inTransaction(db, async (tx) => {
    for (const [i, { village, receivedAt, fate: planned }] of plan.entries()) {
      const { dueAt, basis: deadlineBasis } = deadlineOf(receivedAt, "statutory", calendar);
      const pastDue = dueAt.getTime() <= now.getTime();
      const phone = `137${String(20_000_000 + i * 7919).slice(-8)}`;
      const first17 = `231226${1950 + (i % 50)}${String((i % 12) + 1).padStart(2, "0")}${String((i % 28) + 1).padStart(2, "0")}${String(100 + i).slice(-3)}`;
      const idNumber = first17 + idNumberCheckChar(first17);
      const name = NAMES[i % NAMES.length];
      const household = await insertHousehold(tx, {
        villageCode: village.code,
        headName: name,
        phoneSealed: crypto.encrypt(phone),
        phoneHash: crypto.lookupHash(phone),
        idNumberSealed: crypto.encrypt(idNumber),
        idNumberHash: crypto.lookupHash(idNumber),
        matchKey: `i:${crypto.lookupHash(idNumber)}`,
        createdAt: receivedAt,
      });
      // what happened to it: answered in time, answered late, or (past due) still waiting
      const fate = planned ?? (!pastDue ? (i % 2 ? "accepted" : "received") : i % 5 === 0 ? "waiting" : i % 7 === 0 ? "late" : "in_time");
      const acceptedAt = fate === "received" ? null : new Date(receivedAt.getTime() + DAY);
      const opinionAt = fate === "in_time" ? new Date(receivedAt.getTime() + 3 * DAY) : fate === "late" ? new Date(dueAt.getTime() + 2 * DAY) : null;
      const [opinionKind, opinionReason] = opinionAt ? OPINIONS[i % OPINIONS.length] : [null, null];
      const closed = opinionAt !== null && i % 3 === 1;
      const status: ReportStatus = closed ? "closed" : opinionAt ? "opinion_given" : acceptedAt ? "accepted" : "received";
      const overdueAt = fate === "waiting" || fate === "late" ? dueAt : null;
      const report: Report = {
        id: randomUUID(),
        number: `${chinaDay(receivedAt).slice(2).replaceAll("-", "")}-${String(90_000 + i).padStart(5, "0")}`,
        villageCode: village.code,
        householdId: household.id,
        householdName: name,
        phoneSealed: crypto.encrypt(phone),
        idNumberSealed: crypto.encrypt(idNumber),
        riskTypes: `,${RISKS[i % RISKS.length].join(",")},`,
        description: "演示数据",
        relation: i % 4 === 0 ? "grid_worker" : "self",
        channel: i % 4 === 0 ? "in_person" : i % 3 === 0 ? "bot" : "miniprogram",
        reporterAccountId: null,
        consentGiven: true,
        consentTextVersion: "2024-1",
        status,
        openKey: closed ? null : `${village.code}:${household.id}`,
        receivedAt,
        dueAt,
        deadlineBasis,
        acceptedAt,
        visitedAt: null,
        opinionAt,
        opinionKind,
        opinionReason,
        opinionPolicyRef: null,
        // the identification sweep computes a proposed case's clocks on its first pass
        nextReminderAt: opinionKind === "propose_monitoring" ? opinionAt : null,
        overdueAt,
        closedAt: closed ? new Date(opinionAt!.getTime() + DAY) : null,
        transferredTo: null,
        updatedAt: receivedAt,
      };
      await insertReport(tx, report);
      await countNewReports(tx, [report]);
      const event = (at: Date, action: string, fromStatus: string | null, toStatus: string | null, actorRole: string | null) =>
        insertReportEvent(tx, { reportId: report.id, at, actorId: null, actorRole, action, fromStatus, toStatus, note: null, internal: false });
      await event(receivedAt, "received", null, "received", "farmer");
      if (acceptedAt) await event(acceptedAt, "accept", "received", "accepted", "village_cadre");
      if (overdueAt) await event(overdueAt, "marked_overdue", null, null, null);
      if (opinionAt) await event(opinionAt, "give_opinion", "accepted", "opinion_given", "village_cadre");
      if (closed) await event(report.closedAt!, "close", "opinion_given", "closed", "village_cadre");
      made++;
    }
  });
  return made;
}
