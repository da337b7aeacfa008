import { z } from "zod";

export const DashboardQuerySchema = z.strictObject({
  areaCode: z
    .string()
    .regex(/^\d{12}$/, "区划代码应为12位数字")
    .optional(),
});
export type DashboardQuery = z.infer<typeof DashboardQuerySchema>;
