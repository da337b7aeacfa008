import { z } from "zod";

export const CalendarQuerySchema = z.strictObject({
  from: z.iso.date("开始日期格式应为 YYYY-MM-DD").optional(),
  to: z.iso.date("结束日期格式应为 YYYY-MM-DD").optional(),
  countyCode: z
    .string()
    .regex(/^\d{12}$/, "区划代码应为12位数字")
    .optional(),
});
export type CalendarQuery = z.infer<typeof CalendarQuerySchema>;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD");

export const HolidayYearParamsSchema = z.strictObject({
  year: z.coerce.number("年份应为数字").int("年份应为整数").min(2000, "年份不能早于2000年").max(2100, "年份不能晚于2100年"),
});
export type HolidayYearParams = z.infer<typeof HolidayYearParamsSchema>;

export const HolidayYearSchema = z.strictObject({
  source: z.string().trim().min(2, "请写明安排出自哪份通知（如 国办发明电〔2026〕…号）").max(255),
  restDays: z.array(day).max(80, "放假日期最多80天"),
  workingDays: z.array(day).max(20, "调休上班日期最多20天"),
});
export type HolidayYearInput = z.infer<typeof HolidayYearSchema>;

export const DeadlineQuerySchema = z.strictObject({
  receivedAt: z.iso.datetime({ offset: true, message: "收到时间应为 ISO 时间，如 2026-12-28T10:00:00+08:00" }),
  county: z.string().regex(/^\d{6}$/, "区县代码应为6位数字，如231226"),
});
export type DeadlineQuery = z.infer<typeof DeadlineQuerySchema>;
