/** The few WeChat callbacks the pages wait on, as promises that tolerate old base libraries. */

/** Asks for the privacy consent before a phone or ID number is typed; resolves false if refused. */
export function requirePrivacy(): Promise<boolean> {
  if (typeof wx.requirePrivacyAuthorize !== "function") return Promise.resolve(true);
  return new Promise((resolve) => {
    wx.requirePrivacyAuthorize({ success: () => resolve(true), fail: () => resolve(false) });
  });
}

/**
 * Asks for subscribe messages; must be called from inside the tap itself. Resolves with the
 * templates the user allowed; the report does not depend on it, so this never rejects.
 */
export function requestSubscribe(templateIds: string[]): Promise<string[]> {
  if (templateIds.length === 0 || typeof wx.requestSubscribeMessage !== "function") return Promise.resolve([]);
  return new Promise((resolve) => {
    wx.requestSubscribeMessage({
      tmplIds: templateIds,
      success: (res) => resolve(templateIds.filter((id) => (res as unknown as Record<string, string>)[id] === "accept")),
      fail: () => resolve([]),
    } as WechatMiniprogram.RequestSubscribeMessageOption);
  });
}

export function toast(title: string) {
  wx.showToast({ title, icon: "none", duration: 3000 });
}
