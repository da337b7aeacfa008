import { z } from "zod";
import { ReportFieldsSchema } from "./reports.js";

/** The upload is the request body itself (CSV or XLSX); the file name may ride in the query, for the audit trail's readers. */
export const AlertUploadQuerySchema = z.strictObject({
  fileName: z.string().max(200).optional(),
});
export type AlertUploadQuery = z.infer<typeof AlertUploadQuerySchema>;

const household = ReportFieldsSchema.shape.household;

/**
 * One good row of a department's alert list is the report POST /api/reports takes, with two
 * differences a list has: the person is named by ID number (required), and a phone is often
 * unknown (empty).
 */
export const AlertRowSchema = ReportFieldsSchema.extend({
  household: household.extend({
    phone: z.union([z.literal(""), household.shape.phone]),
    idNumber: z
      .string()
      .trim()
      .min(1, "身份证号没有填")
      .transform((s) => s.toUpperCase()),
  }),
});
export type AlertRowInput = z.infer<typeof AlertRowSchema>;
