/**
 * Refits the answer-confidence model and writes content/answer-confidence.json, with the sets it was
 * fitted on. Run it after any change to the engine, its tables or the sheets (the test
 * tests/policies/confidence.test.ts fails while the file is stale). A new blind set is first run
 * against the model as it is; fitting on it too is a later, deliberate step.
 *
 * Usage: npx tsx scripts/fit-confidence.ts            # the sets it was fitted on last time
 *        npx tsx scripts/fit-confidence.ts --all-sets  # every set in eval/
 *        npx tsx scripts/fit-confidence.ts --sets a.json,b.json  # these sets (e.g. every set but the sealed ones)
 */
import { readFileSync, writeFileSync } from "node:fs";
import { loadPolicyFiles } from "../src/seed/policy-files.js";
import { evalSetFiles } from "./answer-evaluation.js";
import { fitAll, gatherExamples, WRONG_COST } from "./confidence-fitting.js";

const FILE = new URL("../content/answer-confidence.json", import.meta.url);

const stored = JSON.parse(readFileSync(FILE, "utf8")) as { fittedOn: string[]; threshold: number };
const listed = process.argv.indexOf("--sets");
const sets: string[] = listed > 0 ? process.argv[listed + 1].split(",") : process.argv.includes("--all-sets") ? evalSetFiles() : stored.fittedOn;
const examples = await gatherExamples(loadPolicyFiles(), sets);
const { model, cv } = fitAll(examples, stored.threshold);
const round = (n: number) => Math.round(n * 1e6) / 1e6;
const rounded = {
  features: Object.fromEntries(Object.entries(model.features).map(([f, v]) => [f, { mean: round(v.mean), scale: round(v.scale), weight: round(v.weight) }])),
  bias: round(model.bias),
};
writeFileSync(
  FILE,
  `${JSON.stringify(
    {
      about: "Weights of the answer-confidence model (src/domain/policy/confidence.ts), written by scripts/fit-confidence.ts; do not edit by hand.",
      model: rounded,
      threshold: cv.chosen,
      fittedOn: sets,
    },
    null,
    2,
  )}\n`,
);

const wrong = examples.filter((e) => !e.right).length;
console.log(`${examples.length} sure answers with the gate off (${wrong} of them wrong), ${new Set(examples.map((e) => e.set)).size} sets`);
console.log(`held out one set at a time (gain = ${WRONG_COST} × wrong turned unsure − right turned unsure):`);
console.log("| threshold | right turned unsure | wrong turned unsure | gain | standard error |\n|---|---|---|---|---|");
for (const r of cv.byThreshold) console.log(`| ${r.threshold} | ${r.rightLost} | ${r.wrongSaved} | ${r.gain} | ${r.standardError} |`);
console.log(
  `chosen threshold (the previous one while within one standard error of the best gain, else the most careful that is): ${cv.chosen}; weights: ${JSON.stringify(rounded)}`,
);
