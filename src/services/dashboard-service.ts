import type { Actor } from "../domain/access.js";
import { canSeeArea } from "../domain/access.js";
import { townshipOf } from "../domain/area-code.js";
import { addDays, chinaDay, isoWeekday, startOfChinaDay } from "../domain/china-time.js";
import { RISK_TYPES } from "../domain/risk-types.js";
import { notFound } from "../errors.js";
import { areaNames, findArea } from "../repositories/areas.js";
import { answeredInTime, casesWithClocksSince, overduePerWindow, riskTypesPerWindow, villageLoads } from "../repositories/report-stats.js";
import { identificationStepsOf } from "../repositories/identification.js";
import { clockRates, type ClockRate } from "../domain/identification/clock-rates.js";
import { ENTRY_DAYS, IDENTIFY_DAYS, identificationClocks, PLAN_DAYS } from "../domain/identification/clocks.js";
import { contextsOf } from "./identification-service.js";
import type { Deps } from "./deps.js";
import { calendarWarnings } from "./holiday-calendar.js";

export const DASHBOARD_WEEKS = 8;
/** The overdue-over-time chart looks back a quarter. */
export const OVERDUE_WEEKS = 12;
export const ANSWER_SHARE_DAYS = 30;

/** ISO week label of a Monday, e.g. "2026-W10" (the week belongs to the year of its Thursday). */
export function isoWeekLabel(monday: string): string {
  const thursday = addDays(monday, 3);
  const year = Number(thursday.slice(0, 4));
  const firstThursday = addDays(`${year}-01-04`, 4 - isoWeekday(`${year}-01-04`));
  const week = Math.round((Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${firstThursday}T00:00:00Z`)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The last `n` ISO weeks in China time, oldest first, the current (partial) week last. */
export function lastWeeks(now: Date, n: number): Array<{ monday: string; start: Date; end: Date }> {
  const today = chinaDay(now);
  const thisMonday = addDays(today, 1 - isoWeekday(today));
  return Array.from({ length: n }, (_, i) => {
    const monday = addDays(thisMonday, -7 * (n - 1 - i));
    return { monday, start: startOfChinaDay(monday), end: startOfChinaDay(addDays(monday, 7)) };
  });
}

/**
 * What a township or county officer sees first: villages with open reports (overdue first),
 * reports by risk type per week, and the share answered within the 5 days.
 */
export async function dashboard(deps: Deps, actor: Actor, q: { areaCode?: string }) {
  if (q.areaCode && !canSeeArea(actor, q.areaCode)) throw notFound("area_not_found", "您负责的区域里没有这个地方");
  const areaCode = q.areaCode ?? (actor.role === "admin" ? null : actor.areaCode);
  const now = deps.clock.now();

  const loads = await villageLoads(deps.db, areaCode, now);
  const names = await areaNames(deps.db, [...loads.map((l) => l.villageCode), ...loads.map((l) => townshipOf(l.villageCode))]);
  const villages = loads
    .map((l) => ({
      code: l.villageCode,
      name: names.get(l.villageCode) ?? l.villageCode,
      township: { code: townshipOf(l.villageCode), name: names.get(townshipOf(l.villageCode)) ?? "" },
      open: l.open,
      awaiting: l.awaiting,
      overdue: l.overdue,
    }))
    .sort((a, b) => b.overdue - a.overdue || b.awaiting - a.awaiting || b.open - a.open || a.code.localeCompare(b.code));

  const weeks = lastWeeks(now, DASHBOARD_WEEKS);
  const perWeek = await riskTypesPerWindow(deps.db, areaCode, weeks);
  const overdueWeeks = lastWeeks(now, OVERDUE_WEEKS);
  const overduePerWeek = await overduePerWindow(deps.db, areaCode, overdueWeeks, now);

  const shareFrom = new Date(now.getTime() - ANSWER_SHARE_DAYS * 86_400_000);
  const answered = await answeredInTime(deps.db, areaCode, shareFrom, now);
  const area = areaCode ? await findArea(deps.db, areaCode) : null;
  const clockShares = await identificationRates(deps, areaCode, shareFrom, now);

  // the county and the admin can act on a missing holiday arrangement (ask for it, enter it)
  const warnings = ["county", "admin"].includes(actor.role) ? (await calendarWarnings(deps)).map((w) => w.message) : [];

  return {
    area: area ? { code: area.code, name: area.name, level: area.level } : null,
    generatedAt: now.toISOString(),
    warnings,
    totals: {
      open: villages.reduce((s, v) => s + v.open, 0),
      awaiting: villages.reduce((s, v) => s + v.awaiting, 0),
      overdue: villages.reduce((s, v) => s + v.overdue, 0),
      villagesOverdue: villages.filter((v) => v.overdue > 0).length,
    },
    villages,
    riskTypes: RISK_TYPES.map((t) => ({ code: t.code, label: t.label })),
    weeks: weeks.map((w, i) => ({
      week: isoWeekLabel(w.monday),
      monday: w.monday,
      counts: perWeek[i],
      total: Object.values(perWeek[i]).reduce((s, n) => s + n, 0),
    })),
    /** Reports whose period ended in each of the last 12 weeks without an opinion in time. */
    overdueWeeks: overdueWeeks.map((w, i) => ({ week: isoWeekLabel(w.monday), monday: w.monday, overdue: overduePerWeek[i] })),
    answeredInTime: {
      from: shareFrom.toISOString(),
      to: now.toISOString(),
      due: answered.due,
      inTime: answered.inTime,
      share: answered.due === 0 ? null : answered.inTime / answered.due,
    },
    /** The 5-day answer's siblings over the same 30 days: identified within 15, entered and planned within 10. */
    identificationInTime: clockShares,
  };
}

/** Room for a period's last day moving past rest days (国庆 and 春节 add up to a week). */
const SLACK_DAYS = 14;

/**
 * The identification clocks that ended in [from, to) and how many were kept, computed from
 * the steps when read, like every clock (the county's rule and holidays decide each end).
 */
async function identificationRates(deps: Deps, areaCode: string | null, from: Date, to: Date): Promise<ClockRate[]> {
  const receivedSince = new Date(from.getTime() - (IDENTIFY_DAYS + SLACK_DAYS) * 86_400_000);
  const decidedSince = addDays(chinaDay(from), -(Math.max(ENTRY_DAYS, PLAN_DAYS) + SLACK_DAYS));
  const reports = await casesWithClocksSince(deps.db, areaCode, receivedSince, decidedSince);
  const steps = await identificationStepsOf(
    deps.db.manager,
    reports.map((r) => r.id),
  );
  const contextOf = contextsOf(deps, deps.db.manager);
  const cases = [];
  for (const r of reports) cases.push(identificationClocks(r.receivedAt, steps.get(r.id) ?? [], await contextOf(r), to));
  return clockRates(cases, from, to);
}
