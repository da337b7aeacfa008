import { z } from "zod";
import { ROLES } from "../domain/roles.js";

export const WechatSignInSchema = z.strictObject({ code: z.string().min(1, "缺少微信登录码").max(128) });
export type WechatSignInInput = z.infer<typeof WechatSignInSchema>;

export const StaffSignInSchema = z.strictObject({
  phone: z.string().regex(/^1[3-9]\d{9}$/, "请填写11位手机号"),
  password: z.string().min(1, "请填写密码").max(128),
});
export type StaffSignInInput = z.infer<typeof StaffSignInSchema>;

export const DemoSignInSchema = z.strictObject({ username: z.string().min(1).max(64) });
export type DemoSignInInput = z.infer<typeof DemoSignInSchema>;

export const SignedInSchema = z.object({
  token: z.string(),
  account: z.object({ id: z.string(), role: z.enum(ROLES), displayName: z.string() }),
  mustChangePassword: z.boolean().optional().describe("Signed in with a one-time password: the session can only choose a new one."),
});
export type SignedIn = z.infer<typeof SignedInSchema>;
