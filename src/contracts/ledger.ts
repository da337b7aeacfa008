import { z } from "zod";

export const LedgerQuerySchema = z.strictObject({
  areaCode: z
    .string()
    .regex(/^\d{12}$/, "区划代码应为12位数字")
    .optional(),
  from: z.iso.date("日期格式应为 YYYY-MM-DD").optional(),
  to: z.iso.date("日期格式应为 YYYY-MM-DD").optional(),
});
export type LedgerQuery = z.infer<typeof LedgerQuerySchema>;
