import { z } from "zod";

export const BotGroupBindSchema = z.strictObject({
  roomId: z.string().min(1, "请填写群的编号").max(128, "群编号太长"),
  villageCode: z.string().regex(/^\d{12}$/, "村代码应为12位数字"),
});
export type BotGroupBindInput = z.infer<typeof BotGroupBindSchema>;

export const BotGroupListQuerySchema = z.strictObject({
  villageCode: z.string().regex(/^\d{12}$/, "村代码应为12位数字").optional(),
});
export type BotGroupListQuery = z.infer<typeof BotGroupListQuerySchema>;

export const BotGroupParamsSchema = z.strictObject({
  roomId: z.string().min(1).max(128),
});
export type BotGroupParams = z.infer<typeof BotGroupParamsSchema>;
