import { In, type EntityManager } from "typeorm";
import { AccountEntity } from "../db/entities/account.js";
import { HouseholdEntity } from "../db/entities/household.js";
import type { MonitoredHousehold } from "../db/entities/identification.js";
import { ReportEntity, type Report } from "../db/entities/report.js";
import { isUniqueViolation } from "../db/unique-violation.js";
import { canSeeArea, isStaff, type Actor } from "../domain/access.js";
import { countyOf } from "../domain/area-code.js";
import { chinaDay } from "../domain/china-time.js";
import { checkClearanceStep, clearanceState, CLEARANCE_END_REASON_LABELS, type ClearanceContext } from "../domain/clearance/path.js";
import { CLEARANCE_STEP_LABELS, householdClearanceText, mayRecordClearance, type ClearanceRecord } from "../domain/clearance/steps.js";
import { caseReminders, CLOCK_LABELS, clockHolder, identificationClocks, nextReminderAt, type CaseClock } from "../domain/identification/clocks.js";
import { nextStep, openClocks, type NextStep } from "../domain/identification/next-step.js";
import {
  checkIdentificationStep,
  END_REASON_LABELS,
  IDENTIFICATION_STAGES,
  identificationState,
  STAGE_LABELS,
  type IdentificationContext,
  type IdentificationStage,
} from "../domain/identification/path.js";
import type { StepProblem } from "../domain/identification/step-check.js";
import {
  HOUSEHOLD_KIND_LABELS,
  householdTimelineText,
  MEASURE_KIND_LABELS,
  mayRecord,
  STEP_LABELS,
  type HouseholdKind,
  type IdentificationRecord,
  type Measure,
} from "../domain/identification/steps.js";
import { maskName } from "../domain/masking.js";
import { showing, shown, viewerOf, viewerOfReport, type Viewer } from "../domain/report/visibility.js";
import { riskTypeLabel } from "../domain/risk-types.js";
import { AppError, conflict, forbidden, notFound } from "../errors.js";
import type { CasesQuery, ClearanceStepInput, IdentificationStepInput, RegisterQuery } from "../contracts/identification.js";
import { enqueueNotification, type NewNotification } from "../outbox/outbox.js";
import { areaNames } from "../repositories/areas.js";
import { recordAudit } from "../repositories/audit.js";
import {
  currentClearance,
  identificationSteps,
  identificationStepsOf,
  insertClearanceStep,
  insertIdentificationStep,
  insertMonitoredHousehold,
  latestMonitored,
  lockReport,
  monitoredNow,
  monitoredOfReport,
  openCaseReports,
  registerPage,
  setNextReminderAt,
  townshipReviewOf,
  updateMonitored,
} from "../repositories/identification.js";
import { deadlineRuleOf, insertReportEvent } from "../repositories/reports.js";
import type { Deps } from "./deps.js";
import { riskList, visibleReport } from "./report-service.js";

/** A rule's refusal as the one error type (409 order, 400 field naming it). */
const refused = (p: StepProblem): AppError => new AppError(p.status, p.code, p.message, p.field ? { field: p.field } : undefined);

/** What the path needs to know of a report and its county, read in the caller's transaction. */
export async function identificationContext(deps: Deps, tx: EntityManager, report: Report): Promise<IdentificationContext> {
  const county = countyOf(report.villageCode);
  return {
    receivedOn: chinaDay(report.receivedAt),
    visitedOn: report.visitedAt ? chinaDay(report.visitedAt) : undefined,
    proposedOn: chinaDay(report.opinionAt ?? report.receivedAt),
    townshipReview: await townshipReviewOf(tx, county),
    rule: await deadlineRuleOf(tx, county),
    calendar: await deps.holidays.current(),
  };
}

/**
 * The contexts of many reports read together (a list, a sweep): one county's settings and the
 * holiday calendar are read once and serve all its reports; each report brings its own days.
 */
export function contextsOf(deps: Deps, tx: EntityManager): (report: Report) => Promise<IdentificationContext> {
  const counties = new Map<string, IdentificationContext>();
  return async (report) => {
    const county = countyOf(report.villageCode);
    const shared = counties.get(county) ?? (await identificationContext(deps, tx, report));
    counties.set(county, shared);
    return {
      ...shared,
      receivedOn: chinaDay(report.receivedAt),
      visitedOn: report.visitedAt ? chinaDay(report.visitedAt) : undefined,
      proposedOn: chinaDay(report.opinionAt ?? report.receivedAt),
    };
  };
}

const clockView = (c: CaseClock, holder: string | null) => ({
  name: c.name,
  label: CLOCK_LABELS[c.name],
  dueAt: c.dueAt?.toISOString() ?? null,
  lastDay: c.lastDay,
  doneAt: c.doneAt,
  overdue: c.overdue,
  met: c.met,
  holder,
});

/** The staff's view of a report's identification: stage, steps with their fields, clocks computed now. */
export function identificationView(report: Pick<Report, "receivedAt">, steps: readonly IdentificationRecord[], ctx: IdentificationContext, now: Date) {
  const state = identificationState(steps, ctx, chinaDay(now));
  return {
    stage: state.stage,
    stageLabel: STAGE_LABELS[state.stage],
    ended: state.ended ? { ...state.ended, label: END_REASON_LABELS[state.ended.reason] } : null,
    townshipReview: ctx.townshipReview,
    steps: steps.map((s) => ({ ...s, label: STEP_LABELS[s.step] })),
    clocks: identificationClocks(report.receivedAt, steps, ctx, now).map((c) => clockView(c, c.doneAt === null ? clockHolder(c.name, state.stage) : null)),
  };
}
export type IdentificationView = ReturnType<typeof identificationView>;

/** The household's own view: what happened, in plain words, and how it ended; nobody else's data. */
export function householdIdentificationView(steps: readonly IdentificationRecord[], ctx: IdentificationContext, now: Date) {
  const state = identificationState(steps, ctx, chinaDay(now));
  const timeline = steps.flatMap((s) => {
    const text = householdTimelineText(s);
    return text ? [{ date: s.date, text }] : [];
  });
  const outcome = state.stage === "ended" ? "这次没有纳入监测" : state.stage === "identified" || state.stage === "entry_and_plan" ? "您家已纳入监测" : null;
  return { stage: state.stage, stageLabel: STAGE_LABELS[state.stage], outcome, timeline };
}

/**
 * Records one step of a report's identification in the caller's transaction: the recorder's
 * role, the report in the actor's area and proposed for monitoring, the path's rules, then the
 * step, its audit record, its timeline event, and the register entry on approval.
 */
export async function recordIdentificationStep(
  deps: Deps,
  tx: EntityManager,
  actor: Actor,
  reportId: string,
  input: IdentificationStepInput,
): Promise<IdentificationView> {
  const record: IdentificationRecord = input;
  if (!isStaff(actor) || !mayRecord(record.step, actor.role)) throw forbidden("role_forbidden", `您的身份不能记录“${STEP_LABELS[record.step]}”`);
  const report = await visibleReport(deps, actor, reportId, tx);
  if (report.opinionKind !== "propose_monitoring") throw conflict("not_proposed_for_monitoring", "这条申报没有提出“拟纳入监测”的办理意见，不需要走认定程序");
  await lockReport(tx, report.id);
  const ctx = await identificationContext(deps, tx, report);
  const steps: IdentificationRecord[] = await identificationSteps(tx, report.id);
  const now = deps.clock.now();
  const check = checkIdentificationStep(steps, record, ctx, chinaDay(now));
  if (!check.ok) throw refused(check.problem);

  if (record.step === "county_decision" && record.result === "approved" && (await monitoredNow(tx, report.householdId)))
    throw conflict("already_monitored", "这户已经是监测对象了，不能重复认定");
  try {
    await insertIdentificationStep(tx, report.id, record, { recordedBy: actor.accountId, recordedRole: actor.role, recordedAt: now });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict("step_already_recorded", `“${STEP_LABELS[record.step]}”已经记录过了`);
    throw err;
  }
  const all = [...steps, record];
  await recordAudit(tx, {
    at: now,
    actorId: actor.accountId,
    action: `report.identification.${record.step}`,
    subjectType: "report",
    subjectId: report.id,
    detail: { date: record.date, stage: check.after },
  });
  const text = householdTimelineText(record);
  await insertReportEvent(tx, {
    reportId: report.id,
    at: now,
    actorId: actor.accountId,
    actorRole: actor.role,
    action: "identification",
    fromStatus: null,
    toStatus: null,
    note: text ?? `${STEP_LABELS[record.step]}（${record.date}）`,
    internal: text === undefined,
  });
  await updateRegister(tx, report, record, all, now);
  await setNextReminderAt(tx, report.id, nextReminderAt(caseReminders(report.id, report.receivedAt, all, ctx, now), false));
  if (check.after === "ended" || (record.step === "county_decision" && check.after !== check.stage))
    await tellHousehold(tx, report, check.after === "ended" ? "这次未纳入监测" : "已纳入监测", now);
  return identificationView(report, all, ctx, now);
}

/** When a report just proposed for monitoring is first due for a reminder (its clocks start now, no step yet). */
export async function firstReminderAt(deps: Deps, tx: EntityManager, report: Report, now: Date): Promise<Date | null> {
  return nextReminderAt(caseReminders(report.id, report.receivedAt, [], await identificationContext(deps, tx, report), now), false);
}

/**
 * Tells the household how its case ended, by subscribe message, in plain words and nothing
 * of anyone else: its own farmer accounts and the farmer who reported, once per case.
 */
async function tellHousehold(tx: EntityManager, report: Report, outcome: string, now: Date): Promise<void> {
  const farmers = await tx.getRepository(AccountEntity).find({
    where: [
      { householdId: report.householdId, role: "farmer" },
      ...(report.reporterAccountId ? [{ id: report.reporterAccountId, role: "farmer" as const }] : []),
    ],
  });
  const notices: NewNotification[] = farmers
    .filter((f) => f.wechatOpenid)
    .map((f) => ({
      dedupeKey: `report:${report.id}:identification_outcome:${f.id}`,
      channel: "wechat_subscribe",
      kind: "identification_outcome",
      recipientType: "account",
      recipientId: f.id,
      payload: { reportId: report.id, number: report.number, status: outcome, page: `pages/my-reports/my-reports?id=${report.id}` },
      dueAt: now,
    }));
  if (notices.length) await enqueueNotification(tx, notices, now);
}

const planOf = (steps: readonly IdentificationRecord[]) => steps.find((s): s is Extract<IdentificationRecord, { step: "plan" }> => s.step === "plan");

/** An approval puts the household in the register; a plan made after it gives the entry its measures. */
async function updateRegister(
  tx: EntityManager,
  report: Report,
  record: IdentificationRecord,
  steps: readonly IdentificationRecord[],
  now: Date,
): Promise<void> {
  // an approval always names its kind (the path refuses one without)
  if (record.step === "county_decision" && record.result === "approved" && record.kind) {
    await insertMonitoredHousehold(tx, {
      countyCode: countyOf(report.villageCode),
      villageCode: report.villageCode,
      householdId: report.householdId,
      reportId: report.id,
      status: "monitored",
      kind: record.kind,
      identifiedOn: record.date,
      clearedOn: null,
      riskTypes: report.riskTypes,
      measures: JSON.stringify(planOf(steps)?.measures ?? []),
      openKey: report.householdId,
      createdAt: now,
      updatedAt: now,
    });
  }
  if (record.step === "plan") {
    const entry = await monitoredOfReport(tx, report.id);
    if (entry) await updateMonitored(tx, entry.id, { measures: JSON.stringify(record.measures), updatedAt: now });
  }
}

/** A report's identification as the viewer may see it (visibility table): the staff's full view, the household's plain one. */
export async function identificationForDetail(deps: Deps, tx: EntityManager, report: Report, viewer: Viewer) {
  // a farmer who reported for another household is not told of its identification
  if (report.opinionKind !== "propose_monitoring" || showing("identification", viewer) === "hidden") return null;
  const ctx = await identificationContext(deps, tx, report);
  const steps = await identificationSteps(tx, report.id);
  const now = deps.clock.now();
  return showing("identification", viewer) === "plain" ? identificationView(report, steps, ctx, now) : householdIdentificationView(steps, ctx, now);
}

/** A report's identification as the actor may see it (404 outside their area); null when not proposed for monitoring. */
export async function reportIdentification(deps: Deps, tx: EntityManager, actor: Actor, reportId: string) {
  const report = await visibleReport(deps, actor, reportId, tx);
  return identificationForDetail(deps, tx, report, viewerOfReport(actor, report, false));
}

/** The register of the actor's area, newest identification first, names masked, entry and plan clocks computed now. */
export async function listRegister(deps: Deps, tx: EntityManager, actor: Actor, query: RegisterQuery) {
  if (!isStaff(actor) || actor.role === "department") throw forbidden("role_forbidden", "您的身份不能查看监测对象名册");
  if (query.villageCode && !canSeeArea(actor, query.villageCode)) throw notFound("area_not_found", "您负责的区域里没有这个地方");
  const admin = actor.role === "admin";
  const { items, next } = await registerPage(tx, {
    countyCode: admin || !actor.areaCode ? null : countyOf(actor.areaCode),
    areaCode: admin ? null : actor.areaCode,
    status: query.status,
    villageCode: query.villageCode,
    after: query.after,
    pageSize: query.pageSize,
  });
  const reports = new Map((await tx.getRepository(ReportEntity).findBy({ id: In(items.map((m) => m.reportId)) })).map((r) => [r.id, r]));
  const households = new Map((await tx.getRepository(HouseholdEntity).findBy({ id: In(items.map((m) => m.householdId)) })).map((h) => [h.id, h]));
  const steps = await identificationStepsOf(
    tx,
    items.map((m) => m.reportId),
  );
  const names = await areaNames(
    tx,
    items.map((m) => m.villageCode),
  );
  const contextOf = contextsOf(deps, tx);
  const now = deps.clock.now();
  const out = [];
  for (const m of items) {
    const report = reports.get(m.reportId);
    let clocks: ReturnType<typeof clockView>[] = [];
    if (report) {
      clocks = identificationClocks(report.receivedAt, steps.get(m.reportId) ?? [], await contextOf(report), now)
        .filter((c) => c.name === "entry_within_10_days" || c.name === "plan_within_10_days")
        .map((c) => clockView(c, null));
    }
    out.push(registerItem(m, households.get(m.householdId)?.headName ?? "", names.get(m.villageCode) ?? "", clocks));
  }
  return { items: out, next };
}

/**
 * The next step and its clock of each report on a queue page that is on the identification
 * path (after `propose_monitoring`), by report id; cases identified or ended say so, with no clock.
 */
export async function nextStepsOf(deps: Deps, tx: EntityManager, reports: readonly Report[]) {
  const onPath = reports.filter((r) => r.opinionKind === "propose_monitoring");
  const steps = await identificationStepsOf(
    tx,
    onPath.map((r) => r.id),
  );
  const contextOf = contextsOf(deps, tx);
  const now = deps.clock.now();
  const out = new Map<string, { stage: IdentificationStage; stageLabel: string; next: NextStep }>();
  for (const r of onPath) {
    const records = steps.get(r.id) ?? [];
    const ctx = await contextOf(r);
    const { stage } = identificationState(records, ctx, chinaDay(now));
    out.set(r.id, { stage, stageLabel: STAGE_LABELS[stage], next: nextStep(stage, records, identificationClocks(r.receivedAt, records, ctx, now), now) });
  }
  return out;
}

/** Cases shown on one page at most; the overdue ones come first, so a cut never hides them. */
export const CASES_SHOWN = 500;

/**
 * The open identification cases of the actor's area with their clocks computed now: overdue
 * first, then the soonest end; each with its next step in Chinese and who holds it, and the
 * number of cases waiting at each stage. Names masked as in the report lists.
 */
export async function listCases(deps: Deps, tx: EntityManager, actor: Actor, query: CasesQuery) {
  if (!isStaff(actor) || actor.role === "department") throw forbidden("role_forbidden", "您的身份不能查看监测认定");
  if (query.villageCode && !canSeeArea(actor, query.villageCode)) throw notFound("area_not_found", "您负责的区域里没有这个地方");
  const areaCode = query.villageCode ?? (actor.role === "admin" ? null : actor.areaCode);
  const reports = await openCaseReports(tx, areaCode);
  const steps = await identificationStepsOf(
    tx,
    reports.map((r) => r.id),
  );
  const names = await areaNames(
    tx,
    reports.map((r) => r.villageCode),
  );
  const contextOf = contextsOf(deps, tx);
  const now = deps.clock.now();
  const viewer = viewerOf(actor, false);
  const cases: Array<ReturnType<typeof caseItem>> = [];
  for (const report of reports) {
    const records = steps.get(report.id) ?? [];
    const ctx = await contextOf(report);
    const { stage } = identificationState(records, ctx, chinaDay(now));
    // an old report read under today's setting may compute as finished: not an open case
    if (stage === "identified" || stage === "ended") continue;
    cases.push(caseItem(report, stage, records, identificationClocks(report.receivedAt, records, ctx, now), now, viewer, names.get(report.villageCode) ?? ""));
  }
  cases.sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueAt - b.dueAt || a.receivedAt.localeCompare(b.receivedAt));
  const stages = IDENTIFICATION_STAGES.filter((s) => s !== "identified" && s !== "ended").map((s) => ({
    stage: s,
    label: STAGE_LABELS[s],
    count: cases.filter((c) => c.stage === s).length,
    overdue: cases.filter((c) => c.stage === s && c.overdue).length,
  }));
  return {
    generatedAt: now.toISOString(),
    total: cases.length,
    overdue: cases.filter((c) => c.overdue).length,
    stages,
    items: cases.slice(0, CASES_SHOWN).map(({ dueAt: _sortKey, ...c }) => c),
  };
}

function caseItem(
  report: Report,
  stage: IdentificationStage,
  records: IdentificationRecord[],
  clocks: CaseClock[],
  now: Date,
  viewer: Viewer,
  villageName: string,
) {
  return {
    id: report.id,
    number: report.number,
    household: { name: shown("householdName", viewer, report.householdName, maskName) },
    village: { code: report.villageCode, name: villageName },
    riskTypeLabels: riskList(report).map(riskTypeLabel),
    receivedAt: report.receivedAt.toISOString(),
    stage,
    stageLabel: STAGE_LABELS[stage],
    next: nextStep(stage, records, clocks, now),
    overdue: clocks.some((c) => c.overdue),
    dueAt: openClocks(clocks)[0]?.dueAt?.getTime() ?? Number.MAX_SAFE_INTEGER,
    clocks: clocks.map((c) => clockView(c, c.doneAt === null ? clockHolder(c.name, stage) : null)),
  };
}

function registerItem(m: MonitoredHousehold, headName: string, villageName: string, clocks: unknown[]) {
  const measures: Measure[] = JSON.parse(m.measures);
  const risks = riskList(m);
  return {
    id: m.id,
    householdId: m.householdId,
    reportId: m.reportId,
    household: { name: maskName(headName) },
    village: { code: m.villageCode, name: villageName },
    status: m.status,
    kind: m.kind,
    kindLabel: HOUSEHOLD_KIND_LABELS[m.kind as HouseholdKind] ?? m.kind,
    identifiedOn: m.identifiedOn,
    clearedOn: m.clearedOn,
    riskTypes: risks,
    riskTypeLabels: risks.map(riskTypeLabel),
    measures: measures.map((x) => ({ ...x, label: MEASURE_KIND_LABELS[x.kind] })),
    clocks,
  };
}

/** A clearance's view: the attempt's stage and steps, and how it ended if it did. */
function clearanceView(attempt: number, steps: readonly ClearanceRecord[], ctx: ClearanceContext, now: Date) {
  const state = clearanceState(steps, ctx, chinaDay(now));
  return {
    attempt,
    stage: state.stage,
    ended: state.ended ? { ...state.ended, label: CLEARANCE_END_REASON_LABELS[state.ended.reason] } : null,
    steps: steps.map((s) => ({ ...s, label: CLEARANCE_STEP_LABELS[s.step] })),
  };
}

/**
 * Records one step of a monitored household's risk clearance in the caller's transaction.
 * A new attempt begins with a village study after an ended one; the information update marks
 * the household cleared in the register. No quota is consulted anywhere.
 */
export async function recordClearanceStep(deps: Deps, tx: EntityManager, actor: Actor, householdId: string, input: ClearanceStepInput) {
  const record: ClearanceRecord = input;
  if (!isStaff(actor) || !mayRecordClearance(record.step, actor.role))
    throw forbidden("role_forbidden", `您的身份不能记录“${CLEARANCE_STEP_LABELS[record.step]}”`);
  const entry = await latestMonitored(tx, householdId);
  if (!entry || !canSeeArea(actor, entry.villageCode)) throw notFound("household_not_found", "没有找到这户监测对象");
  if (entry.status !== "monitored") throw conflict("already_cleared", "这户已经标注风险消除");
  await lockReport(tx, entry.reportId);
  const ctx: ClearanceContext = { identifiedOn: entry.identifiedOn, rule: await deadlineRuleOf(tx, entry.countyCode), calendar: await deps.holidays.current() };
  const now = deps.clock.now();
  const today = chinaDay(now);
  let { attempt, steps } = await currentClearance(tx, entry.id);
  // an ended attempt leaves the household monitored; the next study starts a new one
  if (attempt === 0 || (clearanceState(steps, ctx, today).stage === "ended" && record.step === "village_study")) {
    attempt += 1;
    steps = [];
  }
  const check = checkClearanceStep(steps, record, ctx, today);
  if (!check.ok) throw refused(check.problem);
  try {
    await insertClearanceStep(tx, { monitoredId: entry.id, householdId, attempt }, record, {
      recordedBy: actor.accountId,
      recordedRole: actor.role,
      recordedAt: now,
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict("step_already_recorded", `“${CLEARANCE_STEP_LABELS[record.step]}”已经记录过了`);
    throw err;
  }
  await recordAudit(tx, {
    at: now,
    actorId: actor.accountId,
    action: `household.clearance.${record.step}`,
    subjectType: "household",
    subjectId: householdId,
    detail: { date: record.date, attempt, stage: check.after },
  });
  const text = householdClearanceText(record);
  await insertReportEvent(tx, {
    reportId: entry.reportId,
    at: now,
    actorId: actor.accountId,
    actorRole: actor.role,
    action: "clearance",
    fromStatus: null,
    toStatus: null,
    note: text ?? `${CLEARANCE_STEP_LABELS[record.step]}（${record.date}）`,
    internal: text === undefined,
  });
  if (check.after === "cleared") await updateMonitored(tx, entry.id, { status: "risk_cleared", clearedOn: record.date, openKey: null, updatedAt: now });
  return clearanceView(attempt, [...steps, record], ctx, now);
}
