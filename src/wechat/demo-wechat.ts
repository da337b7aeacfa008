import { DEMO_WECHAT_APP_SECRET, WECHAT_API_URL, type Config } from "../config.js";
import { AppError } from "../errors.js";
import { WechatApi, type SubscribeResult, type WechatSession } from "./wechat-api.js";

/**
 * True for a demo server still on the demo app secret and pointed at WeChat itself: WeChat
 * would refuse every call, so the mini-program could never sign a household in.
 */
export function usesDemoWechat(config: Config): boolean {
  return config.demoData && config.WECHAT_APP_SECRET === DEMO_WECHAT_APP_SECRET && config.WECHAT_API_BASE_URL === WECHAT_API_URL;
}

/** WeChat's answers for a demo: each wx.login code is its own openid; messages are "sent". */
export class DemoWechat extends WechatApi {
  constructor() {
    super(WECHAT_API_URL, "demo", DEMO_WECHAT_APP_SECRET);
  }

  override async code2Session(code: string): Promise<WechatSession> {
    if (!/^[\w-]{1,64}$/.test(code)) throw new AppError(401, "wechat_code_invalid", "微信登录已失效，请重新打开小程序再试");
    return { openid: `demo-${code}` };
  }

  // No real WeChat to vouch for a number: in a demo, the village confirms who belongs to a household.
  override async verifiedPhoneNumber(): Promise<string> {
    throw new AppError(400, "phone_verification_unavailable", "演示环境不能验证微信手机号，请联系村委会确认您是哪一户");
  }

  override async sendSubscribeMessage(): Promise<SubscribeResult> {
    return { ok: true };
  }
}
