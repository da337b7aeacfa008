import { z } from "zod";

const day = (what: string) => z.iso.date(`${what}格式应为 YYYY-MM-DD`);
const areaCode = z.string().regex(/^\d{12}$/, "区划代码应为12位数字");

export const CampaignCreateSchema = z.strictObject({
  name: z.string().trim().min(2, "请填写排查名称").max(64, "名称不能超过64个字"),
  /** The county itself or some of its townships; left out: the whole county. */
  areaCodes: z.array(areaCode).max(50, "最多选50个乡镇").optional(),
  firstDay: day("开始日期"),
  lastDay: day("结束日期"),
  /** Admins name the county; county accounts work on their own. */
  countyCode: areaCode.optional(),
});
export type CampaignCreateInput = z.infer<typeof CampaignCreateSchema>;

export const CampaignUpdateSchema = z
  .strictObject({
    name: z.string().trim().min(2, "请填写排查名称").max(64, "名称不能超过64个字").optional(),
    areaCodes: z.array(areaCode).min(1, "请至少选一个地区").max(50, "最多选50个乡镇").optional(),
    firstDay: day("开始日期").optional(),
    lastDay: day("结束日期").optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "请至少修改一项");
export type CampaignUpdateInput = z.infer<typeof CampaignUpdateSchema>;

export const CampaignCancelSchema = z.strictObject({ reason: z.string().trim().max(200, "原因不能超过200个字").optional() });
export type CampaignCancelInput = z.infer<typeof CampaignCancelSchema>;

export const CampaignIdParamsSchema = z.strictObject({ id: z.coerce.number({ error: "编号不对" }).int("编号不对").positive("编号不对") });
export type CampaignIdParams = z.infer<typeof CampaignIdParamsSchema>;

export const CountyQuerySchema = z.strictObject({ countyCode: areaCode.optional() });
export type CountyQuery = z.infer<typeof CountyQuerySchema>;
