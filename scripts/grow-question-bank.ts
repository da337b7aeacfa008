/**
 * Writes content/question-bank-asked.json: the questions of the evaluation sets it names, as a
 * question bank (scripts/asked-questions.ts). A new blind set is first run on the engine as it is and
 * its figures recorded (README "Evaluation"); adding it here is a later, deliberate step, followed by
 * `npx tsx scripts/fit-confidence.ts` (tests fail while either file is stale).
 *
 * Usage: npx tsx scripts/grow-question-bank.ts                      # rewrite for the sets it names
 *        npx tsx scripts/grow-question-bank.ts --add answers-blind-34.json,answers-blind-35.json
 */
import { readFileSync, writeFileSync } from "node:fs";
import { loadPolicyFiles } from "../src/seed/policy-files.js";
import { evalSetFiles, loadEvalSet } from "./answer-evaluation.js";
import { askedBankOf } from "./asked-questions.js";

const FILE = new URL("../content/question-bank-asked.json", import.meta.url);

/** The file's text for these sets (also what the staleness test compares with). */
export function askedBankFile(sets: readonly string[]): string {
  const sheets = loadPolicyFiles();
  const order = evalSetFiles();
  const sorted = [...new Set(sets)].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const about =
    "The questions of the evaluation sets already run once, as a question bank (src/domain/policy/question-bank.ts): " +
    "per set, per sheet, each answerable question under the lines of its expected sheet stating its expected figure. " +
    "Written by scripts/grow-question-bank.ts; do not edit by hand. A set is added only after its first run is recorded.";
  return `${JSON.stringify({ about, sets: Object.fromEntries(sorted.map((s) => [s, askedBankOf(loadEvalSet(s), sheets)])) }, null, 1)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const named = Object.keys(JSON.parse(readFileSync(FILE, "utf8")).sets as object);
  const i = process.argv.indexOf("--add");
  const added = i > 0 ? process.argv[i + 1].split(",") : [];
  const sets = [...named, ...added];
  writeFileSync(FILE, askedBankFile(sets));
  console.log(`content/question-bank-asked.json: ${new Set(sets).size} sets`);
}
