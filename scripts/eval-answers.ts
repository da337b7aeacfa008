/**
 * Asks the answer engine every question of eval/answers.json (and, with --holdout, the
 * held-out sets eval/answers-holdout*.json) and prints accuracy, region-correctness and
 * the misses.
 * Usage: npm run eval:answers [-- --holdout]
 */
import { readdirSync, readFileSync } from "node:fs";
import { AnswerEngine } from "../src/domain/policy/answer-engine.js";
import { evaluateAnswers, type EvalCase, type EvalReport } from "../src/domain/policy/answer-evaluation.js";
import { loadPolicyFiles } from "../src/seed/policy-files.js";

const pct = (n: number, d: number) => `${((100 * n) / (d || 1)).toFixed(1)}%`;

function print(name: string, r: EvalReport): void {
  console.log(`\n== ${name}: ${r.total} questions (${r.answerable} with a figure, ${r.unsureCases} that should be "not sure")`);
  console.log(`top-1 sheet accuracy        ${pct(r.top1, r.answerable)} (${r.top1}/${r.answerable})`);
  console.log(`figure in first answer      ${pct(r.figure, r.answerable)} (${r.figure}/${r.answerable})`);
  console.log(`honest "not sure"           ${pct(r.unsureCorrect, r.unsureCases)} (${r.unsureCorrect}/${r.unsureCases})`);
  console.log(`overall accuracy            ${pct(r.figure + r.unsureCorrect, r.total)}`);
  console.log(`region-correct              ${pct(r.total - r.regionViolations, r.total)} (${r.regionViolations} violations)`);
  for (const m of r.misses) console.log(`  MISS [${m.why}] (${m.region}) ${m.question}\n       expected ${m.expected}\n       got      ${m.got}`);
}

const sheets = loadPolicyFiles();
const engine = new AnswerEngine(sheets);
const ask = (q: string, region: string | null) => engine.ask(q, region);
const load = (file: string) => JSON.parse(readFileSync(new URL(`../eval/${file}`, import.meta.url), "utf8")) as EvalCase[];

print("eval/answers.json", evaluateAnswers(load("answers.json"), sheets, ask));
if (process.argv.includes("--holdout")) {
  for (const file of readdirSync(new URL("../eval/", import.meta.url)).filter((f) => /^answers-holdout.*\.json$/.test(f)).sort()) {
    print(`eval/${file} (held out)`, evaluateAnswers(load(file), sheets, ask));
  }
}
