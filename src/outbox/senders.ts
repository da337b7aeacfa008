import { SubscriptionQuotaEntity } from "../db/entities/subscription-quota.js";
import { inTransaction } from "../db/transaction.js";
import { findAccount } from "../repositories/accounts.js";
import type { Deps } from "../services/deps.js";
import type { Sender } from "./dispatcher.js";

/** WeChat's answer when the user has no subscription quota left for the template. */
export const NO_QUOTA = 43101;

/**
 * Subscribe messages to farmers: one is sent only while the farmer holds quota for the
 * template (each tap on "allow" in the mini-program grants one); 43101 zeroes it.
 */
export function wechatSubscribeSender(deps: Deps): Sender {
  return async (n) => {
    const screening = n.payload.template === "screening_notice";
    const templateId = screening ? deps.config.WECHAT_TEMPLATE_SCREENING_NOTICE : deps.config.WECHAT_TEMPLATE_REPORT_PROGRESS;
    const account = await findAccount(deps.db, n.recipientId);
    if (!account?.wechatOpenid) return { kind: "failed", error: "no WeChat openid" };
    const repo = deps.db.getRepository(SubscriptionQuotaEntity);
    const taken = await inTransaction(deps.db, async (tx) => {
      const r = await tx
        .createQueryBuilder()
        .update(SubscriptionQuotaEntity)
        .set({ remaining: () => "remaining - 1" })
        .where("account_id = :a AND template_id = :t AND remaining > 0", { a: account.id, t: templateId })
        .execute();
      return (r.affected ?? 0) > 0;
    });
    if (!taken) return { kind: "failed", error: "no subscription quota (43101 avoided)" };
    const result = await deps.wechat.sendSubscribeMessage({
      openid: account.wechatOpenid,
      templateId,
      page: typeof n.payload.page === "string" ? n.payload.page : undefined,
      data: screening
        ? screeningNoticeData(n.payload)
        : {
            character_string1: { value: String(n.payload.number ?? "") },
            phrase2: { value: String(n.payload.status ?? "").slice(0, 5) },
            thing3: { value: String(n.payload.status ?? "").slice(0, 20) },
          },
    });
    if (result.ok) return { kind: "sent" };
    if (result.errcode === NO_QUOTA) {
      await repo.update({ accountId: account.id, templateId }, { remaining: 0 });
      return { kind: "failed", error: `43101 no subscription quota` };
    }
    return { kind: "retry", error: `${result.errcode} ${result.errmsg}` };
  };
}

/** The fields of the screening-notice template: what, when, a short note (thing fields hold 20 characters). */
function screeningNoticeData(p: Record<string, unknown>) {
  return {
    thing1: { value: String(p.name ?? "").slice(0, 20) },
    time2: { value: `${String(p.firstDay ?? "")}至${String(p.lastDay ?? "")}` },
    thing3: { value: "有困难可当面说或小程序申报" },
  };
}

/** The development channel: writes that a notice would go out (ids and kind only). */
export function logSender(deps: Deps): Sender {
  return async (n) => {
    deps.log.info({ notification: n.id, kind: n.kind, recipientType: n.recipientType, recipientId: n.recipientId }, "notification");
    return { kind: "sent" };
  };
}
