import { z } from "zod";

export const BotGroupListQuerySchema = z.strictObject({
  township: z
    .string()
    .regex(/^\d{9}000$/, "乡镇代码应为12位数字，以000结尾")
    .optional(),
});
export type BotGroupListQuery = z.infer<typeof BotGroupListQuerySchema>;

export const BotGroupParamsSchema = z.strictObject({
  roomId: z.string().min(1).max(128),
});
export type BotGroupParams = z.infer<typeof BotGroupParamsSchema>;
