import { randomInt, randomUUID } from "node:crypto";
import type { EntityManager } from "typeorm";
import type { Actor } from "../domain/access.js";
import { canSeeArea } from "../domain/access.js";
import { countyOf, isAreaCode } from "../domain/area-code.js";
import { chinaDay, chinaMonthDay } from "../domain/china-time.js";
import { daysLeft, deadlineOf, describeDueAt, type DeadlineRule } from "../domain/report/clock.js";
import { dueWords } from "../domain/report/due-words.js";
import { ID_NUMBER_MESSAGES, idNumberProblem } from "../domain/id-number.js";
import { maskIdNumber, maskName, maskPhone } from "../domain/masking.js";
import { newReportNotice } from "../domain/report/notice-texts.js";
import { AWAITING_OPINION, OPINION_LABELS, RELATION_LABELS, STATUS_LABELS, type Relation, type ReportStatus } from "../domain/report/lifecycle.js";
import { isOverdue } from "../domain/report/overdue.js";
import { encodeCursor, type QueueCursor } from "../domain/report/queue-order.js";
import { timelineLabel } from "../domain/report/timeline.js";
import { UNMATCHED_KEY_PREFIX, matchKeyOf, type HouseholdIdentity } from "../domain/household/identity.js";
import {
  REPORTER_STAGE_LABELS,
  SUBMITTER_RELATIONS,
  canSeeReport,
  isHouseholdOf,
  departmentLane,
  mayGiveOpinionNow,
  maySendBack,
  mayTakeOver,
  mayRevealNumbers,
  reporterStageOf,
  shown,
  viewerOf,
  viewerOfReport,
  withdrawRefusal,
  type Viewer,
} from "../domain/report/visibility.js";
import { riskTypeLabel } from "../domain/risk-types.js";
import { AppError, badRequest, notFound } from "../errors.js";
import type { Area } from "../db/entities/area.js";
import type { Report } from "../db/entities/report.js";
import type { ReportEvent } from "../db/entities/report-event.js";
import type { ReportLead } from "../db/entities/report-lead.js";
import type { ReportCreateInput } from "../contracts/reports.js";
import { enqueueNotification, type NewNotification } from "../outbox/outbox.js";
import { dueReminders, queueDueReminders } from "../notices/report-clock.js";
import type { ReportFacts } from "../domain/report/notice-texts.js";
import type { Account } from "../db/entities/account.js";
import type { Household } from "../db/entities/household.js";
import { updateAccount } from "../repositories/accounts.js";
import { areaNames, findArea } from "../repositories/areas.js";
import { recordAudit, recordAudits, type NewAuditEntry } from "../repositories/audit.js";
import { countNewReports } from "../repositories/report-queue.js";
import {
  deadlineRuleOf,
  departmentsThatRaised,
  findReport,
  householdsAndOpenReports,
  insertHouseholds,
  insertReportEvent,
  insertReportEvents,
  insertReportLeads,
  insertReports,
  pickHousehold,
  queuePage,
  reportEvents,
  reportLeads,
  reportsOfHouseholdOrReporter,
  staffOfArea,
  staffOfAreas,
  takenReportNumbers,
  updateRiskTypes,
  type QueueFilter,
} from "../repositories/reports.js";
import type { Deps } from "./deps.js";
import { identificationForDetail, nextStepsOf } from "./identification-service.js";

/**
 * What the reporter is told. A report for a household that already has an open one is added to it
 * (`added_to_open`); the other report's number and dates are told only to the household itself and
 * to staff, anyone else reads the plain sentence (id, number and dueAt null).
 */
export interface ReportReceipt {
  outcome: "created" | "added_to_open";
  id: string | null;
  number: string | null;
  status: ReportStatus | null;
  receivedAt: string;
  dueAt: string | null;
  village: { code: string; name: string };
  /** The household this report is for, as the reporter typed it, and how the reporter is related to it. */
  household: { name: string };
  relation: Relation;
  duplicateOf: { id: string; number: string } | null;
  message: string;
}

/** A new case answers 201; a report added to the household's open one 200 (the router's choice, kept with replays). */
export const receiptStatus = (r: Pick<ReportReceipt, "outcome">): number => (r.outcome === "created" ? 201 : 200);

/** The truthful answer when a report joins the household's open one (issue 14 item 5). */
export const ADDED_TO_OPEN = "这户已有一件正在办理的申报，您说的情况已补充进去";

export const riskList = (r: Pick<Report, "riskTypes">): string[] => r.riskTypes.split(",").filter(Boolean);
const riskField = (codes: readonly string[]) => `,${[...new Set(codes)].join(",")},`;

/** A report number a farmer can read aloud: receipt day and five digits, e.g. 260302-48173. */
// A clash (about one in 100 000 per report of the same day) hits the unique index and the intake is retried.
function newReportNumber(receivedAt: Date): string {
  return `${chinaDay(receivedAt).slice(2).replaceAll("-", "")}-${String(randomInt(0, 100_000)).padStart(5, "0")}`;
}

// Areas change only with a new area file and a restart; a county's deadline rule at most now and then.
const areaCache = new WeakMap<Deps["db"], Map<string, Area | null>>();
const ruleCache = new WeakMap<Deps["db"], Map<string, { rule: DeadlineRule; until: number }>>();
const RULE_CACHE_MS = 60_000;

async function cachedArea(deps: Deps, code: string): Promise<Area | null> {
  const cache = areaCache.get(deps.db) ?? new Map<string, Area | null>();
  areaCache.set(deps.db, cache);
  if (!cache.has(code)) cache.set(code, await findArea(deps.db, code));
  return cache.get(code)!;
}

async function cachedDeadlineRule(deps: Deps, countyCode: string): Promise<DeadlineRule> {
  const cache = ruleCache.get(deps.db) ?? new Map<string, { rule: DeadlineRule; until: number }>();
  ruleCache.set(deps.db, cache);
  const hit = cache.get(countyCode);
  const now = deps.clock.now().getTime();
  if (hit && hit.until > now) return hit.rule;
  const rule = await deadlineRuleOf(deps.db, countyCode);
  cache.set(countyCode, { rule, until: now + RULE_CACHE_MS });
  return rule;
}

async function checkVillage(deps: Deps, actor: Actor, villageCode: string) {
  if (!isAreaCode(villageCode)) throw badRequest("village_code_invalid", "请选择所在的村（12位区划代码）");
  const village = await cachedArea(deps, villageCode);
  if (!village) throw badRequest("village_code_invalid", "没有找到这个村，请重新选择所在的村");
  if (village.level !== "village") {
    throw badRequest("village_code_invalid", `“${village.name}”不是村（社区），请选到具体的村`);
  }
  if (actor.role !== "farmer" && !canSeeArea(actor, villageCode)) {
    throw new AppError(403, "area_forbidden", "只能为自己负责区域内的村申报");
  }
  return village;
}

/**
 * Takes in a report, in the caller's transaction. A report for a household (the one rule,
 * domain/household/identity.ts) that has an open report is added to it (nothing is thrown away)
 * and the receipt says so. The caller names the attempt (db/idempotent.ts), so a retry never
 * makes a second report.
 */
export async function submitReport(deps: Deps, tx: EntityManager, actor: Actor, input: ReportCreateInput): Promise<ReportReceipt> {
  if (!SUBMITTER_RELATIONS[actor.role]?.includes(input.relation)) {
    throw badRequest("relation_invalid", "与当事人的关系和您的身份对不上，请重新选择");
  }
  if (input.household.idNumber) {
    const problem = idNumberProblem(input.household.idNumber, deps.clock.now());
    if (problem) throw new AppError(400, "id_number_invalid", ID_NUMBER_MESSAGES[problem], { field: "household.idNumber" });
  }
  const village = await checkVillage(deps, actor, input.villageCode);
  return intake(deps, tx, actor, input, village);
}

/** How far back a paper application may be entered (补录). */
export const BACKDATE_LIMIT_DAYS = 30;

/**
 * When a report counts as received. Normally now; for a paper application staff type in later
 * (补录), the start of the China day it reached the village, at most 30 days back — the 5-day
 * clock counts from that day, and `enteredAt` keeps the real entry time for the county to see.
 */
export function receiptTimes(actor: Actor, input: Pick<ReportCreateInput, "receivedOn" | "channel">, now: Date): { receivedAt: Date; enteredAt: Date | null } {
  if (!input.receivedOn) return { receivedAt: now, enteredAt: null };
  if (actor.role === "farmer" || !["in_person", "phone"].includes(input.channel)) {
    throw badRequest("received_on_not_allowed", "只有村里工作人员补录来访或纸质申请时才能填收到日期");
  }
  const receivedAt = new Date(`${input.receivedOn}T00:00:00+08:00`);
  const today = chinaDay(now);
  if (input.receivedOn > today) throw badRequest("received_on_in_future", "收到日期不能晚于今天", { field: "receivedOn" });
  if (input.receivedOn < chinaDay(new Date(now.getTime() - BACKDATE_LIMIT_DAYS * 86_400_000))) {
    throw badRequest("received_on_too_old", `收到日期最多只能往前${BACKDATE_LIMIT_DAYS}天`, { field: "receivedOn" });
  }
  return input.receivedOn === today ? { receivedAt: now, enteredAt: null } : { receivedAt, enteredAt: now };
}

/** One report to take in: its checked input and its village. */
export interface IntakeItem {
  input: ReportCreateInput;
  village: { code: string; name: string };
}

/** Takes in one report in the caller's transaction (intakeMany with one item). */
export async function intake(
  deps: Deps,
  tx: EntityManager,
  actor: Actor,
  input: ReportCreateInput,
  village: { code: string; name: string },
): Promise<ReportReceipt> {
  const [receipt] = await intakeMany(deps, tx, actor, [{ input, village }]);
  return receipt;
}

/**
 * Takes in reports in the caller's transaction (a single report, or a chunk of a department's
 * alert list), each as if taken in after the one before it: a later item for the household an
 * earlier one named joins the report the earlier one opened. In few round trips whatever the
 * count: one read of the households, one of their open reports and one of the villages' cadres,
 * then one multi-row insert per table. Returns a receipt per item, in order.
 */
export async function intakeMany(deps: Deps, tx: EntityManager, actor: Actor, items: readonly IntakeItem[]): Promise<ReportReceipt[]> {
  const now = deps.clock.now();
  const { crypto } = deps;
  const rows = items.map(({ input, village }) => {
    // the household's own numbers; a neighbour's report may have neither, a department alert no phone
    const phone = input.household.phone || null;
    const idNumber = input.household.idNumber || null;
    const identity: HouseholdIdentity = {
      headName: input.household.name,
      idHash: idNumber ? crypto.lookupHash(idNumber) : null,
      phoneHash: phone ? crypto.lookupHash(phone) : null,
    };
    return { input, village, ...receiptTimes(actor, input, now), phone, idNumber, identity };
  });

  // The households: every candidate in one read, then the rule item by item, so an item finds a household an earlier item made.
  // with their open reports in the same read: a household met for the first time has none
  const { households: known, openReports: openOfKnown } = await householdsAndOpenReports(
    tx,
    rows.map((r) => ({ villageCode: r.village.code, identity: r.identity })),
  );
  const newHouseholds: Household[] = [];
  const accountLinks: Array<Partial<Account>> = [];
  const households = rows.map(({ input, village, phone, idNumber, identity }) => {
    const found = pickHousehold(known, village.code, identity);
    if (found) return found;
    const household: Household = {
      id: randomUUID(),
      villageCode: village.code,
      headName: input.household.name,
      phoneSealed: phone ? crypto.encrypt(phone) : null,
      phoneHash: identity.phoneHash,
      idNumberSealed: idNumber ? crypto.encrypt(idNumber) : null,
      idNumberHash: identity.idHash,
      // a household known by its name alone can never be found again: a key of its own
      matchKey: matchKeyOf(identity) ?? `${UNMATCHED_KEY_PREFIX}${randomUUID()}`,
      createdAt: now,
    };
    known.push(household);
    newHouseholds.push(household);
    // A household the village has never seen, reported by a farmer for itself: its first report makes
    // the account that household's (there is nobody else to protect). A match never links an account
    // (the proof is household-link.ts), and a report for someone else never touches the reporter's own.
    if (actor.role === "farmer" && input.relation === "self" && !actor.householdId)
      accountLinks.push({ householdId: household.id, displayName: input.household.name });
    return household;
  });
  const openKeys = rows.map((r, i) => `${r.village.code}:${households[i].id}`);
  const openReports = new Map(openOfKnown.map((r) => [r.openKey!, r]));
  // a list draws many numbers at once: those taken already are drawn again here, not left to the unique index
  const numbers = await freshReportNumbers(tx, now, rows.length, rows.length > 1);

  const newReports: Report[] = [];
  const grown = new Map<string, Report>();
  const leads: Array<Omit<ReportLead, "id">> = [];
  const events: Array<Omit<ReportEvent, "id">> = [];
  const audits: NewAuditEntry[] = [];
  const notices: Array<{ report: Report; facts: ReportFacts }> = [];
  const receipts: ReportReceipt[] = [];
  for (const [i, { input, village, receivedAt, enteredAt, phone, idNumber }] of rows.entries()) {
    const household = households[i];
    const reporterPhone = input.reporter?.phone ?? (input.relation === "self" ? phone : null);
    const reporterPhoneSealed = reporterPhone ? crypto.encrypt(reporterPhone) : null;
    const lead = {
      receivedAt,
      channel: input.channel,
      relation: input.relation,
      reporterAccountId: actor.accountId,
      householdName: input.household.name,
      reporterPhoneSealed,
      riskTypes: riskField(input.riskTypes),
      description: input.description,
    };
    const told = { village: { code: village.code, name: village.name }, household: { name: input.household.name }, relation: input.relation };
    const open = openReports.get(openKeys[i]);
    if (open) {
      const added = input.riskTypes.filter((code) => !riskList(open).includes(code));
      Object.assign(open, { riskTypes: riskField([...riskList(open), ...added]), updatedAt: now });
      // a report this call opened goes in with its risks as they are at the end; a stored one is updated
      if (!newReports.includes(open)) grown.set(open.id, open);
      leads.push({ ...lead, reportId: open.id });
      events.push({
        reportId: open.id,
        at: now,
        actorId: actor.accountId,
        actorRole: actor.role,
        action: "lead_attached",
        fromStatus: null,
        toStatus: null,
        // the cadre reads what is new (追加) and who told it; the household reads the plain label only
        note: [added.length ? `追加：${added.map(riskTypeLabel).join("、")}` : "", input.description].filter(Boolean).join("；") || null,
        internal: false,
      });
      audits.push({
        at: now,
        actorId: actor.accountId,
        action: "report.lead_attached",
        subjectType: "report",
        subjectId: open.id,
        detail: { relation: input.relation, added },
      });
      receipts.push(
        actor.role !== "farmer" || isHouseholdOf(actor, open)
          ? {
              ...receiptOf(open),
              ...told,
              outcome: "added_to_open",
              duplicateOf: { id: open.id, number: open.number },
              message: `${ADDED_TO_OPEN}（编号${open.number}），村委会会一起核查，不用重复申报。`,
            }
          : {
              ...told,
              outcome: "added_to_open",
              id: null,
              number: null,
              status: null,
              receivedAt: receivedAt.toISOString(),
              dueAt: null,
              duplicateOf: null,
              message: `${ADDED_TO_OPEN}，村委会会一起核查，不用重复申报。`,
            },
      );
      continue;
    }

    const rule = await cachedDeadlineRule(deps, countyOf(village.code));
    const { dueAt, basis: deadlineBasis } = deadlineOf(receivedAt, rule, await deps.holidays.current());
    const report: Report = {
      id: randomUUID(),
      number: numbers[i],
      villageCode: village.code,
      householdId: household.id,
      householdName: input.household.name,
      phoneSealed: phone ? crypto.encrypt(phone) : "",
      idNumberSealed: idNumber ? crypto.encrypt(idNumber) : null,
      riskTypes: riskField(input.riskTypes),
      description: input.description,
      relation: input.relation,
      channel: input.channel,
      reporterAccountId: actor.accountId,
      reporterPhoneSealed,
      consentGiven: input.consent.given,
      consentTextVersion: input.consent.textVersion,
      status: "received",
      openKey: openKeys[i],
      receivedAt,
      dueAt,
      deadlineBasis,
      acceptedAt: null,
      visitedAt: null,
      opinionAt: null,
      opinionKind: null,
      opinionReason: null,
      opinionPolicyRef: null,
      overdueAt: null,
      closedAt: null,
      transferredTo: null,
      enteredAt,
      updatedAt: now,
    };
    newReports.push(report);
    openReports.set(report.openKey!, report);
    // the cadres are told the risks as this item reported them, whatever a later item adds
    notices.push({ report, facts: noticeFacts(report, village.name) });
    leads.push({ ...lead, reportId: report.id });
    events.push({
      reportId: report.id,
      at: now,
      actorId: actor.accountId,
      actorRole: actor.role,
      action: "received",
      fromStatus: null,
      toStatus: "received",
      note: enteredAt ? `补录：${chinaMonthDay(chinaDay(receivedAt))}收到的申请` : null,
      internal: false,
    });
    audits.push({
      at: now,
      actorId: actor.accountId,
      action: "report.received",
      subjectType: "report",
      subjectId: report.id,
      detail: { channel: input.channel, relation: input.relation, ...(enteredAt ? { receivedOn: input.receivedOn } : {}) },
    });
    receipts.push({
      ...receiptOf(report),
      ...told,
      outcome: "created",
      duplicateOf: null,
      message: `申报已收到，编号${report.number}。村委会将在${describeDueAt(dueAt)}前受理核查${input.relation === "self" || actor.role !== "farmer" ? "并给您答复" : "，并联系这户人家"}。`,
    });
  }

  const cadres = await staffOfAreas(
    tx,
    newReports.map((r) => r.villageCode),
    ["village_cadre"],
  );
  await insertHouseholds(tx, newHouseholds);
  await insertReports(tx, newReports);
  await insertReportLeads(tx, leads);
  await insertReportEvents(tx, events);
  await recordAudits(tx, audits);
  await updateRiskTypes(tx, [...grown.values()], now);
  for (const link of accountLinks) await updateAccount(tx, actor.accountId, link);
  await enqueueNotification(
    tx,
    notices.flatMap(({ report, facts }) =>
      villageNotices(
        report,
        facts,
        cadres.filter((c) => c.areaCode === report.villageCode),
        now,
      ),
    ),
    now,
    { recipientAreas: areasOf(cadres) },
  );
  // last, so the villages' counter rows are locked only until the commit: the villages' other intakes wait the least
  await countNewReports(tx, newReports);
  return receipts;
}

/** `count` report numbers, distinct from each other, and with `checked` none that a stored report has. */
async function freshReportNumbers(tx: EntityManager, now: Date, count: number, checked: boolean): Promise<string[]> {
  const numbers: string[] = [];
  const drawn = new Set<string>();
  const draw = () => {
    let n = newReportNumber(now);
    while (drawn.has(n)) n = newReportNumber(now);
    drawn.add(n);
    return n;
  };
  for (let i = 0; i < count; i++) numbers.push(draw());
  let toCheck = checked ? numbers : [];
  for (let round = 0; toCheck.length > 0 && round < 5; round++) {
    const taken = await takenReportNumbers(tx, toCheck);
    toCheck = [];
    for (const [i, n] of numbers.entries()) if (taken.has(n)) toCheck.push((numbers[i] = draw()));
  }
  return numbers;
}

/** What the village's notices say about a report. */
const noticeFacts = (report: Report, villageName: string): ReportFacts => ({
  number: report.number,
  villageName,
  riskTypes: riskList(report),
  dueText: describeDueAt(report.dueAt),
});

const areasOf = (staff: readonly Account[]) => new Map(staff.filter((s) => s.areaCode).map((s) => [`account:${s.id}`, s.areaCode!]));

/** The new-report notice to each of the village's cadres now, and the clock's reminders to them (report-clock.ts). */
function villageNotices(report: Report, facts: ReportFacts, cadres: readonly Account[], now: Date): NewNotification[] {
  return [
    ...cadres.map((cadre) => ({
      channel: "bot" as const,
      recipientType: "account" as const,
      recipientId: cadre.id,
      dedupeKey: `report:${report.id}:received:${cadre.id}`,
      kind: "report_received",
      payload: { reportId: report.id, dueAt: report.dueAt.toISOString(), text: newReportNotice(facts) },
      dueAt: now,
    })),
    ...dueReminders(report, facts, now, cadres),
  ];
}

/**
 * The new-report notice now, and the clock's reminders (report-clock.ts), to the village's
 * cadres. After a deadline moved (`revised`), only the reminders, to whoever holds the clock,
 * keyed by the new last day.
 */
export async function scheduleVillageNotices(
  deps: Deps,
  tx: EntityManager,
  report: Report,
  villageName: string,
  opts: { revised?: boolean } = {},
): Promise<void> {
  const now = deps.clock.now();
  // a moved deadline may belong to a township or department the report was transferred to: report-clock.ts finds its holder
  if (opts.revised) return queueDueReminders(tx, report, noticeFacts(report, villageName), now, { revised: true });
  const cadres = await staffOfArea(tx, report.villageCode, ["village_cadre"]);
  await enqueueNotification(tx, villageNotices(report, noticeFacts(report, villageName), cadres, now), now, { recipientAreas: areasOf(cadres) });
}

function receiptOf(r: Report): Pick<ReportReceipt, "id" | "number" | "status" | "receivedAt" | "dueAt"> {
  return { id: r.id, number: r.number, status: r.status, receivedAt: r.receivedAt.toISOString(), dueAt: r.dueAt.toISOString() };
}

/** The household's phone of a report; "" when a department alert came without one. */
export const phoneOf = (deps: Deps, r: Pick<Report, "phoneSealed">): string => (r.phoneSealed ? deps.crypto.decrypt(r.phoneSealed) : "");

/** Loads a report the actor may see, or throws 404. */
export async function visibleReport(deps: Deps, actor: Actor, id: string, db: EntityManager | Deps["db"] = deps.db): Promise<Report> {
  const report = await findReport(db, id);
  // a department's lane reads which departments' alert lists raised the report
  const raisedBy = report && departmentLane(actor) !== null ? await departmentsThatRaised(db, report.id) : [];
  if (!report || !canSeeReport(actor, { ...report, raisedBy })) throw notFound("report_not_found", "没有找到这条申报");
  return report;
}

/** The fields every view of a report shares: number, status, risks, village, deadline. */
function reportHeadline(r: Report, villageName: string, now: Date) {
  const left = r.opinionAt ? null : daysLeft(r.dueAt, now);
  const overdue = isOverdue(r, now);
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    statusLabel: STATUS_LABELS[r.status],
    riskTypes: riskList(r),
    riskTypeLabels: riskList(r).map(riskTypeLabel),
    village: { code: r.villageCode, name: villageName },
    channel: r.channel,
    receivedAt: r.receivedAt.toISOString(),
    dueAt: r.dueAt.toISOString(),
    dueText: describeDueAt(r.dueAt),
    deadlineBasis: r.deadlineBasis,
    // 补录: typed in later than received, so the back-dating is never hidden
    enteredAt: r.enteredAt ? r.enteredAt.toISOString() : null,
    overdue,
    daysLeft: left,
    due: dueWords(left, overdue),
    transferredTo: r.transferredTo,
    // a transfer restarts the clock: dueAt is then the receiver's
    transferredAt: r.transferredAt ? r.transferredAt.toISOString() : null,
  };
}

/** The staff queue of the actor's area: soonest deadline first; names and numbers as the role × field table shows them. */
export async function listQueue(
  deps: Deps,
  tx: EntityManager,
  actor: Actor,
  q: {
    statuses?: ReportStatus[];
    overdue?: boolean;
    riskType?: string;
    villageCode?: string;
    areaCode?: string;
    from?: string;
    to?: string;
    /** Where the previous page ended (its nextCursor); without it, `page` counts from the start. */
    cursor?: QueueCursor;
    page: number;
    pageSize: number;
  },
) {
  const now = deps.clock.now();
  for (const code of [q.villageCode, q.areaCode]) {
    if (code && !canSeeArea(actor, code)) throw notFound("area_not_found", "您负责的区域里没有这个地方");
  }
  const filter: QueueFilter = {
    areaCode: q.areaCode ?? (actor.role === "admin" ? null : actor.areaCode),
    department: departmentLane(actor),
    villageCode: q.villageCode,
    // a queue is what still needs an answer, unless the caller asks for other statuses
    statuses: q.statuses ?? AWAITING_OPINION,
    overdue: q.overdue,
    riskType: q.riskType,
    receivedFrom: q.from ? new Date(`${q.from}T00:00:00+08:00`) : undefined,
    receivedTo: q.to ? new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000) : undefined,
    now,
  };
  const span = q.cursor ? { after: q.cursor, size: q.pageSize } : { skip: (q.page - 1) * q.pageSize, size: q.pageSize };
  const { items, total, next } = await queuePage(tx, filter, span);
  const names = await areaNames(
    tx,
    items.map((r) => r.villageCode),
  );
  const viewer = viewerOf(actor, false);
  const identification = await nextStepsOf(deps, tx, items);
  return {
    items: items.map((r) => ({
      ...reportHeadline(r, names.get(r.villageCode) ?? "", now),
      household: { name: shown("householdName", viewer, r.householdName, maskName), phone: shown("phone", viewer, phoneOf(deps, r), maskPhone) },
      relation: r.relation,
      relationLabel: RELATION_LABELS[r.relation],
      // after propose_monitoring: the identification path's next step and its clock (issue 16)
      identification: identification.get(r.id) ?? null,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
    // pass it back as ?cursor= for the next page: the same cost however far into the list
    nextCursor: next ? encodeCursor(next) : null,
  };
}

/** What a household reads on its timeline for each event. */
const plainLabel = (e: ReportEvent, r: Report): string => timelineLabel({ event: e, report: r });

/** Risk types that reached the report after its first lead (追加), for those the table lets see them. */
function riskTypesAdded(r: Report, leads: ReportLead[], viewer: Viewer): string[] | null {
  if (shown("riskTypesAdded", viewer, "", (v) => v) === null) return null;
  const first = leads[0] ? riskList(leads[0]) : riskList(r);
  return riskList(r).filter((code) => !first.includes(code));
}

/**
 * What a farmer who reported for another household sees (issue 14 item 3): how far it got and when,
 * the head's name and the risk types they typed themselves — never the reason, risk types others
 * added, staff notes or the household's numbers. The number only of a report they opened themselves.
 */
function reporterView(r: Report, own: ReportLead[], actor: Actor, villageName: string) {
  const first = own[0];
  const opened = r.reporterAccountId === actor.accountId;
  const stage = reporterStageOf(r.status);
  return {
    view: "reporter" as const,
    id: opened ? r.id : null,
    number: opened ? r.number : null,
    stage,
    status: stage,
    statusLabel: REPORTER_STAGE_LABELS[stage],
    household: { name: first?.householdName || r.householdName },
    relation: first?.relation ?? r.relation,
    relationLabel: RELATION_LABELS[(first?.relation ?? r.relation) as Relation],
    riskTypes: [...new Set(own.flatMap(riskList))],
    riskTypeLabels: [...new Set(own.flatMap(riskList))].map(riskTypeLabel),
    village: { code: r.villageCode, name: villageName },
    receivedAt: (first?.receivedAt ?? r.receivedAt).toISOString(),
    dueText: opened ? describeDueAt(r.dueAt) : "",
    dates: {
      received: (first?.receivedAt ?? r.receivedAt).toISOString(),
      accepted: r.acceptedAt?.toISOString() ?? null,
      answered: r.opinionAt?.toISOString() ?? null,
      closed: r.closedAt?.toISOString() ?? null,
    },
    mayWithdraw: opened && withdrawRefusal(actor, r) === null && r.status === "received",
  };
}

/** A report with its timeline. Staff see masked numbers unless they may reveal them and ask to (audited, in the caller's transaction). */
export async function reportDetail(deps: Deps, tx: EntityManager, actor: Actor, id: string, opts: { reveal?: boolean; recordRead?: boolean } = {}) {
  const report = await visibleReport(deps, actor, id, tx);
  const now = deps.clock.now();
  const acceptedByRole = (await reportEvents(tx, report.id)).find((e) => e.action === "accept")?.actorRole ?? null;
  const mayReveal = mayRevealNumbers(actor, { ...report, acceptedByRole }, now);
  if (opts.reveal && !mayReveal)
    throw new AppError(403, "reveal_forbidden", "只有本村的村干部和网格员、已接手这条申报的乡镇，或县农业农村局，可以查看完整号码");
  // staff reading a household's report leave a trace too (a reveal is recorded below)
  if (opts.recordRead && !opts.reveal && actor.role !== "farmer") {
    await recordAudit(tx, {
      at: now,
      actorId: actor.accountId,
      action: "report.read",
      subjectType: "report",
      subjectId: report.id,
      detail: { householdId: report.householdId },
    });
  }
  if (opts.reveal) {
    await insertReportEvent(tx, {
      reportId: report.id,
      at: now,
      actorId: actor.accountId,
      actorRole: actor.role,
      action: "revealed",
      fromStatus: null,
      toStatus: null,
      note: "查看了完整的手机号和身份证号",
      internal: true,
    });
    await recordAudit(tx, { at: now, actorId: actor.accountId, action: "report.revealed", subjectType: "report", subjectId: report.id });
  }
  const village = await findArea(tx, report.villageCode);
  const leads = await reportLeads(tx, report.id);
  const viewer = viewerOfReport(actor, report, opts.reveal === true);
  if (viewer === "reporter") {
    return reporterView(
      report,
      leads.filter((l) => l.reporterAccountId === actor.accountId),
      actor,
      village?.name ?? "",
    );
  }
  const phone = phoneOf(deps, report);
  const idNumber = report.idNumberSealed ? deps.crypto.decrypt(report.idNumberSealed) : null;
  const reporterPhone = report.reporterPhoneSealed ? deps.crypto.decrypt(report.reporterPhoneSealed) : null;
  const events = (await reportEvents(tx, report.id)).filter((e) => viewer !== "household" || !e.internal);
  const added = riskTypesAdded(report, leads, viewer);
  return {
    view: viewer === "household" ? ("household" as const) : ("staff" as const),
    ...reportHeadline(report, village?.name ?? "", now),
    riskTypesAdded: added,
    riskTypeAddedLabels: added?.map(riskTypeLabel) ?? null,
    description: report.description,
    relation: report.relation,
    relationLabel: RELATION_LABELS[report.relation],
    household: {
      name: shown("householdName", viewer, report.householdName, maskName),
      phone: phone ? shown("phone", viewer, phone, maskPhone) : null,
      idNumber: idNumber ? shown("idNumber", viewer, idNumber, maskIdNumber) : null,
    },
    // who told us: a neighbour's or relative's own number is as private as the household's
    reporter: { relation: report.relation, phone: reporterPhone ? shown("phone", viewer, reporterPhone, maskPhone) : null },
    consent: { given: report.consentGiven, textVersion: report.consentTextVersion },
    opinion: report.opinionKind
      ? {
          kind: report.opinionKind,
          label: OPINION_LABELS[report.opinionKind],
          reason: shown("opinionReason", viewer, report.opinionReason, (v) => v),
          policyRef: report.opinionPolicyRef,
          at: report.opinionAt?.toISOString(),
        }
      : null,
    transferredTo: report.transferredTo,
    // what this account may do here, decided by the domain; the screens read these and never copy the rules
    mayGiveOpinion: mayGiveOpinionNow(actor, report, now),
    mayTakeOver: mayTakeOver(actor, report, now),
    maySendBack: maySendBack(actor, report, now),
    mayReveal,
    identification: await identificationForDetail(deps, tx, report, viewer),
    // the household until the opinion; whoever submitted it as withdrawRefusal says
    reportedByMe: report.reporterAccountId === actor.accountId,
    mayWithdraw: withdrawRefusal(actor, report) === null,
    timeline: events.map((e) => ({
      at: e.at.toISOString(),
      action: e.action,
      from: e.fromStatus,
      to: e.toStatus,
      label: plainLabel(e, report),
      note: shown("staffNote", viewer, e.note, (n) => n),
      actorRole: e.actorRole,
    })),
  };
}

/**
 * The signed-in person's reports: their household's own (status, opinion and reason, a plain
 * timeline without staff notes) and those they reported for someone else (the reporter's view).
 */
export async function listMyReports(deps: Deps, tx: EntityManager, actor: Actor) {
  const reports = await reportsOfHouseholdOrReporter(tx, actor.householdId, actor.accountId);
  const names = await areaNames(
    tx,
    reports.map((r) => r.villageCode),
  );
  const items = [];
  for (const r of reports) {
    const villageName = names.get(r.villageCode) ?? "";
    if (viewerOfReport(actor, r, false) === "reporter") {
      const own = (await reportLeads(tx, r.id)).filter((l) => l.reporterAccountId === actor.accountId);
      items.push(reporterView(r, own, actor, villageName));
      continue;
    }
    const events = (await reportEvents(tx, r.id)).filter((e) => !e.internal && e.action !== "comment");
    items.push({
      view: "household" as const,
      id: r.id,
      number: r.number,
      status: r.status,
      statusLabel: STATUS_LABELS[r.status],
      household: { name: r.householdName },
      relation: r.relation,
      relationLabel: RELATION_LABELS[r.relation],
      riskTypes: riskList(r),
      riskTypeLabels: riskList(r).map(riskTypeLabel),
      receivedAt: r.receivedAt.toISOString(),
      dueAt: r.dueAt.toISOString(),
      dueText: describeDueAt(r.dueAt),
      village: { code: r.villageCode, name: villageName },
      opinion: r.opinionKind ? { kind: r.opinionKind, label: OPINION_LABELS[r.opinionKind], reason: r.opinionReason } : null,
      mayWithdraw: withdrawRefusal(actor, r) === null && AWAITING_OPINION.includes(r.status) && r.status !== "transferred",
      timeline: events.map((e) => ({ at: e.at.toISOString(), label: plainLabel(e, r) })),
    });
  }
  return { items };
}
