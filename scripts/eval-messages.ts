/**
 * Sends every message of a chat-message set through the real bot (wechaty-puppet-mock, a whole
 * test system on SQLite), each from a new household member of a group bound to a 绥棱县 village,
 * in that group (@-mentioning the bot or not) or privately, and scores what the bot did against
 * what the set expects: a policy answer, an answer followed by the offer to report, the
 * invitation to report (or, in private, the report started), or nothing.
 *
 * Usage: npm run eval:messages -- --set eval/messages-blind-1.json [--quiet]
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { AreaEntity } from "../src/db/entities/area.js";
import { inTransaction } from "../src/db/transaction.js";
import { RISK_TYPES, type RiskTypeCode } from "../src/domain/risk-types.js";
import { bindGroup } from "../src/services/bot-service.js";
import { BotHarness } from "../tests/bot/bot-harness.js";
import { GROUP_OFFER_TEXT, REPORT_INVITE_TEXT } from "../bot/plugins/report-invite.js";
import { HOW_TO_TEXT } from "../bot/plugins/policy-answers.js";

type Expect = "answer" | "answer_offer" | "report" | "none";
interface MessageCase {
  message: string;
  chat: "group" | "private";
  mentioned: boolean;
  expect: Expect;
  risks: RiskTypeCode[];
}

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};

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
  if (!replies.length || all.includes(HOW_TO_TEXT)) return { did: "none", risks };
  return { did: "none", risks };
}

const file = arg("set");
if (!file) throw new Error("--set <file> is required");
const cases = JSON.parse(readFileSync(resolve(file), "utf8")) as MessageCase[];
const quiet = process.argv.includes("--quiet");

const h = await BotHarness.start("sqlite");
const village = await h.sys.deps.db
  .getRepository(AreaEntity)
  .createQueryBuilder("a")
  .where("a.level = 'village'")
  .andWhere("a.code LIKE '231226%'")
  .orderBy("a.code")
  .getOneOrFail();
const officer = { accountId: "eval-county", role: "county" as const, areaCode: `${village.code.slice(0, 6)}000000`, householdId: null };

const confusion = new Map<string, number>();
let right = 0;
let riskRight = 0;
let riskCases = 0;
let falseOffers = 0;
const misses: string[] = [];
for (const [i, c] of cases.entries()) {
  const person = h.person(`村民${i}`);
  const room = h.group(`${village.name}群${i}`, [person]);
  const roomId = room.id;
  await inTransaction(h.sys.deps.db, (tx) => bindGroup(h.sys.deps, tx, officer, { roomId, code: village.code }));
  h.sys.clock.advance(60_000);
  const replies = await h.ask(person, c.message, c.chat === "group" ? room : undefined, { mention: c.chat === "group" && c.mentioned });
  const { did, risks } = whatItDid(replies, c.chat);
  const key = `${c.expect} → ${did}`;
  confusion.set(key, (confusion.get(key) ?? 0) + 1);
  const ok = did === c.expect;
  if (ok) right++;
  if (did === "answer_offer" && c.expect !== "answer_offer" && c.expect !== "report") falseOffers++;
  // The risk types chosen for the household: the offer in private and the report started in private name them.
  const namesRisks = c.chat === "private" && (did === "answer_offer" || did === "report");
  if (namesRisks && c.risks.length) {
    riskCases++;
    if (risks.length && risks.every((r) => c.risks.includes(r))) riskRight++;
    else if (!quiet) misses.push(`  RISK expected ${c.risks.join(",")} got ${risks.join(",") || "none"}  [${c.chat}] ${c.message}`);
  }
  if (!ok && !quiet)
    misses.push(
      `  MISS ${key} [${c.chat}${c.mentioned ? ", @" : ""}] ${c.message}\n       ${replies.map((r) => r.slice(0, 60).replace(/\n/g, " ")).join(" / ") || "(no reply)"}`,
    );
}
await h.stop();

const pct = (n: number, d: number) => `${((100 * n) / (d || 1)).toFixed(1)}%`;
console.log(`== ${file}: ${cases.length} messages through the bot`);
console.log(`did what the household expected   ${pct(right, cases.length)} (${right}/${cases.length})`);
console.log(`offer to report where none was due ${falseOffers}`);
console.log(`risk types chosen right (private)  ${pct(riskRight, riskCases)} (${riskRight}/${riskCases})`);
console.log("expected → did:");
for (const [k, n] of [...confusion].sort()) console.log(`  ${k.padEnd(28)} ${n}`);
for (const m of misses) console.log(m);
process.exit(0);
