import { z } from "zod";

export const AreaCodeParamsSchema = z.strictObject({
  code: z.string().regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/, "区划代码应为2、4、6、9或12位数字"),
});
export type AreaCodeParams = z.infer<typeof AreaCodeParamsSchema>;

export const AreaListSchema = z.object({ items: z.array(z.object({ code: z.string(), name: z.string() })) });
