import { z } from "zod";
import { ROLES } from "../domain/roles.js";

export const SubscriptionSchema = z.strictObject({
  templateIds: z.array(z.string().min(1).max(64)).min(1, "请至少给一个模板").max(10),
});
export type SubscriptionInput = z.infer<typeof SubscriptionSchema>;

export const WechatLinkSchema = z.strictObject({ code: z.string().min(1, "缺少微信登录码").max(128) });
export type WechatLinkInput = z.infer<typeof WechatLinkSchema>;

export const PasswordChangeSchema = z.strictObject({
  currentPassword: z.string().min(1, "请填写原密码").max(128),
  newPassword: z.string().min(1, "请填写新密码").max(128, "新密码太长了（不能超过128位）"),
});
export type PasswordChangeInput = z.infer<typeof PasswordChangeSchema>;

/** getPhoneNumber's code: WeChat vouches for the number, the server asks it (never a typed number). */
export const PhoneVerificationSchema = z.strictObject({ code: z.string().min(1, "缺少手机号验证码").max(128) });
export type PhoneVerificationInput = z.infer<typeof PhoneVerificationSchema>;

const PlaceSchema = z.object({ code: z.string(), name: z.string() });

/** The signed-in account: its role, its area (staff) or its household and village (a farmer). */
export const MeSchema = z.object({
  id: z.string(),
  role: z.enum(ROLES),
  displayName: z.string(),
  area: PlaceSchema.nullable(),
  household: z.object({ headName: z.string() }).nullable(),
  village: PlaceSchema.nullable(),
});

export const SubscriptionQuotaSchema = z.object({ remaining: z.record(z.string(), z.number()) });

/** The household the verified phone registered, now the farmer's own. */
export const PhoneLinkedSchema = z.object({ household: z.object({ headName: z.string() }) });
