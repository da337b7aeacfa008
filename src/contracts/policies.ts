import { z } from "zod";
import { AUDIENCES, MIN_FAQ, SHEET_ID_PATTERN } from "../domain/policy/policy-sheet.js";

const region = z.string().regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12}|national|全国|黑龙江省?|湖南省?)$/, "地区应为省、县或村的区划代码，例如 23、231226");

export const PolicyListQuerySchema = z.strictObject({
  region: region.optional(),
  audience: z.enum(AUDIENCES, "不认识的人群类别").optional(),
});
export type PolicyListQuery = z.infer<typeof PolicyListQuerySchema>;

export const PolicyAskQuerySchema = z.strictObject({
  q: z.string("请写下你想问的问题").trim().min(1, "请写下你想问的问题").max(200, "问题太长了，请少于200个字"),
  region: region.optional(),
});
export type PolicyAskQuery = z.infer<typeof PolicyAskQuerySchema>;

export const PolicyIdParamsSchema = z.strictObject({
  id: z.string().regex(SHEET_ID_PATTERN, "明白纸编号只能用小写字母、数字和短横线"),
});
export type PolicyIdParams = z.infer<typeof PolicyIdParamsSchema>;

export const PolicyVersionQuerySchema = z.strictObject({
  version: z.coerce.number("版本号应为数字").int("版本号应为整数").min(1, "版本号从1开始").optional(),
});
export type PolicyVersionQuery = z.infer<typeof PolicyVersionQuerySchema>;

const text = (max: number, what: string) => z.string(`请填写${what}`).trim().min(1, `请填写${what}`).max(max, `${what}太长了`);

const FaqSchema = z.strictObject({
  question: text(200, "问题"),
  answer: text(500, "答案"),
  source: text(300, "出处").nullable().default(null),
});

/** The content of a sheet version, as county staff send it. */
export const PolicyDraftSchema = z.strictObject({
  title: text(200, "标题"),
  audience: z.array(z.enum(AUDIENCES, "不认识的人群类别")).min(1, "至少写一类人"),
  region: z.string().regex(/^(000000|[1-9]\d0000)$/, "地区应为 000000（全国）或省级代码，如 230000"),
  source: text(1000, "文件出处"),
  year: z.number("年份应为数字").int().min(2000, "年份不对").max(2100, "年份不对"),
  keywords: z.array(text(20, "关键词")).max(50, "关键词太多了").optional(),
  body: text(20000, "正文"),
  faq: z.array(FaqSchema).min(MIN_FAQ, `常见问题至少要有${MIN_FAQ}条`).max(100, "常见问题太多了"),
});
export type PolicyDraftInput = z.infer<typeof PolicyDraftSchema>;

export const PolicyCreateSchema = PolicyDraftSchema.extend({
  id: z.string("请填写明白纸编号").regex(SHEET_ID_PATTERN, "明白纸编号只能用小写字母、数字和短横线，以字母开头"),
});
export type PolicyCreateInput = z.infer<typeof PolicyCreateSchema>;

export const PolicySummarySchema = z.object({ id: z.string(), title: z.string(), regionName: z.string(), source: z.string(), year: z.number() });
export const PolicyListSchema = z.object({ items: z.array(PolicySummarySchema) });

export const PolicySheetSchema = z.object({
  id: z.string(),
  title: z.string(),
  regionName: z.string(),
  body: z.string(),
  faq: z.array(z.object({ question: z.string(), answer: z.string(), source: z.string().nullable() })),
  source: z.string(),
  year: z.number(),
});

/** One answer to a question; `sheet` is null for the "ask the village" fallback. */
export const PolicyAnswerSchema = z.object({
  sheet: z.string().nullable(),
  title: z.string(),
  text: z.string(),
  source: z.string().nullable(),
  quote: z.string().nullable().describe("The policy document's own words for this answer, verbatim; null when none was checked."),
  score: z.number(),
});

export const PolicyAskReplySchema = z.object({
  answers: z.array(PolicyAnswerSchema),
  confident: z.boolean(),
  hardship: z.array(z.string()).describe("Risk types of the household's own trouble the question told of: offer to report it."),
  regionNeeded: z.object({ message: z.string() }).nullable(),
});
