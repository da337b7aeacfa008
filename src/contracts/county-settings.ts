import { z } from "zod";
import { isValidNoticeTime } from "../domain/notice-hours.js";

export const CountySettingsQuerySchema = z.strictObject({
  county: z
    .string()
    .regex(/^\d{6}$/, "区县代码应为6位数字，如231226")
    .optional(),
});
export type CountySettingsQuery = z.infer<typeof CountySettingsQuerySchema>;

export const CountySettingsSchema = z.strictObject({
  deadlineRule: z.enum(["statutory", "calendar"], { error: "期限算法应为 statutory（法定：最后一天是休息日顺延）或 calendar（自然日）" }),
  noticeTime: z.string().refine(isValidNoticeTime, "应为早上8点到晚上9点前的时间，如 08:30（21时到次日8时不发消息）").describe("HH:MM China time"),
});
export type CountySettingsInput = z.infer<typeof CountySettingsSchema>;
