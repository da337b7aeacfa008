import { ApiError, PhoneError } from "./api";
import { changePassword, linkWechat, signInStaff as staffSignIn, signInWechat } from "./api-client.generated";
import { storage } from "./storage";

/** wx.login as a promise: the one-off code the server trades for the openid. */
export function wechatCode(): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.login({
      success: (res) => (res.code ? resolve(res.code) : reject(new PhoneError("微信登录没有成功，请重试"))),
      fail: () => reject(new PhoneError("微信登录没有成功，请检查网络后重试")),
    });
  });
}

/** Signs in with WeChat unless a session is kept; the first time creates a household account. */
export async function ensureSignedIn(): Promise<string> {
  const kept = storage.role();
  if (storage.token() && kept) return kept;
  const code = await wechatCode();
  const signed = await signInWechat({ code });
  storage.saveSession(signed.token, signed.account.role);
  return signed.account.role;
}

/**
 * Runs a call with a session, signing in first if there is none; when the kept session has
 * expired, signs in again with wx.login (which also finds a linked staff account) and retries once.
 */
export async function withSession<T>(call: () => Promise<T>): Promise<T> {
  await ensureSignedIn();
  try {
    return await call();
  } catch (err) {
    if (!(err instanceof ApiError && err.code === "session_invalid")) throw err;
    storage.clearSession();
    await ensureSignedIn();
    return call();
  }
}

/**
 * Staff sign in with phone and password, then tie the account to this WeChat for next time. A
 * one-time password only lets them choose a new one (`mustChangePassword`): linking waits for it.
 */
export async function signInStaff(phone: string, password: string): Promise<{ role: string; linked: boolean; mustChangePassword: boolean }> {
  const signed = await staffSignIn({ phone, password });
  storage.saveSession(signed.token, signed.account.role);
  if (signed.mustChangePassword) return { role: signed.account.role, linked: false, mustChangePassword: true };
  return { ...(await linkThisWechat(signed.account.role)), mustChangePassword: false };
}

/** A staff member replaces the one-time password; the server ends other sessions and hands a new token. */
export async function changeStaffPassword(currentPassword: string, newPassword: string): Promise<{ role: string; linked: boolean }> {
  const signed = await changePassword({ currentPassword, newPassword });
  storage.saveSession(signed.token, signed.account.role);
  return linkThisWechat(signed.account.role);
}

async function linkThisWechat(role: string): Promise<{ role: string; linked: boolean }> {
  try {
    await linkWechat({ code: await wechatCode() });
    return { role, linked: true };
  } catch {
    // Linking only spares the password next time; the sign-in itself succeeded.
    return { role, linked: false };
  }
}

/** The first page of each role. */
export function homeOf(role: string): string {
  if (role === "village_cadre" || role === "grid_worker") return "/pages/queue/queue";
  if (role === "township" || role === "county") return "/pages/township-overdue/township-overdue";
  return "/pages/home/home";
}
