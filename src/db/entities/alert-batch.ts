import { EntitySchema } from "typeorm";

/** One uploaded department alert list (部门筛查预警): whose it is, so the department can follow its results (结果反馈). */
export interface AlertBatch {
  id: string;
  /** The department whose alerts these are; null when the county loaded a list under its own name. */
  department: string | null;
  areaCode: string | null;
  uploadedBy: string;
  fileHash: string;
  fileName: string | null;
  uploadedAt: Date;
}

/** Which reports a batch's rows raised (a row merged into an open report links that report). */
export interface AlertBatchReport {
  batchId: string;
  reportId: string;
}

export const AlertBatchEntity = new EntitySchema<AlertBatch>({
  name: "AlertBatch",
  tableName: "alert_batch",
  columns: {
    id: { type: "varchar", length: 36, primary: true },
    department: { type: "varchar", length: 32, nullable: true },
    areaCode: { name: "area_code", type: "varchar", length: 12, nullable: true },
    uploadedBy: { name: "uploaded_by", type: "varchar", length: 36 },
    fileHash: { name: "file_hash", type: "varchar", length: 64 },
    fileName: { name: "file_name", type: "varchar", length: 200, nullable: true },
    uploadedAt: { name: "uploaded_at", type: "datetime", precision: 3 },
  },
});

export const AlertBatchReportEntity = new EntitySchema<AlertBatchReport>({
  name: "AlertBatchReport",
  tableName: "alert_batch_report",
  columns: {
    batchId: { name: "batch_id", type: "varchar", length: 36, primary: true },
    reportId: { name: "report_id", type: "varchar", length: 36, primary: true },
  },
});
