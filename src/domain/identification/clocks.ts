import { chinaDay } from "../china-time.js";
import { noticeSendAt } from "../notice-hours.js";
import { identificationState, type IdentificationContext, type IdentificationStage } from "./path.js";
import { noticeWindow, periodDeadline } from "./period.js";
import type { IdentificationRecord, RecordOf } from "./steps.js";

/**
 * The clocks a county must prove it kept on each case (seed 001 三落实 (十四) 四、五, 一(二)3(3)),
 * computed when read from the report's receipt, the recorded steps and now — so a list or a
 * detail is right even if no scheduled job has run.
 */
export const CLOCK_NAMES = ["identify_within_15_days", "notice_5_days", "entry_within_10_days", "plan_within_10_days"] as const;
export type ClockName = (typeof CLOCK_NAMES)[number];

export const CLOCK_LABELS: Record<ClockName, string> = {
  identify_within_15_days: "15天内完成识别认定",
  notice_5_days: "公示5天",
  entry_within_10_days: "认定后10天内录入系统",
  plan_within_10_days: "认定后10天内制定帮扶计划",
};

/** "从发现风险线索到完成监测对象识别认定不超过15天，识别后10天内完成信息系统录入"; "在10天内完成帮扶计划制定". */
export const IDENTIFY_DAYS = 15;
export const ENTRY_DAYS = 10;
export const PLAN_DAYS = 10;

export interface CaseClock {
  name: ClockName;
  /** 24:00 of the last day; null until the step it counts from has happened. */
  dueAt: Date | null;
  lastDay: string | null;
  /** The China day the step was done (steps are dated by day, so met means doneAt ≤ lastDay). */
  doneAt: string | null;
  /** Still not done and the period is over: the case to show first. */
  overdue: boolean;
  /** Done in time (true), done late (false), or not done yet (null). */
  met: boolean | null;
}

function clock(name: ClockName, due: { dueAt: Date; lastDay: string } | null, doneOn: string | undefined, now: Date): CaseClock {
  if (!due) return { name, dueAt: null, lastDay: null, doneAt: doneOn ?? null, overdue: false, met: null };
  if (doneOn !== undefined) return { name, dueAt: due.dueAt, lastDay: due.lastDay, doneAt: doneOn, overdue: false, met: doneOn <= due.lastDay };
  return { name, dueAt: due.dueAt, lastDay: due.lastDay, doneAt: null, overdue: now.getTime() >= due.dueAt.getTime(), met: null };
}

const first = <S extends IdentificationRecord["step"]>(records: readonly IdentificationRecord[], step: S): RecordOf<S> | undefined =>
  records.find((r): r is RecordOf<S> => r.step === step);

/**
 * The case's clocks at `now`. The 15 days end with the county's decision (or the day the path
 * ended earlier: the case was decided); entry and plan count from an approval, and a plan made
 * before it meets its clock; the notice's 5 days are done once they have run out. Clocks that
 * can no longer apply (entry and plan after a path ended unapproved) are left out.
 */
export function identificationClocks(receivedAt: Date, records: readonly IdentificationRecord[], ctx: IdentificationContext, now: Date): CaseClock[] {
  const state = identificationState(records, ctx, chinaDay(now));
  const decision = first(records, "county_decision");
  const notice = first(records, "notice");
  const identified = decision?.date ?? state.ended?.date;
  const clocks = [clock("identify_within_15_days", periodDeadline(chinaDay(receivedAt), IDENTIFY_DAYS, ctx.rule, ctx.calendar), identified, now)];
  if (notice || state.stage !== "ended") {
    const window = notice ? noticeWindow(notice.date, ctx.rule, ctx.calendar) : null;
    const ran = window && now.getTime() >= window.dueAt.getTime() ? window.lastDay : undefined;
    clocks.push(clock("notice_5_days", window, ran, now));
  }
  if (state.stage === "ended") return clocks;
  const approvedOn = decision?.result === "approved" ? decision.date : undefined;
  const from = (days: number) => (approvedOn ? periodDeadline(approvedOn, days, ctx.rule, ctx.calendar) : null);
  clocks.push(clock("entry_within_10_days", from(ENTRY_DAYS), first(records, "system_entry")?.date, now));
  clocks.push(clock("plan_within_10_days", from(PLAN_DAYS), first(records, "plan")?.date, now));
  return clocks;
}

/** The levels a case climbs when late: village → township → county. */
export const LEVELS = ["village", "township", "county"] as const;
export type Level = (typeof LEVELS)[number];

/** The level above, or the county itself at the top. */
export const levelAbove = (level: Level): Level => LEVELS[Math.min(LEVELS.indexOf(level) + 1, LEVELS.length - 1)]!;

const STAGE_HOLDERS: Record<IdentificationStage, Level | null> = {
  consent: "village",
  village_review: "village",
  notice: "village",
  notice_open: "village",
  notice_result: "village",
  township_review: "township",
  county_decision: "county",
  entry_and_plan: null,
  identified: null,
  ended: null,
};

/** Who must act for a clock to be done: the path's next step for the 15 days, else the step's recorder. */
export function clockHolder(name: ClockName, stage: IdentificationStage): Level | null {
  if (name === "identify_within_15_days") return STAGE_HOLDERS[stage];
  if (name === "entry_within_10_days") return "county";
  return "village";
}

/**
 * When each open clock reminds and escalates, as offsets from its end (24:00 of the last
 * day): two and one day before, to the holder; at the end, to the level above; two days
 * later, one level further (the county at the top). The notice is a window, not a duty:
 * only its end is told, to the village, to record the result.
 */
export const CLOCK_REMINDERS = [
  { kind: "due_in_2_days", offsetDays: -2, climb: 0 },
  { kind: "due_in_1_day", offsetDays: -1, climb: 0 },
  { kind: "overdue", offsetDays: 0, climb: 1 },
  { kind: "still_overdue", offsetDays: 2, climb: 2 },
] as const;
export type ClockReminderKind = (typeof CLOCK_REMINDERS)[number]["kind"] | "notice_ended";

export interface ClockNotice {
  kind: ClockReminderKind;
  to: Level;
  /** In working hours: a moment at night waits for the county's notice hour. */
  sendAt: Date;
  /** Unique per case, clock, kind and last day: sent once however many instances run. */
  key: string;
}

/** The reminders and escalations an open clock calls for (the outbox sends those due). */
export function clockNotices(caseId: string, c: CaseClock, holder: Level | null, noticeTime?: string): ClockNotice[] {
  const dueAt = c.dueAt;
  if (!dueAt || !c.lastDay || c.doneAt !== null || !holder) return [];
  const key = (kind: ClockReminderKind) => `identification:${caseId}:${c.name}:${kind}:${c.lastDay}`;
  if (c.name === "notice_5_days") return [{ kind: "notice_ended", to: "village", sendAt: noticeSendAt(dueAt, noticeTime), key: key("notice_ended") }];
  return CLOCK_REMINDERS.map((r) => {
    let to = holder;
    for (let i = 0; i < r.climb; i++) to = levelAbove(to);
    return { kind: r.kind, to, sendAt: noticeSendAt(new Date(dueAt.getTime() + r.offsetDays * 86_400_000), noticeTime), key: key(r.kind) };
  });
}

/** One notice a case's clocks call for, with the clock it is about (its end is open, so dueAt is set). */
export interface CaseNotice {
  n: ClockNotice;
  clock: { name: ClockName; dueAt: Date };
}

/** What a case's clocks call for at `now`: the notices fallen due that a sweep sends, and when the next one falls due. */
export interface CaseReminders {
  stage: IdentificationStage;
  due: CaseNotice[];
  /** The earliest instant after `now` at which another notice falls due; null when none will (unless a step moves the case). */
  nextAt: Date | null;
}

/**
 * The case's reminders and escalations at `now`, from its steps, its county's deadline rule and
 * the holiday calendar (the clocks' ends are working-day dates; the sweep only compares instants).
 * A reminder before an end that has passed (missed while nothing ran) is not sent late. As time
 * passes without a step, notices only drop out (a clock that ran out is done), never appear,
 * so a case needs no look before `nextAt`.
 */
export function caseReminders(
  caseId: string,
  receivedAt: Date,
  records: readonly IdentificationRecord[],
  ctx: IdentificationContext,
  now: Date,
): CaseReminders {
  const { stage } = identificationState(records, ctx, chinaDay(now));
  const t = now.getTime();
  const all = identificationClocks(receivedAt, records, ctx, now).flatMap((c) =>
    clockNotices(caseId, c, clockHolder(c.name, stage)).map((n) => ({ n, clock: { name: c.name, dueAt: c.dueAt! } })),
  );
  const due = all.filter(({ n, clock }) => n.sendAt.getTime() <= t && !(n.kind.startsWith("due_in") && t >= clock.dueAt.getTime()));
  const later = all.map(({ n }) => n.sendAt.getTime()).filter((at) => at > t);
  return { stage, due, nextAt: later.length ? new Date(Math.min(...later)) : null };
}

/**
 * The instant the sweep must next read a case (stored as `next_reminder_at`). Once the sweep has
 * sent what is due: the next notice to fall due. When a case is proposed or moves a step: what
 * is already due comes first (a step can start a clock whose notices are past, a decision dated
 * back), so the next sweep sends it — unless it went before: the outbox's keys make each once.
 */
export function nextReminderAt(r: CaseReminders, swept: boolean): Date | null {
  if (swept || r.due.length === 0) return r.nextAt;
  return new Date(Math.min(...r.due.map(({ n }) => n.sendAt.getTime())));
}
