import type { EntityManager } from "typeorm";
import type { Actor } from "../domain/access.js";
import { countyOf } from "../domain/area-code.js";
import { clockHolder } from "../domain/report/clock-holder.js";
import { deadlineOf, describeDueAt, lastDayOf } from "../domain/report/clock.js";
import { isOverdue } from "../domain/report/overdue.js";
import { sentBackNotice, transferredToDepartmentNotice, transferredToTownshipNotice, type ReportFacts } from "../domain/report/notice-texts.js";
import { checkMove, FINISHED_STATUSES, OPINION_LABELS, OPINIONS_NEEDING_REASON, type ReportAction, type ReportStatus } from "../domain/report/lifecycle.js";
import { AppError, badRequest, conflict } from "../errors.js";
import type { Report } from "../db/entities/report.js";
import { COUNTY_HOLDS, mayGiveOpinion, maySendBack, mayTakeOver, withdrawRefusal } from "../domain/report/visibility.js";
import type {
  TakeOverInput,
  AcceptInput,
  CloseInput,
  CommentInput,
  OpinionInput,
  SendBackInput,
  TransferInput,
  VisitInput,
  WithdrawInput,
} from "../contracts/reports.js";
import { holderStaff, queueDueReminders } from "../notices/report-clock.js";
import { enqueueNotification } from "../outbox/outbox.js";
import { accountsOfHousehold, findAccount } from "../repositories/accounts.js";
import { findArea } from "../repositories/areas.js";
import { recordAudit } from "../repositories/audit.js";
import { setReportStatus } from "../repositories/report-queue.js";
import { deadlineRuleOf, insertReportEvent } from "../repositories/reports.js";
import type { Deps } from "./deps.js";
import { firstReminderAt } from "./identification-service.js";
import { riskList, visibleReport } from "./report-service.js";

const MOVE_REFUSED: Record<ReportAction, string> = {
  accept: "这条申报现在不能受理（可能已经受理过了）",
  visit: "请先受理这条申报，再记录上门核查",
  give_opinion: "这条申报现在不能提出办理意见（请先受理；已提出意见的不能重复提出）",
  transfer: "这条申报现在不能转交",
  take_over: "这条申报已经有了办理意见，不能再接手",
  send_back: "只有转交出去的申报才能退回村里",
  withdraw: "村委会已经提出办理意见，不能再撤回了",
  close: "提出办理意见后才能办结",
};

/** Why an opinion is refused, by role, in words the officer understands. */
const OPINION_NOT_YOURS: Partial<Record<Actor["role"], string>> = {
  township: "乡镇只能对转交给乡镇或超期上报的申报提出办理意见",
  department: "只有转交给本部门的申报，部门才能提出办理意见",
  county: "县里只能对超期上报后接手的申报提出办理意见，请先接手",
  admin: "管理员不能提出办理意见",
};

/**
 * Applies one move of the report's life in the caller's transaction: the state check, the change,
 * the timeline event, the audit record and any notification, or none of them.
 */
async function move(
  deps: Deps,
  tx: EntityManager,
  actor: Actor,
  id: string,
  action: ReportAction,
  note: string | null,
  apply: (tx: EntityManager, report: Report, to: ReportStatus, now: Date) => Promise<Partial<Report>>,
) {
  const report = await visibleReport(deps, actor, id, tx);
  const refusal = action === "withdraw" ? withdrawRefusal(actor, report) : null;
  if (refusal === "not_reporter") throw new AppError(403, "not_reporter", "只有提交这条申报的人或这户人家自己可以撤回");
  if (refusal === "accepted_already") throw conflict("withdraw_after_accept", "村委会已经受理，帮别人报的申报不能再撤回了；这户人家自己可以撤回");
  const check = checkMove(action, report.status, actor.role);
  if (!check.ok && check.reason === "role") throw new AppError(403, "role_forbidden", "您的身份不能做这一步");
  if (action === "give_opinion" && !mayGiveOpinion(actor, report, deps.clock.now()))
    throw new AppError(403, "opinion_not_yours", OPINION_NOT_YOURS[actor.role] ?? "您的身份不能提出办理意见");
  if (action === "take_over" && !mayTakeOver(actor, report, deps.clock.now()))
    throw conflict("take_over_not_allowed", "只有超期的申报县里才能接手（已接手的不用重复接手）");
  if (action === "send_back" && !maySendBack(actor, report, deps.clock.now()))
    throw conflict("send_back_not_allowed", "只有转交给乡镇或部门、并已超过办理期限的申报，县里才能退回村里");
  if (!check.ok) throw conflict("transition_not_allowed", MOVE_REFUSED[action], { status: report.status, action });
  const now = deps.clock.now();
  const patch = await apply(tx, report, check.to, now);
  const closes = FINISHED_STATUSES.includes(check.to);
  // compare-and-set on the status, so two cadres tapping at once cannot both move it; the counters move with it
  const moved = await setReportStatus(tx, report, check.to, { ...patch, updatedAt: now, ...(closes ? { openKey: null } : {}) });
  if (!moved) throw conflict("transition_not_allowed", "这条申报刚被别人处理过，请刷新后再看");
  await insertReportEvent(tx, {
    reportId: id,
    at: now,
    actorId: actor.accountId,
    actorRole: actor.role,
    action,
    fromStatus: report.status,
    toStatus: check.to,
    note,
    internal: false,
  });
  await recordAudit(tx, {
    at: now,
    actorId: actor.accountId,
    action: `report.${action}`,
    subjectType: "report",
    subjectId: id,
    detail: { from: report.status, to: check.to },
  });
}

/**
 * Tells the household's own WeChat accounts and the farmer who reported, by subscribe message,
 * that the report moved on: each in the words its view allows (issue 14 item 3), so a farmer who
 * reported for a neighbour hears that the village answered, never which opinion.
 */
async function notifyHouseholdAndReporter(
  deps: Deps,
  tx: EntityManager,
  report: Report,
  kind: "report_accepted" | "opinion_given",
  texts: { household: string; reporter: string },
  now: Date,
) {
  const household = report.householdId ? await accountsOfHousehold(tx, report.householdId) : [];
  const reporter = report.reporterAccountId ? await findAccount(tx, report.reporterAccountId) : null;
  const recipients = household.map((account) => ({ account, text: texts.household }));
  if (reporter && !household.some((a) => a.id === reporter.id)) recipients.push({ account: reporter, text: texts.reporter });
  for (const { account, text } of recipients) {
    if (account.role !== "farmer" || !account.wechatOpenid) continue;
    await enqueueNotification(
      tx,
      {
        // the reporter's key is the report's own (one notice per move); the household's accounts each get theirs
        dedupeKey: account.id === report.reporterAccountId ? `report:${report.id}:${kind}` : `report:${report.id}:${kind}:${account.id}`,
        channel: "wechat_subscribe",
        kind,
        recipientType: "account",
        recipientId: account.id,
        payload: { reportId: report.id, number: report.number, status: text, page: `pages/my-reports/my-reports?id=${report.id}` },
        dueAt: now,
      },
      now,
    );
  }
}

export const acceptReport = (deps: Deps, tx: EntityManager, actor: Actor, id: string, input: AcceptInput) =>
  move(deps, tx, actor, id, "accept", input.note ?? null, async (tx, report, _to, now) => {
    await notifyHouseholdAndReporter(deps, tx, report, "report_accepted", { household: "村委会已受理", reporter: "村委会已受理" }, now);
    return { acceptedAt: now };
  });

export const recordVisit = (deps: Deps, tx: EntityManager, actor: Actor, id: string, input: VisitInput) =>
  move(deps, tx, actor, id, "visit", input.note, async () => {
    const visitedAt = new Date(input.visitedAt);
    if (visitedAt.getTime() > deps.clock.now().getTime() + 5 * 60_000) throw badRequest("visited_at_in_future", "上门时间不能晚于现在");
    return { visitedAt };
  });

export const giveOpinion = (deps: Deps, tx: EntityManager, actor: Actor, id: string, input: OpinionInput) => {
  if (OPINIONS_NEEDING_REASON.includes(input.kind) && !input.reason) {
    throw badRequest("opinion_reason_required", "这种办理意见必须写明理由和依据，让群众看得明白");
  }
  return move(deps, tx, actor, id, "give_opinion", input.reason ?? null, async (tx, report, _to, now) => {
    await notifyHouseholdAndReporter(
      deps,
      tx,
      report,
      "opinion_given",
      { household: OPINION_LABELS[input.kind].slice(0, 20), reporter: "村委会已答复这户人家" },
      now,
    );
    // the clock stops here: open_key stays so a new lead joins this report until it is closed
    const opinion = { opinionAt: now, opinionKind: input.kind, opinionReason: input.reason ?? null, opinionPolicyRef: input.policyRef ?? null };
    // the identification path's clocks start: the sweep reads the case when its first reminder is due
    return input.kind === "propose_monitoring" ? { ...opinion, nextReminderAt: await firstReminderAt(deps, tx, { ...report, ...opinion }, now) } : opinion;
  });
};

/**
 * A new 5-day clock from now, by the county's deadline rule, for whoever receives the report
 * (issue 14 item 3); a clock that had already run out still counts as late in the ledger.
 */
async function restartedClock(deps: Deps, tx: EntityManager, report: Report, now: Date): Promise<Partial<Report>> {
  const rule = await deadlineRuleOf(tx, countyOf(report.villageCode));
  const deadline = deadlineOf(now, rule, await deps.holidays.current());
  return {
    transferredAt: now,
    dueAt: deadline.dueAt,
    deadlineBasis: deadline.basis,
    overdueAt: null,
    lateBeforeTransfer: Boolean(report.lateBeforeTransfer) || isOverdue(report, now),
  };
}

/** Tells whoever now holds the report's clock that it is theirs, and queues that clock's reminders. */
async function tellNewHolder(tx: EntityManager, report: Report, now: Date, text: (facts: ReportFacts) => string) {
  const village = await findArea(tx, report.villageCode);
  const facts: ReportFacts = { number: report.number, villageName: village?.name ?? "", riskTypes: riskList(report), dueText: describeDueAt(report.dueAt) };
  const staff = await holderStaff(tx, report, clockHolder(report));
  await enqueueNotification(
    tx,
    staff.map((person) => ({
      dedupeKey: `report:${report.id}:${report.transferredTo === null ? "sent_back" : "transferred"}:${person.id}:${lastDayOf(report.dueAt)}`,
      channel: "bot" as const,
      kind: "report_transferred",
      recipientType: "account" as const,
      recipientId: person.id,
      payload: { reportId: report.id, text: text(facts) },
      dueAt: now,
    })),
    now,
  );
  await queueDueReminders(tx, report, facts, now, { recipients: staff });
}

/** Transfers a report to the township or a department, which gets its own new 5-day clock. */
export const transferReport = (deps: Deps, tx: EntityManager, actor: Actor, id: string, input: TransferInput) => {
  if (input.to === "department" && !input.department) throw badRequest("department_required", "转交行业部门时请选择具体部门");
  return move(deps, tx, actor, id, "transfer", input.reason, async (tx, report, _to, now) => {
    const patch: Partial<Report> = {
      ...(await restartedClock(deps, tx, report, now)),
      transferredTo: input.to === "township" ? "township" : input.department!,
    };
    await tellNewHolder(tx, { ...report, ...patch }, now, input.to === "township" ? transferredToTownshipNotice : transferredToDepartmentNotice);
    return patch;
  });
};

/** The county sends a report whose receiver let its clock run out back to the village, with a new 5-day clock. */
export const sendBackReport = (deps: Deps, tx: EntityManager, actor: Actor, id: string, input: SendBackInput) =>
  move(deps, tx, actor, id, "send_back", input.reason, async (tx, report, _to, now) => {
    const patch: Partial<Report> = { ...(await restartedClock(deps, tx, report, now)), transferredTo: null, acceptedAt: report.acceptedAt ?? now };
    await tellNewHolder(tx, { ...report, ...patch }, now, sentBackNotice);
    return patch;
  });

/** The county takes over a report escalated overdue; from then on it gives the opinion itself. */
export const takeOverReport = (deps: Deps, tx: EntityManager, actor: Actor, id: string, input: TakeOverInput) =>
  move(deps, tx, actor, id, "take_over", input.reason ?? null, async () => ({ transferredTo: COUNTY_HOLDS }));

export const withdrawReport = (deps: Deps, tx: EntityManager, actor: Actor, id: string, input: WithdrawInput) =>
  move(deps, tx, actor, id, "withdraw", input.reason ?? null, async () => ({}));

export const closeReport = (deps: Deps, tx: EntityManager, actor: Actor, id: string, input: CloseInput) =>
  move(deps, tx, actor, id, "close", input.note ?? null, async (_tx, _report, _to, now) => ({ closedAt: now }));

/** A staff-internal note on the report; households never see comments. */
export async function addComment(deps: Deps, tx: EntityManager, actor: Actor, id: string, input: CommentInput) {
  if (actor.role === "farmer") throw new AppError(403, "role_forbidden", "留言功能只对工作人员开放");
  await visibleReport(deps, actor, id, tx);
  const now = deps.clock.now();
  await insertReportEvent(tx, {
    reportId: id,
    at: now,
    actorId: actor.accountId,
    actorRole: actor.role,
    action: "comment",
    fromStatus: null,
    toStatus: null,
    note: input.text,
    internal: true,
  });
  await recordAudit(tx, { at: now, actorId: actor.accountId, action: "report.comment", subjectType: "report", subjectId: id });
}
