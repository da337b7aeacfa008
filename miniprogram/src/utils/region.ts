import { config } from "../config";
import { storage } from "./storage";

/** Where the county a household picked before its first question is kept (it has no village yet). */
const COUNTY_KEY = "yijian.askerCounty";

/** The counties a household may pick, as the server reads them (6-digit codes). */
export const countyChoices = config.counties.map((c) => ({ code: c.code.slice(0, 6), name: c.name }));

/**
 * The asker's region for the policy answers: the village of the household's last report, else
 * the county it picked once (remembered), else "" (the page asks for the county first).
 */
export function askerRegion(): string {
  const village = storage.household()?.villageCode;
  if (village) return village;
  const county = wx.getStorageSync(COUNTY_KEY) as string | "";
  return typeof county === "string" ? county : "";
}

export const rememberCounty = (code: string): void => wx.setStorageSync(COUNTY_KEY, code);
