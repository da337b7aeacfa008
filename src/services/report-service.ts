import { createHash, randomInt, randomUUID } from "node:crypto";
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
import { AWAITING_OPINION, OPINION_LABELS, STATUS_LABELS, type ReportStatus } from "../domain/report/lifecycle.js";
import { isOverdue } from "../domain/report/overdue.js";
import { timelineLabel } from "../domain/report/timeline.js";
import {
  SUBMITTER_RELATIONS,
  canSeeReport,
  departmentLane,
  mayGiveOpinionNow,
  maySendBack,
  mayTakeOver,
  isUnprovenSelfReport,
  UNMATCHED_KEY_PREFIX,
  mayRevealNumbers,
  shown,
  viewerOf,
} from "../domain/report/visibility.js";
import { riskTypeLabel } from "../domain/risk-types.js";
import { AppError, badRequest, conflict, notFound, unprocessable } from "../errors.js";
import type { Area } from "../db/entities/area.js";
import type { Report } from "../db/entities/report.js";
import type { ReportEvent } from "../db/entities/report-event.js";
import { inTransaction } from "../db/transaction.js";
import { isUniqueViolation } from "../db/unique-violation.js";
import type { ReportCreateInput } from "../contracts/reports.js";
import { enqueueNotification } from "../outbox/outbox.js";
import { queueDueReminders } from "../notices/report-clock.js";
import { insertHousehold, updateAccount } from "../repositories/accounts.js";
import { areaNames, findArea } from "../repositories/areas.js";
import { recordAudit } from "../repositories/audit.js";
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from "../repositories/idempotency.js";
import {
  deadlineRuleOf,
  departmentsThatRaised,
  findHouseholdInVillage,
  findOpenReport,
  findReport,
  insertReport,
  insertReportEvent,
  insertReportLead,
  queuePage,
  reportEvents,
  reportsOfHouseholdOrReporter,
  staffOfArea,
  updateReport,
  type QueueFilter,
} from "../repositories/reports.js";
import type { Deps } from "./deps.js";
import { identificationForDetail } from "./identification-service.js";

export interface ReportReceipt {
  id: string;
  number: string;
  status: ReportStatus;
  receivedAt: string;
  dueAt: string;
  village: { code: string; name: string };
  duplicateOf: { id: string; number: string } | null;
  message: string;
}

export const riskList = (r: Pick<Report, "riskTypes">): string[] => r.riskTypes.split(",").filter(Boolean);
const riskField = (codes: readonly string[]) => `,${[...new Set(codes)].join(",")},`;

/** A report number a farmer can read aloud: receipt day and five digits, e.g. 260302-48173. */
// A clash (about one in 100 000 per report of the same day) hits the unique index and the intake is retried.
function newReportNumber(receivedAt: Date): string {
  return `${chinaDay(receivedAt).slice(2).replaceAll("-", "")}-${String(randomInt(0, 100_000)).padStart(5, "0")}`;
}

function canonicalHash(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, x]) => [k, sort(x)]),
          )
        : v;
  return createHash("sha256")
    .update(JSON.stringify(sort(value)))
    .digest("hex");
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
  if (hit && hit.until > Date.now()) return hit.rule;
  const rule = await deadlineRuleOf(deps.db, countyCode);
  cache.set(countyCode, { rule, until: Date.now() + RULE_CACHE_MS });
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
 * Takes in a report. A household's second lead while a report is open is attached to that
 * report (nothing is thrown away) and the receipt says so. With an idempotency key, a retry
 * of the same request gets the first answer and never creates a second report.
 */
export async function submitReport(
  deps: Deps,
  actor: Actor,
  input: ReportCreateInput,
  idempotencyKey?: string,
): Promise<{ receipt: ReportReceipt; replayed: boolean }> {
  if (!SUBMITTER_RELATIONS[actor.role]?.includes(input.relation)) {
    throw badRequest("relation_invalid", "与当事人的关系和您的身份对不上，请重新选择");
  }
  if (input.household.idNumber) {
    const problem = idNumberProblem(input.household.idNumber, deps.clock.now());
    if (problem) throw new AppError(400, "id_number_invalid", ID_NUMBER_MESSAGES[problem], { field: "household.idNumber" });
  }
  const village = await checkVillage(deps, actor, input.villageCode);

  const scope = `report:${actor.accountId}`;
  if (idempotencyKey) {
    const claim = await claimIdempotencyKey(deps.db, scope, idempotencyKey, canonicalHash(input), deps.clock.now());
    if (claim.kind === "replay") return { receipt: JSON.parse(claim.body) as ReportReceipt, replayed: true };
    if (claim.kind === "mismatch") throw unprocessable("idempotency_key_reused", "这个提交编号已经用于另一份申报，请刷新后重新提交");
    if (claim.kind === "in_flight") throw conflict("request_in_flight", "这份申报正在提交中，请稍等几秒再查看结果");
  }
  try {
    // Two households' first reports can race on MySQL; the unique keys catch it and we retry once the winner committed.
    for (let attempt = 1; ; attempt++) {
      try {
        const receipt = await inTransaction(deps.db, (tx) => intake(deps, tx, actor, input, village));
        if (idempotencyKey) await completeIdempotencyKey(deps.db, scope, idempotencyKey, receipt.duplicateOf ? 200 : 201, receipt);
        return { receipt, replayed: false };
      } catch (err) {
        if (!isUniqueViolation(err) || attempt >= 3) throw err;
      }
    }
  } catch (err) {
    if (idempotencyKey) await releaseIdempotencyKey(deps.db, scope, idempotencyKey);
    throw err;
  }
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

async function intake(deps: Deps, tx: EntityManager, actor: Actor, input: ReportCreateInput, village: { code: string; name: string }): Promise<ReportReceipt> {
  const now = deps.clock.now();
  const { receivedAt, enteredAt } = receiptTimes(actor, input, now);
  const { crypto } = deps;
  // a department alert may come without a phone: then the household is found by ID number only
  const phone = input.household.phone || null;
  const phoneHash = phone ? crypto.lookupHash(phone) : null;
  const idHash = input.household.idNumber ? crypto.lookupHash(input.household.idNumber) : null;
  const found = await findHouseholdInVillage(tx, village.code, idHash, phoneHash);
  // A typed phone or ID number proves nothing: "myself" on a household the account is not linked
  // to becomes a case of its own, for the village to match (household-link.ts); no account is
  // ever linked here, and the reporter sees only this report.
  const unproven = found !== null && isUnprovenSelfReport(actor, input.relation, found.id);
  const known = unproven ? null : found;
  const household =
    known ??
    (await insertHousehold(tx, {
      villageCode: village.code,
      headName: input.household.name,
      phoneSealed: phone ? crypto.encrypt(phone) : null,
      // an unmatched case's household is never found by number, so it cannot shadow the real one
      phoneHash: unproven ? null : phoneHash,
      idNumberSealed: input.household.idNumber ? crypto.encrypt(input.household.idNumber) : null,
      idNumberHash: unproven ? null : idHash,
      matchKey: unproven ? `${UNMATCHED_KEY_PREFIX}${randomUUID()}` : idHash ? `i:${idHash}` : `p:${phoneHash}`,
      createdAt: now,
    }));
  // A household the village has never seen, reported by a farmer for itself: its first report
  // makes the account that household's (there is nobody else to protect). A typed number that
  // matches a household already known never links (above).
  if (actor.role === "farmer" && input.relation === "self" && !actor.householdId && found === null) {
    await updateAccount(tx, actor.accountId, { householdId: household.id, displayName: input.household.name });
  }

  const lead = {
    receivedAt,
    channel: input.channel,
    relation: input.relation,
    reporterAccountId: actor.accountId,
    riskTypes: riskField(input.riskTypes),
    description: input.description,
  };
  const openKey = `${village.code}:${household.id}`;
  // a household we have just met cannot have an open report yet
  const open = known ? await findOpenReport(tx, openKey) : null;
  if (open) {
    const riskTypes = riskField([...riskList(open), ...input.riskTypes]);
    await updateReport(tx, open.id, { riskTypes, updatedAt: now });
    await insertReportLead(tx, { ...lead, reportId: open.id });
    await insertReportEvent(tx, {
      reportId: open.id,
      at: now,
      actorId: actor.accountId,
      actorRole: actor.role,
      action: "lead_attached",
      fromStatus: null,
      toStatus: null,
      note: input.description || null,
      internal: false,
    });
    await recordAudit(tx, { at: now, actorId: actor.accountId, action: "report.lead_attached", subjectType: "report", subjectId: open.id });
    return {
      ...receiptOf(open, village),
      duplicateOf: { id: open.id, number: open.number },
      message: `这户已经有一条正在办理的申报（编号${open.number}），这次反映的情况已经合并进去，村委会会一起核查，不用重复申报。`,
    };
  }

  const rule = await cachedDeadlineRule(deps, countyOf(village.code));
  const { dueAt, basis: deadlineBasis } = deadlineOf(receivedAt, rule, await deps.holidays.current());
  const report: Report = {
    id: randomUUID(),
    number: newReportNumber(now),
    villageCode: village.code,
    householdId: household.id,
    householdName: input.household.name,
    phoneSealed: phone ? crypto.encrypt(phone) : "",
    idNumberSealed: input.household.idNumber ? crypto.encrypt(input.household.idNumber) : null,
    riskTypes: riskField(input.riskTypes),
    description: input.description,
    relation: input.relation,
    channel: input.channel,
    reporterAccountId: actor.accountId,
    consentGiven: input.consent.given,
    consentTextVersion: input.consent.textVersion,
    status: "received",
    openKey,
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
  await insertReport(tx, report);
  await insertReportLead(tx, { ...lead, reportId: report.id });
  await insertReportEvent(tx, {
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
  await recordAudit(tx, {
    at: now,
    actorId: actor.accountId,
    action: "report.received",
    subjectType: "report",
    subjectId: report.id,
    detail: { channel: input.channel, relation: input.relation, ...(enteredAt ? { receivedOn: input.receivedOn } : {}) },
  });
  await scheduleVillageNotices(deps, tx, report, village.name);
  return {
    ...receiptOf(report, village),
    duplicateOf: null,
    message: unproven
      ? `申报已收到，编号${report.number}。您填的手机号或身份证号在本村已经登记过，为保护这户人家的信息，这条申报先作为一条新申报交给村委会核实；村委会确认您是这户的人以后，您才能看到这户的其他申报。村委会将在${describeDueAt(dueAt)}前受理核查并给您答复。`
      : `申报已收到，编号${report.number}。村委会将在${describeDueAt(dueAt)}前受理核查并给您答复。`,
  };
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
  const cadres = await staffOfArea(tx, report.villageCode, ["village_cadre"]);
  const facts = { number: report.number, villageName, riskTypes: riskList(report), dueText: describeDueAt(report.dueAt) };
  const now = deps.clock.now();
  if (!opts.revised)
    await enqueueNotification(
      tx,
      cadres.map((cadre) => ({
        channel: "bot" as const,
        recipientType: "account" as const,
        recipientId: cadre.id,
        dedupeKey: `report:${report.id}:received:${cadre.id}`,
        kind: "report_received",
        payload: { reportId: report.id, dueAt: report.dueAt.toISOString(), text: newReportNotice(facts) },
        dueAt: now,
      })),
      now,
    );
  // a moved deadline may belong to a township or department the report was transferred to: report-clock.ts finds its holder
  await queueDueReminders(tx, report, facts, now, { revised: opts.revised, recipients: opts.revised ? undefined : cadres });
}

function receiptOf(r: Report, village: { code: string; name: string }): Omit<ReportReceipt, "duplicateOf" | "message"> {
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    receivedAt: r.receivedAt.toISOString(),
    dueAt: r.dueAt.toISOString(),
    village: { code: village.code, name: village.name },
  };
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
  actor: Actor,
  q: {
    statuses?: ReportStatus[];
    overdue?: boolean;
    riskType?: string;
    villageCode?: string;
    areaCode?: string;
    from?: string;
    to?: string;
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
  const { items, total } = await queuePage(deps.db, filter, q.page, q.pageSize);
  const names = await areaNames(
    deps.db,
    items.map((r) => r.villageCode),
  );
  const viewer = viewerOf(actor, false);
  return {
    items: items.map((r) => ({
      ...reportHeadline(r, names.get(r.villageCode) ?? "", now),
      household: { name: shown("householdName", viewer, r.householdName, maskName), phone: shown("phone", viewer, phoneOf(deps, r), maskPhone) },
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** What a household reads on its timeline for each event. */
const plainLabel = (e: ReportEvent, r: Report): string => timelineLabel({ event: e, report: r });

/** A report with its timeline. Staff see masked numbers unless village staff ask to reveal them (audited). */
export async function reportDetail(deps: Deps, actor: Actor, id: string, opts: { reveal?: boolean; recordRead?: boolean } = {}) {
  const report = await visibleReport(deps, actor, id);
  const allEvents = await reportEvents(deps.db, report.id);
  const acceptedByRole = allEvents.find((e) => e.action === "accept")?.actorRole ?? null;
  const mayReveal = mayRevealNumbers(actor, { ...report, acceptedByRole }, deps.clock.now());
  if (opts.reveal && !mayReveal) throw new AppError(403, "reveal_forbidden", "只有本村的村干部和网格员，或已接手这条申报的乡镇，可以查看完整号码");
  // staff reading a household's report leave a trace too (a reveal is recorded below)
  if (opts.recordRead && !opts.reveal && actor.role !== "farmer") {
    await recordAudit(deps.db.manager, {
      at: deps.clock.now(),
      actorId: actor.accountId,
      action: "report.read",
      subjectType: "report",
      subjectId: report.id,
      detail: { householdId: report.householdId },
    });
  }
  if (opts.reveal) {
    await inTransaction(deps.db, async (tx) => {
      const at = deps.clock.now();
      await insertReportEvent(tx, {
        reportId: report.id,
        at,
        actorId: actor.accountId,
        actorRole: actor.role,
        action: "revealed",
        fromStatus: null,
        toStatus: null,
        note: "查看了完整的手机号和身份证号",
        internal: true,
      });
      await recordAudit(tx, { at, actorId: actor.accountId, action: "report.revealed", subjectType: "report", subjectId: report.id });
    });
  }
  const phone = phoneOf(deps, report);
  const idNumber = report.idNumberSealed ? deps.crypto.decrypt(report.idNumberSealed) : null;
  const village = await findArea(deps.db, report.villageCode);
  const viewer = viewerOf(actor, opts.reveal === true);
  const now = deps.clock.now();
  // a reveal just recorded belongs on the timeline too
  const events = (opts.reveal ? await reportEvents(deps.db, report.id) : allEvents).filter((e) => viewer !== "household" || !e.internal);
  return {
    ...reportHeadline(report, village?.name ?? "", now),
    description: report.description,
    relation: report.relation,
    household: {
      name: shown("householdName", viewer, report.householdName, maskName),
      phone: shown("phone", viewer, phone, maskPhone),
      idNumber: idNumber ? shown("idNumber", viewer, idNumber, maskIdNumber) : null,
    },
    consent: { given: report.consentGiven, textVersion: report.consentTextVersion },
    opinion: report.opinionKind
      ? {
          kind: report.opinionKind,
          label: OPINION_LABELS[report.opinionKind],
          reason: report.opinionReason,
          policyRef: report.opinionPolicyRef,
          at: report.opinionAt?.toISOString(),
        }
      : null,
    // what this account may do here, decided by the domain; the screens read these and never copy the rules
    mayGiveOpinion: mayGiveOpinionNow(actor, report, now),
    mayTakeOver: mayTakeOver(actor, report, now),
    maySendBack: maySendBack(actor, report, now),
    mayReveal,
    identification: await identificationForDetail(deps, deps.db.manager, report, viewer),
    // only the one who submitted may withdraw (a cadre who recorded a walk-in, on the household's request)
    reportedByMe: report.reporterAccountId === actor.accountId,
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

/** A household's own reports (and those the person submitted), with a plain timeline, no staff notes. */
export async function listMyReports(deps: Deps, actor: Actor) {
  const reports = await reportsOfHouseholdOrReporter(deps.db, actor.householdId, actor.accountId);
  const names = await areaNames(
    deps.db,
    reports.map((r) => r.villageCode),
  );
  const items = [];
  for (const r of reports) {
    const events = (await reportEvents(deps.db, r.id)).filter((e) => !e.internal && e.action !== "comment");
    items.push({
      id: r.id,
      number: r.number,
      status: r.status,
      statusLabel: STATUS_LABELS[r.status],
      riskTypes: riskList(r),
      riskTypeLabels: riskList(r).map(riskTypeLabel),
      receivedAt: r.receivedAt.toISOString(),
      dueAt: r.dueAt.toISOString(),
      dueText: describeDueAt(r.dueAt),
      village: { code: r.villageCode, name: names.get(r.villageCode) ?? "" },
      opinion: r.opinionKind ? { kind: r.opinionKind, label: OPINION_LABELS[r.opinionKind], reason: r.opinionReason } : null,
      timeline: events.map((e) => ({ at: e.at.toISOString(), label: plainLabel(e, r) })),
    });
  }
  return { items };
}
