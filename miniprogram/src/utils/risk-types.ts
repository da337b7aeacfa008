import { riskTypes } from "./api-client.generated";
import type { RiskType } from "./api-types.generated";

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

/**
 * Where a long label may break: each part is kept whole, so a narrow tile shows
 * "务工就业/不稳", never "务工就业不/稳".
 */
const WORDS: Record<string, string[]> = {
  accident: ["因意外", "事故"],
  unstable_work: ["务工就业", "不稳"],
  business_failure: ["产业项目", "失败"],
  dropout: ["义务教育", "辍学"],
  no_insurance: ["未参加", "基本医疗", "保险"],
};

export const wordsOf = (code: string, label: string): string[] => WORDS[code] ?? [label];

let cached: RiskType[] | null = null;

/** The risk types and their plain labels, from the server (cached for the session). */
export async function loadRiskTypes(): Promise<RiskType[]> {
  if (!cached) cached = (await riskTypes()).items;
  return cached;
}
