import { z } from "zod";

export const LedgerQuerySchema = z
  .strictObject({
    areaCode: z
      .string()
      .regex(/^\d{12}$/, "区划代码应为12位数字")
      .optional(),
    from: z.iso.date("日期格式应为 YYYY-MM-DD").optional(),
    to: z.iso.date("日期格式应为 YYYY-MM-DD").optional(),
    // full names and ID numbers, to match the national system: chosen, with a reason, audited
    full: z
      .enum(["true", "false"], { error: "请选择是否导出完整信息" })
      .transform((v) => v === "true")
      .optional(),
    reason: z.string().trim().max(200, "原因请写在200字以内").optional(),
  })
  .superRefine((q, ctx) => {
    if (q.full && (q.reason ?? "").length < 4) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "导出完整姓名和身份证号，请写明原因（至少4个字，例如：与全国防返贫监测信息系统比对）" });
    }
  });
export type LedgerQuery = z.infer<typeof LedgerQuerySchema>;
