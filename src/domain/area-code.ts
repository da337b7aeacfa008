/**
 * National statistical division codes (统计用区划代码): 12 digits, province 2, city 2,
 * county 2, township 3, village 3. A code's level is read from its trailing zeros.
 */
export type AreaLevel = "province" | "city" | "county" | "township" | "village";

/** How many leading digits are a level's own: a county is its first 6, a township its first 9. */
export const AREA_PREFIX_LENGTH: Record<AreaLevel, number> = { province: 2, city: 4, county: 6, township: 9, village: 12 };

export const isAreaCode = (code: string): boolean => /^\d{12}$/.test(code);

/** Pads a 2/4/6/9-digit code to 12 digits; returns 12-digit codes unchanged. */
export function normalizeAreaCode(code: string): string | null {
  if (!/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/.test(code)) return null;
  return code.padEnd(12, "0");
}

export function areaLevel(code: string): AreaLevel {
  if (code.endsWith("0000000000")) return "province";
  if (code.endsWith("00000000")) return "city";
  if (code.endsWith("000000")) return "county";
  if (code.endsWith("000")) return "township";
  return "village";
}

/** The significant digits of a code: its own part of the hierarchy. */
export const areaPrefix = (code: string): string => code.slice(0, AREA_PREFIX_LENGTH[areaLevel(code)]);

/** Whether `inner` lies within `outer` (an area contains itself). */
export const areaContains = (outer: string, inner: string): boolean => inner.startsWith(areaPrefix(outer));

export const provinceOf = (code: string): string => code.slice(0, 2);
export const countyOf = (code: string): string => code.slice(0, 6).padEnd(12, "0");
export const townshipOf = (code: string): string => code.slice(0, 9).padEnd(12, "0");
