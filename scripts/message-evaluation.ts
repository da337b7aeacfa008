/**
 * Scores the bot on chat messages with known expectations (eval/messages-*.json): each message goes
 * through the real bot (wechaty-puppet-mock, a whole test system on SQLite) from a new household
 * member of a group bound to a 绥棱县 village, in that group (@-mentioning the bot or not) or
 * privately, and what the bot did is read back from its replies: a policy answer, an answer followed
 * by the offer to report, the invitation to report (or, in private, the report started), or nothing.
 * Test and script tooling: nothing in the running system needs it.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { AreaEntity } from "../src/db/entities/area.js";
import { inTransaction } from "../src/db/transaction.js";
import { RISK_TYPES, type RiskTypeCode } from "../src/domain/risk-types.js";
import { bindGroup } from "../src/services/bot-service.js";
import { BotHarness } from "../tests/bot/bot-harness.js";
import { GROUP_OFFER_TEXT, REPORT_INVITE_TEXT } from "../bot/plugins/report-invite.js";

export type Expect = "answer" | "answer_offer" | "report" | "none";
export interface MessageCase {
  message: string;
  chat: "group" | "private";
  mentioned: boolean;
  expect: Expect;
  risks: RiskTypeCode[];
}

export interface MessageReport {
  total: number;
  /** Messages where the bot did what the set expects. */
  right: number;
  /** Offers to report after a message that told of no hardship of the asker's own. */
  falseOffers: number;
  /** Private offers and reports started that name risk types, and how many named only expected ones. */
  riskCases: number;
  riskRight: number;
  /** "expected → did" counts. */
  confusion: Map<string, number>;
  misses: string[];
}

/** An evaluation set by path (absolute, or relative to the working directory). */
export const loadMessageSet = (file: string): MessageCase[] => JSON.parse(readFileSync(resolve(file), "utf8")) as MessageCase[];

const LABEL_TO_CODE = new Map<string, RiskTypeCode>(RISK_TYPES.map((r) => [r.label, r.code]));
/** The risk types a reply names as already chosen ("困难类型已经帮您选好：因病、因灾" or "困难类型：因病。"). */
function chosenRisks(text: string): RiskTypeCode[] {
  const m = /困难类型(?:已经帮您选好)?：([^）。\n]+)/.exec(text);
  return m ? m[1].split("、").flatMap((l) => LABEL_TO_CODE.get(l.trim()) ?? []) : [];
}

/** What the bot did, read from its replies in that chat. */
function whatItDid(replies: string[], chat: MessageCase["chat"]): { did: Expect; risks: RiskTypeCode[] } {
  const all = replies.join("\n");
  const offered = chat === "group" ? all.includes(GROUP_OFFER_TEXT) : /回复“申报[^”]+”/.test(all);
  const invited = all.includes(REPORT_INVITE_TEXT) || /我帮您登记申报/.test(all);
  const answered = replies.some((r) => r.startsWith("【") || r.includes("12317") || r.includes("不太确定") || r.includes("县（区）名"));
  const risks = chosenRisks(all);
  if (invited && !answered) return { did: "report", risks };
  if (answered) return { did: offered ? "answer_offer" : "answer", risks };
  return { did: "none", risks };
}

/** Sends every message through a fresh bot and scores what it did. */
export async function evaluateMessages(cases: readonly MessageCase[]): Promise<MessageReport> {
  const h = await BotHarness.start("sqlite");
  const report: MessageReport = { total: cases.length, right: 0, falseOffers: 0, riskCases: 0, riskRight: 0, confusion: new Map(), misses: [] };
  try {
    const village = await h.sys.deps.db
      .getRepository(AreaEntity)
      .createQueryBuilder("a")
      .where("a.level = 'village'")
      .andWhere("a.code LIKE '231226%'")
      .orderBy("a.code")
      .getOneOrFail();
    const officer = { accountId: "eval-county", role: "county" as const, areaCode: `${village.code.slice(0, 6)}000000`, householdId: null };
    for (const [i, c] of cases.entries()) {
      const person = h.person(`村民${i}`);
      const room = h.group(`${village.name}群${i}`, [person]);
      const roomId = room.id;
      await inTransaction(h.sys.deps.db, (tx) => bindGroup(h.sys.deps, tx, officer, { roomId, code: village.code }));
      h.sys.clock.advance(60_000);
      const replies = await h.ask(person, c.message, c.chat === "group" ? room : undefined, { mention: c.chat === "group" && c.mentioned });
      const { did, risks } = whatItDid(replies, c.chat);
      const key = `${c.expect} → ${did}`;
      report.confusion.set(key, (report.confusion.get(key) ?? 0) + 1);
      if (did === c.expect) report.right++;
      else
        report.misses.push(
          `MISS ${key} [${c.chat}${c.mentioned ? ", @" : ""}] ${c.message}\n       ${replies.map((r) => r.slice(0, 60).replace(/\n/g, " ")).join(" / ") || "(no reply)"}`,
        );
      if (did === "answer_offer" && c.expect !== "answer_offer" && c.expect !== "report") report.falseOffers++;
      // The risk types chosen for the household: the offer in private and the report started in private name them.
      if (c.chat === "private" && (did === "answer_offer" || did === "report") && c.risks.length) {
        report.riskCases++;
        if (risks.length && risks.every((r) => c.risks.includes(r))) report.riskRight++;
        else report.misses.push(`RISK expected ${c.risks.join(",")} got ${risks.join(",") || "none"}  [${c.chat}] ${c.message}`);
      }
    }
  } finally {
    await h.stop();
  }
  return report;
}
