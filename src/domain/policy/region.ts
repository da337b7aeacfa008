/**
 * Where a policy applies. Sheets carry a 6-digit province code ("230000" Heilongjiang,
 * "430000" Hunan) or NATIONAL ("000000") for a rule that applies everywhere. Askers may
 * give any division code; only its province matters, because policy figures are provincial.
 */
export const NATIONAL = "000000";
export type RegionCode = string;

const PROVINCE_NAMES: Record<string, string> = {
  "230000": "黑龙江省",
  "430000": "湖南省",
};

/** Whether a sheet's region is well formed: NATIONAL or a province code ending in 0000. */
export const isRegionCode = (code: string): boolean => code === NATIONAL || /^[1-9]\d0000$/.test(code);

// Province names a caller may send instead of a code.
const NAMES: Record<string, RegionCode> = { 全国: NATIONAL, 黑龙江: "230000", 黑龙江省: "230000", 湖南: "430000", 湖南省: "430000" };

/**
 * Reduces what an asker gives (2-digit province, 6-digit county, 12-digit area code,
 * "national", or a province name) to a sheet region; null when it is none of these.
 */
export function askerRegion(input: string): RegionCode | null {
  const v = input.trim().toLowerCase();
  if (v === "national" || v === NATIONAL) return NATIONAL;
  if (NAMES[v]) return NAMES[v];
  if (!/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/.test(v) || v.startsWith("00")) return null;
  return `${v.slice(0, 2)}0000`;
}

/** The name of a region, for answers that must say whose figure it is. */
export function regionName(code: RegionCode): string {
  if (code === NATIONAL) return "全国";
  return PROVINCE_NAMES[code] ?? `${code.slice(0, 2)}省（区、市）`;
}

/**
 * Whether a sheet may answer someone from `asker`: national sheets answer everyone, a
 * provincial sheet only its own province ("national" askers get national sheets only).
 * Without an asker region every sheet may answer (the answer then names the province).
 */
export function appliesTo(sheetRegion: RegionCode, asker: RegionCode | null): boolean {
  if (asker === null) return true;
  return sheetRegion === NATIONAL || sheetRegion === asker;
}
