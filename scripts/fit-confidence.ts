/**
 * Refits the answer-confidence model (src/domain/policy/confidence.ts) and writes
 * content/answer-confidence.json, with the sets it was fitted on. Run it after any change to the
 * engine, its tables or the sheets (tests/policies/confidence.test.ts fails while the weights are stale).
 *
 * A refit does not move the threshold. Chosen by leaving one set out at a time on 19 sets, it moved on
 * noise with small changes (0.8 → 0.75 → 0.7 while one sheet's lines were being moved, README "The
 * threshold, held through a refit"). Choosing it again (--choose-threshold, on every opened set) is a
 * change to the engine like any other, measured once on sealed sets before it lands.
 *
 * Usage: npx tsx scripts/fit-confidence.ts                            # weights, on the sets named last time
 *        npx tsx scripts/fit-confidence.ts --sets a.json,b.json        # weights, on these sets
 *        npx tsx scripts/fit-confidence.ts --choose-threshold a.json,… # and the threshold, by leaving one of these out at a time
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fitConfidence } from "../src/domain/policy/confidence.js";
import { loadPolicyFiles } from "../src/seed/policy-files.js";
import { crossValidate, gatherExamples, WRONG_COST } from "./confidence-fitting.js";

const FILE = new URL("../content/answer-confidence.json", import.meta.url);

const stored = JSON.parse(readFileSync(FILE, "utf8")) as { fittedOn: string[]; threshold: number; thresholdChosenOn?: string[] };
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1].split(",") : undefined;
};
const sets = arg("sets") ?? stored.fittedOn;
const thresholdSets = arg("choose-threshold");
const sheets = loadPolicyFiles();
const examples = await gatherExamples(sheets, sets);
const model = fitConfidence(examples);
const round = (n: number) => Math.round(n * 1e6) / 1e6;
const rounded = {
  features: Object.fromEntries(Object.entries(model.features).map(([f, v]) => [f, { mean: round(v.mean), scale: round(v.scale), weight: round(v.weight) }])),
  bias: round(model.bias),
};
const wrong = examples.filter((e) => !e.right).length;
console.log(`weights: ${examples.length} sure answers with the gate off (${wrong} of them wrong), ${sets.length} sets: ${JSON.stringify(rounded)}`);

let threshold = stored.threshold;
if (thresholdSets) {
  const all = await gatherExamples(sheets, thresholdSets);
  const cv = crossValidate(all, stored.threshold);
  threshold = cv.chosen;
  console.log(`threshold: ${all.length} sure answers (${all.filter((e) => !e.right).length} wrong), ${thresholdSets.length} sets, held out one set at a time`);
  console.log(`(gain = ${WRONG_COST} × wrong turned unsure − right turned unsure)`);
  console.log("| threshold | right turned unsure | wrong turned unsure | gain | standard error |\n|---|---|---|---|---|");
  for (const r of cv.byThreshold) console.log(`| ${r.threshold} | ${r.rightLost} | ${r.wrongSaved} | ${r.gain} | ${r.standardError} |`);
  console.log(`chosen (the previous one while within one standard error of the best gain, else the most careful that is): ${threshold}`);
}
writeFileSync(
  FILE,
  `${JSON.stringify(
    {
      about: "Weights of the answer-confidence model (src/domain/policy/confidence.ts), written by scripts/fit-confidence.ts; do not edit by hand.",
      model: rounded,
      threshold,
      thresholdChosenOn: thresholdSets ?? stored.thresholdChosenOn ?? stored.fittedOn,
      fittedOn: sets,
    },
    null,
    2,
  )}\n`,
);
