import { addDays } from "../china-time.js";
import type { WorkingDayCalendar } from "../holidays.js";
import type { Audience } from "./audiences.js";
import { expandCampaign } from "./campaign-plan.js";
import { sendInstant } from "./due.js";
import { expandSchedule, type ScheduleSpec } from "./schedule.js";

/** What the planner needs of a rule or a campaign (plain data, whatever stores it). */
export interface PlannableRule {
  id: number;
  schedule: ScheduleSpec;
  audiences: Audience[];
  holidayShift: boolean;
}
export interface PlannableCampaign {
  id: number;
  firstDay: string;
  lastDay: string;
}

/** One occurrence for one audience: the unit the ledger decides exactly once. */
export interface PlannedOccurrence {
  key: string;
  source: "rule" | "campaign";
  sourceId: number;
  step: string;
  audience: Audience;
  /** The day before any holiday shift. */
  nominalDay: string;
  /** The China day it is sent. */
  day: string;
  dueDay: string | null;
  at: Date;
}

/** The ledger key of a rule occurrence; the nominal day keeps it stable if holidays are revised. */
export const ruleKey = (ruleId: number, nominalDay: string, audience: Audience) => `rule:${ruleId}:${nominalDay}:${audience}`;
/** The ledger key of a campaign step; the day is in it, so moving a campaign plans its steps anew. */
export const campaignKey = (campaignId: number, step: string, day: string, audience: Audience) => `campaign:${campaignId}:${step}:${day}:${audience}`;

/** Occurrences of a rule sent on days in [fromDay, toDay]. A holiday shift can move a day up to a month on. */
export function planRule(rule: PlannableRule, fromDay: string, toDay: string, calendar: WorkingDayCalendar): PlannedOccurrence[] {
  const expanded = expandSchedule(rule.schedule, addDays(fromDay, -31), toDay, { holidayShift: rule.holidayShift, calendar });
  return expanded
    .filter((o) => o.day >= fromDay && o.day <= toDay)
    .flatMap((o) =>
      rule.audiences.map((audience) => ({
        key: ruleKey(rule.id, o.nominalDay, audience),
        source: "rule" as const,
        sourceId: rule.id,
        step: o.step,
        audience,
        nominalDay: o.nominalDay,
        day: o.day,
        dueDay: o.dueDay,
        at: sendInstant(o.day),
      })),
    );
}

/** A campaign's steps sent on days in [fromDay, toDay]. */
export function planCampaign(c: PlannableCampaign, fromDay: string, toDay: string): PlannedOccurrence[] {
  return expandCampaign(c)
    .filter((o) => o.day >= fromDay && o.day <= toDay)
    .flatMap((o) =>
      o.audiences.map((audience) => ({
        key: campaignKey(c.id, o.step, o.day, audience),
        source: "campaign" as const,
        sourceId: c.id,
        step: o.step,
        audience,
        nominalDay: o.day,
        day: o.day,
        dueDay: null,
        at: sendInstant(o.day),
      })),
    );
}
