import type { Actor } from "../src/domain/access.js";

/** What the bot sends to the report service (the contract's ReportCreateInput, channel "bot"). */
export interface BotReportInput {
  villageCode: string;
  riskTypes: string[];
  description?: string;
  household: { name: string; phone: string };
  relation: "self" | "grid_worker" | "cadre" | "department";
  channel: "bot";
  consent: { given: boolean; textVersion: string };
}

export interface BotReceipt {
  number: string;
  dueAt: string;
  village: { code: string; name: string };
}

export interface BotReportSummary {
  number: string;
  statusLabel: string;
  riskTypeLabels: string[];
  dueAt: string;
  status: string;
}

/** The report service as the bot uses it. */
export interface ReportsPort {
  submit(actor: Actor, input: BotReportInput, idempotencyKey: string): Promise<{ receipt: BotReceipt; replayed: boolean }>;
  listMine(actor: Actor): Promise<BotReportSummary[]>;
}

export interface PolicyAnswer {
  sheet: string;
  title: string;
  text: string;
  source: string;
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

/** One bot-channel notification from the outbox. */
export interface BotNotice {
  id: number | string;
  kind: string;
  recipientType: "account" | "village_group";
  recipientId: string;
  text: string;
  attempts: number;
}

/** The outbox as the notice sender uses it. */
export interface OutboxPort {
  claim(limit: number, leaseMs: number): Promise<BotNotice[]>;
  markSent(id: BotNotice["id"]): Promise<void>;
  markFailed(id: BotNotice["id"], error: string, retryAt: Date): Promise<void>;
}
