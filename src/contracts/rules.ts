import { z } from "zod";
import { AUDIENCES } from "../domain/rhythm/audiences.js";

const dayOfMonth = z.number({ error: "日期应为1到31的整数" }).int("日期应为1到31的整数").min(1, "日期应为1到31的整数").max(31, "日期应为1到31的整数");
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "日期应为 MM-DD，例如 07-15");

/** The schedule of a recurring rule (src/domain/rhythm/schedule.ts). */
export const ScheduleSpecSchema = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({ kind: z.literal("monthly"), day: dayOfMonth, dueDay: dayOfMonth.optional() }),
    z.strictObject({ kind: z.literal("monthly_window"), startDay: dayOfMonth, endDay: dayOfMonth }),
    z.strictObject({
      kind: z.literal("quarterly"),
      month: z.union([z.literal(1), z.literal(2), z.literal(3)], { error: "季度内的月份应为1、2或3" }),
      day: dayOfMonth,
      dueDay: dayOfMonth.optional(),
    }),
    z.strictObject({
      kind: z.literal("yearly"),
      dates: z
        .array(z.strictObject({ on: monthDay, due: monthDay.optional() }))
        .min(1, "请至少填一个日期")
        .max(12, "最多12个日期"),
    }),
  ],
  { error: "周期应为 monthly、monthly_window、quarterly 或 yearly" },
);

const audiences = z
  .array(z.enum(AUDIENCES, { error: `对象不对，可选：${AUDIENCES.join("、")}` }))
  .min(1, "请至少选一类提醒对象")
  .refine((a) => new Set(a).size === a.length, "提醒对象有重复")
  // farmers hear only of screenings in their village, by subscribe message (campaigns do that)
  .refine((a) => !a.includes("farmers"), "提醒规则不能发给农户：农户只在本村集中排查前收到订阅消息");

export const RuleCreateSchema = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9_]{2,39}$/, "代号只能用小写字母、数字和下划线（3到40个字符）"),
  title: z.string().trim().min(2, "请填写名称").max(64, "名称不能超过64个字"),
  schedule: ScheduleSpecSchema,
  audiences,
  template: z.string().trim().min(4, "请填写提醒内容").max(500, "提醒内容不能超过500个字"),
  holidayShift: z.boolean().default(false),
  enabled: z.boolean().default(true),
  countyCode: z
    .string()
    .regex(/^\d{12}$/, "区划代码应为12位数字")
    .optional(),
});
export type RuleCreateInput = z.infer<typeof RuleCreateSchema>;

export const RuleUpdateSchema = z
  .strictObject({
    title: z.string().trim().min(2, "请填写名称").max(64, "名称不能超过64个字").optional(),
    schedule: ScheduleSpecSchema.optional(),
    audiences: audiences.optional(),
    template: z.string().trim().min(4, "请填写提醒内容").max(500, "提醒内容不能超过500个字").optional(),
    holidayShift: z.boolean().optional(),
    enabled: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "请至少修改一项");
export type RuleUpdateInput = z.infer<typeof RuleUpdateSchema>;

export const RuleIdParamsSchema = z.strictObject({ id: z.coerce.number({ error: "编号不对" }).int("编号不对").positive("编号不对") });
export type RuleIdParams = z.infer<typeof RuleIdParamsSchema>;
