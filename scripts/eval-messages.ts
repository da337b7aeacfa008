/**
 * Sends every message of a chat-message set through the real bot and prints what it did against what
 * the set expects (scripts/message-evaluation.ts): did what the household expected, offers to report
 * where none was due, risk types chosen right in private, and the misses.
 *
 * Usage: npm run eval:messages -- --set eval/messages-blind-1.json [--quiet]
 */
import { evaluateMessages, loadMessageSet } from "./message-evaluation.js";

const i = process.argv.indexOf("--set");
const file = i > 0 ? process.argv[i + 1] : undefined;
if (!file) throw new Error("--set <file> is required");
const quiet = process.argv.includes("--quiet");

const r = await evaluateMessages(loadMessageSet(file));
const pct = (n: number, d: number) => `${((100 * n) / (d || 1)).toFixed(1)}%`;
console.log(`== ${file}: ${r.total} messages through the bot`);
console.log(`did what the household expected   ${pct(r.right, r.total)} (${r.right}/${r.total})`);
console.log(`offer to report where none was due ${r.falseOffers}`);
console.log(`risk types chosen right (private)  ${pct(r.riskRight, r.riskCases)} (${r.riskRight}/${r.riskCases})`);
console.log("expected → did:");
for (const [k, n] of [...r.confusion].sort()) console.log(`  ${k.padEnd(28)} ${n}`);
if (!quiet) for (const m of r.misses) console.log(`  ${m}`);
// The bot's puppet leaves timers behind; the figures are printed.
process.exit(0);
