import { z } from "zod";

export const CalendarQuerySchema = z.strictObject({
  from: z.iso.date("开始日期格式应为 YYYY-MM-DD").optional(),
  to: z.iso.date("结束日期格式应为 YYYY-MM-DD").optional(),
  countyCode: z.string().regex(/^\d{12}$/, "区划代码应为12位数字").optional(),
});
export type CalendarQuery = z.infer<typeof CalendarQuerySchema>;
