import { EntitySchema } from "typeorm";
import type { ReportStatus } from "../../domain/report/lifecycle.js";

/**
 * How many reports a village has in each status, kept in the same transaction as every insert
 * of a report and every change of its status (repositories/report-queue.ts), so a queue's total
 * and the dashboard's cards read a few small rows instead of counting the reports.
 */
export interface ReportQueueCount {
  villageCode: string;
  status: ReportStatus;
  n: number;
}

export const ReportQueueCountEntity = new EntitySchema<ReportQueueCount>({
  name: "ReportQueueCount",
  tableName: "report_queue_count",
  columns: {
    villageCode: { name: "village_code", type: "varchar", length: 12, primary: true },
    status: { type: "varchar", length: 16, primary: true },
    n: { type: "integer", default: 0 },
  },
});
