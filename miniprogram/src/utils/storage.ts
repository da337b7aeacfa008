import type { Draft, HouseholdDetails } from "./types";

/** Everything the mini-program keeps on the phone, under one set of keys. */
const KEYS = {
  token: "yijian.token",
  role: "yijian.role",
  draft: "yijian.draft",
  household: "yijian.household",
  consent: "yijian.consentVersion",
  largeText: "yijian.largeText",
} as const;

function read<T>(key: string): T | null {
  const value = wx.getStorageSync(key) as T | "" | undefined;
  return value === "" || value === undefined || value === null ? null : (value as T);
}

export const storage = {
  token: () => read<string>(KEYS.token),
  role: () => read<string>(KEYS.role),
  saveSession(token: string, role: string) {
    wx.setStorageSync(KEYS.token, token);
    wx.setStorageSync(KEYS.role, role);
  },
  clearSession() {
    wx.removeStorageSync(KEYS.token);
    wx.removeStorageSync(KEYS.role);
  },
  draft: () => read<Draft>(KEYS.draft),
  saveDraft: (d: Draft) => wx.setStorageSync(KEYS.draft, d),
  clearDraft: () => wx.removeStorageSync(KEYS.draft),
  /** The household details of the last report, offered again next time. */
  household: () => read<HouseholdDetails>(KEYS.household),
  saveHousehold: (h: HouseholdDetails) => wx.setStorageSync(KEYS.household, h),
  consentVersion: () => read<string>(KEYS.consent),
  saveConsentVersion: (v: string) => wx.setStorageSync(KEYS.consent, v),
  largeText: () => read<boolean>(KEYS.largeText) === true,
  setLargeText: (on: boolean) => wx.setStorageSync(KEYS.largeText, on),
};
