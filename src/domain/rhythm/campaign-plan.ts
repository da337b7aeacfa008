import { addDays } from "../china-time.js";
import type { Audience } from "./audiences.js";

/**
 * A screening campaign's reminder plan, as offsets from its first and last day (the way
 * RapidPro campaigns define events relative to a date field).
 */
export interface CampaignStep {
  step: string;
  from: "first" | "last";
  offsetDays: number;
  audiences: Audience[];
}

export const CAMPAIGN_STEPS: readonly CampaignStep[] = [
  { step: "before_7d", from: "first", offsetDays: -7, audiences: ["village_groups", "cadres", "grid_workers"] },
  { step: "before_1d", from: "first", offsetDays: -1, audiences: ["village_groups", "cadres", "grid_workers", "farmers"] },
  { step: "first_day", from: "first", offsetDays: 0, audiences: ["village_groups"] },
  { step: "before_end_3d", from: "last", offsetDays: -3, audiences: ["cadres"] },
  { step: "after_end", from: "last", offsetDays: 1, audiences: ["township", "county"] },
];

export interface CampaignOccurrence {
  step: string;
  day: string;
  audiences: Audience[];
}

/**
 * The days a campaign's steps fall on. A "3 days before the end" that would come before
 * the first day (a short campaign) is left out: the first-day notice already covers it.
 */
export function expandCampaign(c: { firstDay: string; lastDay: string }): CampaignOccurrence[] {
  return CAMPAIGN_STEPS.map((s) => ({
    step: s.step,
    day: addDays(s.from === "first" ? c.firstDay : c.lastDay, s.offsetDays),
    audiences: [...s.audiences],
  })).filter((o) => o.step !== "before_end_3d" || o.day > c.firstDay);
}
