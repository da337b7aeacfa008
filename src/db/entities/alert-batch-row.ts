import { EntitySchema } from "typeorm";

/** What became of a row: waiting to be filed, filed as a new report, merged into the household's open one, or refused by the check. */
export type AlertRowState = "pending" | "created" | "merged" | "skipped";

/**
 * One row of an alert list (by its Excel row number) and its outcome: the report it filed or
 * joined, and which commit of the list filed it. Rows carried over from before rows were
 * recorded have negative numbers (their place in the file was not kept).
 */
export interface AlertBatchRow {
  batchId: string;
  rowNo: number;
  outcome: AlertRowState;
  villageCode: string | null;
  reportId: string | null;
  commitNo: number | null;
  /** The checked report the row becomes, sealed (it holds ID and phone numbers in full); cleared once filed. */
  sealedInput: string | null;
  /** A skipped row's check (numbers masked), as JSON, for the commit's summary. */
  problems: string | null;
}

export const AlertBatchRowEntity = new EntitySchema<AlertBatchRow>({
  name: "AlertBatchRow",
  tableName: "alert_batch_row",
  columns: {
    batchId: { name: "batch_id", type: "varchar", length: 36, primary: true },
    rowNo: { name: "row_no", type: "int", primary: true },
    outcome: { type: "varchar", length: 16 },
    villageCode: { name: "village_code", type: "varchar", length: 12, nullable: true },
    reportId: { name: "report_id", type: "varchar", length: 36, nullable: true },
    commitNo: { name: "commit_no", type: "int", nullable: true },
    sealedInput: { name: "sealed_input", type: "text", nullable: true },
    problems: { type: "text", nullable: true },
  },
});
