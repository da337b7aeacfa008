import { EntitySchema } from "typeorm";

/**
 * One uploaded department alert list (部门筛查预警): whose it is, so the department can follow its
 * results (结果反馈), and how far filing it has come: its rows are checked and written first
 * (`checkedAt`), then filed 500 good rows a transaction (`rowsCommitted` of `rowsTotal`).
 * The same file uploaded again by the same account is the same batch.
 */
export interface AlertBatch {
  id: string;
  /** The department whose alerts these are; null when the county loaded a list under its own name. */
  department: string | null;
  areaCode: string | null;
  uploadedBy: string;
  fileHash: string;
  fileName: string | null;
  uploadedAt: Date;
  /** Good rows of the list, counted once every row is checked and written. */
  rowsTotal: number;
  /** Good rows filed so far; a chunk moves it only from where the chunk starts. */
  rowsCommitted: number;
  /** How many times the list was committed: each row records which commit filed it. */
  commits: number;
  /** When every row of the file was checked and written; null while that is under way. */
  checkedAt: Date | null;
  finishedAt: Date | null;
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
    rowsTotal: { name: "rows_total", type: "int", default: 0 },
    rowsCommitted: { name: "rows_committed", type: "int", default: 0 },
    commits: { type: "int", default: 0 },
    checkedAt: { name: "checked_at", type: "datetime", precision: 3, nullable: true },
    finishedAt: { name: "finished_at", type: "datetime", precision: 3, nullable: true },
  },
});
