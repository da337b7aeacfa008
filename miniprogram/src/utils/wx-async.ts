/** The few WeChat callbacks the pages wait on, as promises that tolerate old base libraries. */

/** Asks for the privacy consent before a phone or ID number is typed; resolves false if refused. */
export function requirePrivacy(): Promise<boolean> {
  if (typeof wx.requirePrivacyAuthorize !== "function") return Promise.resolve(true);
  return new Promise((resolve) => {
    wx.requirePrivacyAuthorize({ success: () => resolve(true), fail: () => resolve(false) });
  });
}

/**
 * Asks once for subscribe messages; must be called from inside the tap itself. The answer
 * does not matter to the report, so this never rejects.
 */
export function requestSubscribe(templateIds: string[]): Promise<void> {
  if (templateIds.length === 0 || typeof wx.requestSubscribeMessage !== "function") return Promise.resolve();
  return new Promise((resolve) => {
    wx.requestSubscribeMessage({ tmplIds: templateIds, success: () => resolve(), fail: () => resolve() } as WechatMiniprogram.RequestSubscribeMessageOption);
  });
}

export function toast(title: string) {
  wx.showToast({ title, icon: "none", duration: 3000 });
}
