import { AppError } from "../errors.js";

/**
 * WeChat's server API (code2Session, access token, subscribe messages), over real HTTP
 * to a base URL from config, so tests can point it at a local fake server.
 */
export interface WechatSession {
  openid: string;
  unionid?: string;
}

export type SubscribeResult = { ok: true } | { ok: false; errcode: number; errmsg: string };

interface WechatReply {
  errcode?: number;
  errmsg?: string;
  [key: string]: unknown;
}

export class WechatApi {
  private token: { value: string; expiresAt: number } | null = null;

  constructor(
    private readonly baseUrl: string,
    private readonly appId: string,
    private readonly appSecret: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private async call(pathAndQuery: string, init?: RequestInit): Promise<WechatReply> {
    let res: Response;
    try {
      res = await fetch(new URL(pathAndQuery, this.baseUrl), { ...init, signal: AbortSignal.timeout(10_000) });
    } catch {
      throw new AppError(502, "wechat_unreachable", "暂时连不上微信服务器，请稍后再试");
    }
    if (!res.ok) throw new AppError(502, "wechat_unreachable", "微信服务器暂时不可用，请稍后再试");
    return (await res.json()) as WechatReply;
  }

  /** Exchanges a wx.login code for the user's openid. The session_key stays here. */
  async code2Session(code: string): Promise<WechatSession> {
    const q = new URLSearchParams({ appid: this.appId, secret: this.appSecret, js_code: code, grant_type: "authorization_code" });
    const reply = await this.call(`/sns/jscode2session?${q}`);
    if (reply.errcode === 40029 || reply.errcode === 40163) throw new AppError(401, "wechat_code_invalid", "微信登录已失效，请重新打开小程序再试");
    if (reply.errcode === 45011) throw new AppError(429, "wechat_rate_limited", "登录太频繁了，请过一分钟再试");
    if (reply.errcode || typeof reply.openid !== "string") throw new AppError(502, "wechat_error", "微信登录暂时不可用，请稍后再试");
    return { openid: reply.openid, unionid: typeof reply.unionid === "string" ? reply.unionid : undefined };
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > this.now().getTime()) return this.token.value;
    const q = new URLSearchParams({ grant_type: "client_credential", appid: this.appId, secret: this.appSecret });
    const reply = await this.call(`/cgi-bin/token?${q}`);
    if (typeof reply.access_token !== "string") throw new AppError(502, "wechat_error", "微信接口暂时不可用");
    const ttl = typeof reply.expires_in === "number" ? reply.expires_in : 7200;
    // renew five minutes early so a token never expires mid-request
    this.token = { value: reply.access_token, expiresAt: this.now().getTime() + (ttl - 300) * 1000 };
    return this.token.value;
  }

  /**
   * The phone number WeChat itself has verified for the user (getPhoneNumber's code, used once):
   * the only phone number that may link an account to a household.
   */
  async verifiedPhoneNumber(code: string): Promise<string> {
    const token = await this.accessToken();
    const reply = await this.call(`/wxa/business/getuserphonenumber?access_token=${encodeURIComponent(token)}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ code }),
    });
    if (reply.errcode === 40001 || reply.errcode === 42001) this.token = null;
    if (reply.errcode === 40029) throw new AppError(400, "phone_code_invalid", "手机号验证已失效，请重新点“验证手机号”");
    const info = reply.phone_info as { purePhoneNumber?: unknown } | undefined;
    if (reply.errcode || typeof info?.purePhoneNumber !== "string") throw new AppError(502, "wechat_error", "微信暂时不能验证手机号，请稍后再试");
    return info.purePhoneNumber;
  }

  /** subscribeMessage.send; 43101 means the user has no subscription quota left. */
  async sendSubscribeMessage(msg: { openid: string; templateId: string; page?: string; data: Record<string, { value: string }> }): Promise<SubscribeResult> {
    const token = await this.accessToken();
    const reply = await this.call(`/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ touser: msg.openid, template_id: msg.templateId, page: msg.page, data: msg.data }),
    });
    if (reply.errcode === 40001 || reply.errcode === 42001) this.token = null;
    return reply.errcode ? { ok: false, errcode: reply.errcode, errmsg: String(reply.errmsg ?? "") } : { ok: true };
  }
}
