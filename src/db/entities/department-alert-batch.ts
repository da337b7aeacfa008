import { EntitySchema } from "typeorm";

/** A department alert list being filed: how many of its good rows are committed so far. */
export interface DepartmentAlertBatch {
  accountId: string;
  fileHash: string;
  rowsTotal: number;
  rowsCommitted: number;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

export const DepartmentAlertBatchEntity = new EntitySchema<DepartmentAlertBatch>({
  name: "DepartmentAlertBatch",
  tableName: "department_alert_batch",
  columns: {
    accountId: { name: "account_id", type: "varchar", length: 36, primary: true },
    fileHash: { name: "file_hash", type: "varchar", length: 64, primary: true },
    rowsTotal: { name: "rows_total", type: "int" },
    rowsCommitted: { name: "rows_committed", type: "int", default: 0 },
    createdAt: { name: "created_at", type: "datetime", precision: 3 },
    updatedAt: { name: "updated_at", type: "datetime", precision: 3 },
    finishedAt: { name: "finished_at", type: "datetime", precision: 3, nullable: true },
  },
});

/** One filed row of a batch and the report it became (created, or merged into an open one). */
export interface DepartmentAlertRow {
  accountId: string;
  fileHash: string;
  rowNo: number;
  reportId: string;
  outcome: "created" | "merged";
}

export const DepartmentAlertRowEntity = new EntitySchema<DepartmentAlertRow>({
  name: "DepartmentAlertRow",
  tableName: "department_alert_row",
  columns: {
    accountId: { name: "account_id", type: "varchar", length: 36, primary: true },
    fileHash: { name: "file_hash", type: "varchar", length: 64, primary: true },
    rowNo: { name: "row_no", type: "int", primary: true },
    reportId: { name: "report_id", type: "varchar", length: 36 },
    outcome: { type: "varchar", length: 16 },
  },
});
