import type { DataSource, EntityManager } from "typeorm";
import type { Clock } from "../clock.js";
import type { Actor } from "../domain/access.js";
import { countyOf, normalizeAreaCode } from "../domain/area-code.js";
import { chinaDay } from "../domain/china-time.js";
import { deadlineOf, describeDueAt, revisedDeadline, type Deadline, type DeadlineRule } from "../domain/report/clock.js";
import { arrangementProblems, holidayCalendar, missingYears, missingYearWarning, type WorkingDayCalendar } from "../domain/holidays.js";
import { AppError, badRequest, conflict } from "../errors.js";
import { ReportEntity, type Report } from "../db/entities/report.js";
import { clockStart } from "../domain/report/clock-holder.js";
import { isUniqueViolation } from "../db/unique-violation.js";
import type { HolidayYearInput } from "../contracts/calendar.js";
import { findArea } from "../repositories/areas.js";
import { recordAudit } from "../repositories/audit.js";
import { rescheduleIdentificationReminders } from "../repositories/identification.js";
import { allHolidayYears, arrangementOf, currentHolidayYear, insertHolidayYear } from "../repositories/holiday-years.js";
import { deadlineRuleOf, deadlinesToRevise, insertReportEvent } from "../repositories/reports.js";
import type { Deps } from "./deps.js";
import { scheduleVillageNotices } from "./report-service.js";

/** How long a process trusts the calendar it read: another instance's entry is used within this. */
export const CALENDAR_RELOAD_MS = 60_000;

/**
 * The system's holiday calendar, read from the table and cached for a minute per process, so
 * the server, the bot and a second instance all use a new entry within a minute, no restart.
 */
export class HolidayCalendarStore {
  private loaded: { calendar: WorkingDayCalendar; at: number } | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** The calendar, read again when the cached one is a minute old. */
  async current(): Promise<WorkingDayCalendar> {
    const now = this.clock.now().getTime();
    if (this.loaded && now >= this.loaded.at && now - this.loaded.at < CALENDAR_RELOAD_MS) return this.loaded.calendar;
    return this.reload();
  }

  async reload(db: DataSource | EntityManager = this.db): Promise<WorkingDayCalendar> {
    const calendar = await loadCalendar(db);
    this.loaded = { calendar, at: this.clock.now().getTime() };
    return calendar;
  }
}

const loadCalendar = async (db: DataSource | EntityManager): Promise<WorkingDayCalendar> => holidayCalendar((await allHolidayYears(db)).map(arrangementOf));

/** A year's arrangement as the API shows it. */
export interface HolidayYearView {
  year: number;
  known: boolean;
  source: string | null;
  version: number | null;
  restDays: string[];
  workingDays: string[];
  enteredBy: string | null;
  enteredAt: string | null;
}

export async function holidayYearView(db: DataSource | EntityManager, year: number): Promise<HolidayYearView> {
  const row = await currentHolidayYear(db, year);
  if (!row) return { year, known: false, source: null, version: null, restDays: [], workingDays: [], enteredBy: null, enteredAt: null };
  const a = arrangementOf(row);
  return {
    year,
    known: true,
    source: a.source,
    version: a.version,
    restDays: [...a.restDays],
    workingDays: [...a.workingDays],
    enteredBy: row.enteredBy,
    enteredAt: row.enteredAt.toISOString(),
  };
}

const uniqueSorted = (days: readonly string[]) => [...new Set(days)].sort();

/**
 * An admin enters (or corrects) a year's arrangement: validated, kept as a new version (the
 * earlier one stays), audited, and in the same transaction the open reports whose deadline
 * it touches are recomputed — later, never earlier. Returns the entry and how many moved. The
 * caller reloads `deps.holidays` once the transaction has committed.
 */
export async function enterHolidayYear(
  deps: Deps,
  tx: EntityManager,
  actor: Actor,
  year: number,
  input: HolidayYearInput,
): Promise<HolidayYearView & { deadlinesMoved: number }> {
  const arrangement = { year, restDays: uniqueSorted(input.restDays), workingDays: uniqueSorted(input.workingDays) };
  const problems = arrangementProblems(arrangement);
  if (problems.length) {
    throw new AppError(400, "holiday_date_invalid", problems[0].message, { field: problems[0].field, day: problems[0].day, problems });
  }
  const now = deps.clock.now();
  const previous = await currentHolidayYear(tx, year);
  const version = (previous?.version ?? 0) + 1;
  await insertHolidayYear(
    tx,
    {
      year,
      version,
      source: input.source,
      restDays: JSON.stringify(arrangement.restDays),
      workingDays: JSON.stringify(arrangement.workingDays),
      enteredBy: actor.accountId,
      enteredAt: now,
    },
    { orIgnore: false },
  ).catch((err) => {
    throw isUniqueViolation(err) ? conflict("holiday_year_conflict", "刚有人录入了这一年的安排，请刷新后再看") : err;
  });
  await recordAudit(tx, {
    at: now,
    actorId: actor.accountId,
    action: "holiday_year.entered",
    subjectType: "holiday_year",
    subjectId: String(year),
    detail: {
      version,
      source: input.source,
      restDays: arrangement.restDays.length,
      workingDays: arrangement.workingDays.length,
      previousVersion: previous?.version ?? null,
    },
  });
  const calendar = await loadCalendar(tx);
  // a report received up to 40 days before the year can have its last day pushed into it
  const reports = await deadlinesToRevise(tx, {
    receivedFrom: new Date(Date.parse(`${year}-01-01T00:00:00+08:00`) - 40 * 86_400_000),
    receivedTo: new Date(`${year + 1}-01-01T00:00:00+08:00`),
    bases: ["statutory", "weekends_only"],
  });
  const moved = await reviseDeadlines(deps, tx, calendar, reports, `${year}年节假日安排已录入`, actor.accountId, now);
  // identification clocks move with the calendar: recomputed once every instance has reloaded it
  await rescheduleIdentificationReminders(tx, new Date(now.getTime() + CALENDAR_RELOAD_MS), null);
  if (moved) deps.log.info({ year, moved }, "deadlines moved by a holiday arrangement");
  return { ...(await holidayYearView(tx, year)), deadlinesMoved: moved };
}

/**
 * Recomputes the given reports' deadlines on `calendar`. A deadline moves only later (a timeline
 * event the household sees, with the reason, and new reminders for the cadres); an earlier
 * result keeps the date the household was told. The basis is updated either way.
 */
export async function reviseDeadlines(
  deps: Deps,
  tx: EntityManager,
  calendar: WorkingDayCalendar,
  reports: readonly Report[],
  reason: string,
  actorId: string | null,
  now: Date,
): Promise<number> {
  const rules = new Map<string, DeadlineRule>();
  let moved = 0;
  for (const r of reports) {
    const county = countyOf(r.villageCode);
    if (!rules.has(county)) rules.set(county, await deadlineRuleOf(tx, county));
    // a county that switched to plain days since keeps the deadline it had
    if (rules.get(county) === "calendar") continue;
    const { deadline, moved: later } = revisedDeadline(r.dueAt, deadlineOf(clockStart(r), "statutory", calendar));
    if (!later && deadline.basis === r.deadlineBasis) continue;
    const changed = await tx
      .createQueryBuilder()
      .update(ReportEntity)
      .set({ dueAt: deadline.dueAt, deadlineBasis: deadline.basis, updatedAt: now })
      .where("id = :id AND overdue_at IS NULL AND opinion_at IS NULL", { id: r.id })
      .execute();
    if (!changed.affected) continue;
    const detail = { from: r.dueAt.toISOString(), to: deadline.dueAt.toISOString(), basis: deadline.basis, reason };
    await recordAudit(tx, {
      at: now,
      actorId,
      action: later ? "report.deadline_revised" : "report.deadline_basis_changed",
      subjectType: "report",
      subjectId: r.id,
      detail,
    });
    if (!later) continue;
    moved++;
    await insertReportEvent(tx, {
      reportId: r.id,
      at: now,
      actorId,
      actorRole: actorId ? "admin" : null,
      action: "deadline_revised",
      fromStatus: null,
      toStatus: null,
      note: `${reason}，办理期限顺延至${describeDueAt(deadline.dueAt)}`,
      internal: false,
    });
    const village = await findArea(tx, r.villageCode);
    await scheduleVillageNotices(deps, tx, { ...r, dueAt: deadline.dueAt, deadlineBasis: deadline.basis }, village?.name ?? "", { revised: true });
  }
  return moved;
}

/** The weekends-only deadlines whose year has become known since (entered on another instance, or seeded from a newer package). */
export async function weekendsOnlyDeadlinesToRevise(deps: Deps): Promise<Report[]> {
  const calendar = await deps.holidays.current();
  return (await deadlinesToRevise(deps.db, { bases: ["weekends_only"] })).filter((r) => deadlineOf(clockStart(r), "statutory", calendar).basis === "statutory");
}

/** Recomputes those deadlines on the current calendar (a step of the minute's tick). */
export async function reviseWeekendsOnlyDeadlines(deps: Deps, tx: EntityManager, pending: readonly Report[]): Promise<number> {
  return reviseDeadlines(deps, tx, await deps.holidays.current(), pending, "节假日安排已录入", null, deps.clock.now());
}

/** The warnings of years whose arrangement is missing and already matters (this year; next year from 1 November). */
export async function calendarWarnings(deps: Deps): Promise<Array<{ year: number; message: string }>> {
  const calendar = await deps.holidays.current();
  return missingYears(chinaDay(deps.clock.now()), calendar).map((year) => ({ year, message: missingYearWarning(year) }));
}

const lastWarned = new WeakMap<Deps, string>();

/** Writes the calendar warnings to the log once per China day (at start, then daily from the tick). */
export async function logCalendarWarnings(deps: Deps): Promise<number> {
  const today = chinaDay(deps.clock.now());
  if (lastWarned.get(deps) === today) return 0;
  lastWarned.set(deps, today);
  const warnings = await calendarWarnings(deps);
  for (const w of warnings) deps.log.warn({ year: w.year }, `${w.message}：请系统管理员在控制台“节假日”页录入国务院办公厅公布的安排`);
  return warnings.length;
}

/** The deadline the rule gives a report received at `receivedAt` in a county (6 digits). */
export async function deadlineForCounty(deps: Deps, receivedAt: Date, county: string): Promise<Deadline & { dueText: string }> {
  const code = normalizeAreaCode(county);
  const area = code ? await findArea(deps.db, code) : null;
  if (!area || area.level !== "county") throw badRequest("county_invalid", `没有找到区县代码${county}，请填写6位区县代码，如231226`, { field: "county" });
  const deadline = deadlineOf(receivedAt, await deadlineRuleOf(deps.db, countyOf(code!)), await deps.holidays.current());
  return { ...deadline, dueText: describeDueAt(deadline.dueAt) };
}
