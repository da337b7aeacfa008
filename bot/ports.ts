import type { Actor } from "../src/domain/access.js";
import type { ReportCreateInput } from "../src/http/reports/schema.js";
import { listMyReports, submitReport, type ReportReceipt } from "../src/services/report-service.js";
import type { Deps } from "../src/services/deps.js";

/** The report service as the bot uses it (tests may wrap the real one to watch it). */
export interface ReportsPort {
  submit(actor: Actor, input: ReportCreateInput, idempotencyKey: string): Promise<{ receipt: ReportReceipt; replayed: boolean }>;
  listMine(actor: Actor): Promise<BotReportSummary[]>;
}

export interface BotReportSummary {
  number: string;
  status: string;
  statusLabel: string;
  riskTypeLabels: string[];
  dueText: string;
}

/** The real report service on the shared dependencies. */
export const reportService = (deps: Deps): ReportsPort => ({
  submit: (actor, input, key) => submitReport(deps, actor, input, key),
  listMine: async (actor) => (await listMyReports(deps, actor)).items,
});

/** One answer; without a sheet it is the engine's own "ask the village" text. */
export interface PolicyAnswer {
  sheet: string | null;
  title: string;
  text: string;
  source: string | null;
  score: number;
}

export interface PolicySheetSummary {
  id: string;
  title: string;
}

export interface PolicySheet extends PolicySheetSummary {
  text: string;
  source: string;
}

/** The policy answers as the bot uses them; `region` is a 2-digit province code. */
export interface PolicyPort {
  ask(question: string, region: string | null): Promise<{ answers: PolicyAnswer[]; confident: boolean }>;
  listSheets(region: string | null): Promise<PolicySheetSummary[]>;
  getSheet(id: string, region: string | null): Promise<PolicySheet | null>;
}
