import { z } from "zod";

/** The upload is the request body itself (CSV or XLSX); the file name may ride in the query, for the audit trail's readers. */
export const AlertUploadQuerySchema = z.strictObject({
  fileName: z.string().max(200).optional(),
});
export type AlertUploadQuery = z.infer<typeof AlertUploadQuerySchema>;
