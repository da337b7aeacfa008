import type { Actor } from "../src/domain/access.js";
import type { RiskTypeCode } from "../src/domain/risk-types.js";
import type { ReportCreateInput } from "../src/contracts/reports.js";
import { inTransactionOnce } from "../src/db/idempotent.js";
import { listMyReports, receiptStatus, submitReport, type ReportReceipt } from "../src/services/report-service.js";
import type { Deps } from "../src/services/deps.js";

/** The report service as the bot uses it (tests may wrap the real one to watch it). */
export interface ReportsPort {
  submit(actor: Actor, input: ReportCreateInput, idempotencyKey: string): Promise<{ receipt: ReportReceipt; replayed: boolean }>;
  listMine(actor: Actor): Promise<BotReportSummary[]>;
}

export interface BotReportSummary {
  /** Null on a report the person added to another household's open one: its number is the household's. */
  number: string | null;
  status: string;
  statusLabel: string;
  riskTypeLabels: string[];
  dueText: string;
  /** "reporter": reported for another household, seen as a proxy sees it. */
  view: "household" | "reporter" | "staff";
  household: { name: string };
}

/** The real report service on the shared dependencies. */
export const reportService = (deps: Deps): ReportsPort => ({
  submit: async (actor, input, key) => {
    const attempt = { scope: `report:${actor.accountId}`, key, body: input, now: deps.clock.now() };
    const { result, replayed } = await inTransactionOnce(deps.db, attempt, (tx) => submitReport(deps, tx, actor, input), receiptStatus);
    return { receipt: result, replayed };
  },
  listMine: async (actor) => (await listMyReports(deps, deps.db.manager, actor)).items,
});

/** One answer; without a sheet it is the engine's own "ask the village" text. */
export interface PolicyAnswer {
  sheet: string | null;
  title: string;
  text: string;
  source: string | null;
  /** The policy document's own words for the answer, or null. */
  quote: string | null;
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

/** What the answer pipeline says to a question (`answerQuestion` in the policy service). */
export interface PolicyReply {
  answers: PolicyAnswer[];
  confident: boolean;
  /** Risk types of the asker's own household the question tells of: the bot offers to report them. */
  hardship?: RiskTypeCode[];
  /** No region known: the asker is asked to choose a county first. */
  regionNeeded?: { message: string; counties: Array<{ code: string; name: string }> } | null;
}

/** The policy answers as the bot uses them; `region` is a division code (the province's two digits will do). */
export interface PolicyPort {
  ask(question: string, region: string | null): Promise<PolicyReply>;
  listSheets(region: string | null): Promise<PolicySheetSummary[]>;
  getSheet(id: string, region: string | null): Promise<PolicySheet | null>;
}
