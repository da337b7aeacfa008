import { get } from "./api";
import type { RiskType } from "./types";

/** A picture for each risk type, big enough to find without reading. */
const ICONS: Record<string, string> = {
  illness: "🏥",
  disability: "♿",
  schooling: "🎒",
  disaster: "🌊",
  accident: "🚑",
  unstable_work: "👷",
  business_failure: "🌾",
  labour_shortage: "🧓",
  income_drop: "📉",
  spending_rise: "💸",
  housing: "🏚",
  drinking_water: "🚰",
  dropout: "📚",
  no_insurance: "🩺",
  other: "❓",
};

export const iconOf = (code: string) => ICONS[code] ?? "❓";

let cached: RiskType[] | null = null;

/** The risk types and their plain labels, from the server (cached for the session). */
export async function loadRiskTypes(): Promise<RiskType[]> {
  if (!cached) cached = (await get<{ items: RiskType[] }>("/api/risk-types")).items;
  return cached;
}
