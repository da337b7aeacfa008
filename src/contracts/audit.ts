import { z } from "zod";

const boolFlag = z.enum(["true", "false"]).transform((v) => v === "true");

/** The county's audit log: filter by person, report (or its whole household), action and days. */
export const AuditQuerySchema = z.strictObject({
  person: z.string().trim().min(1).max(32).optional(),
  report: z
    .string()
    .trim()
    .regex(/^\d{6}-\d{5}$/, "申报编号的格式是 260302-48173")
    .optional(),
  wholeHousehold: boolFlag.optional(),
  action: z
    .string()
    .regex(/^[a-z_.]{1,64}$/, "操作类型不对")
    .optional(),
  from: z.iso.date("日期格式应为 YYYY-MM-DD").optional(),
  to: z.iso.date("日期格式应为 YYYY-MM-DD").optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, "每页最多100条").default(50),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;
