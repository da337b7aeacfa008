import type { DataSource } from "typeorm";
import { findReport } from "../repositories/reports.js";
import { AWAITING_OPINION } from "../domain/report/lifecycle.js";
import type { ClaimedNotification } from "./outbox.js";

/**
 * Whether a claimed notification still makes sense to send: a deadline reminder is moot
 * once the village has answered. Returns the reason to skip it, or null to send.
 */
export async function reasonToSkip(db: DataSource, n: ClaimedNotification, now: Date): Promise<string | null> {
  if (!n.payload.whileAwaitingOpinion || typeof n.payload.reportId !== "string") return null;
  const report = await findReport(db, n.payload.reportId);
  if (!report) return "report gone";
  if (!AWAITING_OPINION.includes(report.status) || report.opinionAt) return "report already answered";
  if (typeof n.payload.dueAt === "string" && report.dueAt.toISOString() !== n.payload.dueAt) return "deadline changed";
  // a "days left" reminder that comes after the deadline (downtime) would mislead: the escalation speaks instead
  if (report.dueAt.getTime() <= now.getTime()) return "deadline passed";
  return null;
}
