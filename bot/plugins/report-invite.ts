import { riskTypeLabel, type RiskTypeCode } from "../../src/domain/risk-types.js";
import type { BotFeature } from "../env.js";

/** The public answer to a report written in a group: never asks for details there. */
export const REPORT_INVITE_TEXT =
  "收到您的情况。为保护隐私，请不要在群里发姓名、电话、身份证号。请点我的头像私聊我，发“申报”两个字，我一步步帮您登记，村委会5天内答复。";

/** After an answer in a group that told of the asker's own hardship: a short line, nothing personal asked. */
export const GROUP_OFFER_TEXT = "需要的话私聊我发“申报”，我帮您登记，村委会5天内答复。";

/** After such an answer in a private chat: the reply that starts the report with the risk types already chosen. */
export function privateOfferText(hardship: readonly RiskTypeCode[]): string {
  const labels = hardship.map(riskTypeLabel).join("、");
  return `如果家里遇到的这个困难想让村委会知道，回复“申报${labels}”，我一步步帮您登记（困难类型已经帮您选好：${labels}），村委会5天内答复。`;
}

/** A message in a group that looks like a report gets a short public invitation to a private chat. */
export const reportInvite: BotFeature = (env) => (bot) => {
  env.handlers.set("report_invite", async (_bot, incoming) => {
    await incoming.message.say(REPORT_INVITE_TEXT);
    if (!env.miniProgram) return;
    // Only some puppets can send mini-program cards; the text above already says what to do.
    await incoming.message.say(new bot.MiniProgram({ ...env.miniProgram })).catch(() => undefined);
  });
};
