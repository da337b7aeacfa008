/**
 * Chooses the engine's thresholds by k-fold cross-validation over the union of every
 * evaluation set (eval/answers*.json), not on one set. Each fold tunes on the other folds by
 * coordinate search (one threshold at a time over a short list of values, twice round) and is
 * scored on itself; the cross-validated score of the search is compared with the defaults'.
 * Objective per question: +1 for a right first answer (right sheet and figure, or an honest
 * "not sure"), −3 for a confident wrong one (worse than "请问村委会或打12317").
 *
 * Usage: npx tsx scripts/tune-answers.ts [--folds 5]
 */
import { AnswerEngine, DEFAULT_TUNING, type EngineTuning } from "../src/domain/policy/answer-engine.js";
import { WRITTEN } from "../src/domain/policy/question-bank.js";
import { askerRegion } from "../src/domain/policy/region.js";
import { loadPolicyFiles } from "../src/seed/policy-files.js";
import { evalSetFiles, evaluateAnswers, fromAskResult, loadEvalSet, type EvalCase } from "./answer-evaluation.js";

const WRONG_COST = 3;
const CANDIDATES: Record<keyof EngineTuning, number[]> = {
  minCoverage: [0.03, 0.05, 0.08, 0.12],
  minEvidence: [8, 10, 12, 15, 18],
  minScore: [6, 8, 10, 12],
  sentenceFactor: [0.6, 0.7, 0.8, 0.9, 1],
  foreignDominance: [0.6, 0.7, 0.75, 0.8, 0.9],
  typeBoost: [1, 1.1, 1.15, 1.25],
  typeRunnerUp: [0.6, 0.7, 0.8],
  // 1: the rule off (only the usual reach).
  typeRunnerUpUnanswered: [0.4, 0.5, 0.6, 0.7, 1],
  topicRunnerUp: [0.65, 0.75, 0.85],
  topicRunnerUpOffTopic: [0.5, 0.6, 0.7],
  commonRunnerUp: [0.85, 0.9, 0.95],
  // 2: the rule off.
  neighbourSheet: [0.8, 0.85, 0.9, 0.95, 2],
  // 1: the asking clause counts no more than the rest.
  askedClause: [1, 1.1, 1.25, 1.5],
  ageRunnerUp: [0.3, 0.4, 0.5, 0.7],
  // Chosen with the model's weights by scripts/fit-confidence.ts, which holds out whole sets.
  minConfidence: [],
};

const sheets = loadPolicyFiles();
const cases: EvalCase[] = evalSetFiles().flatMap(loadEvalSet);
const k = Number(process.argv[process.argv.indexOf("--folds") + 1]) || 5;

// A fixed shuffle (so a run can be repeated), then folds by position.
let seed = 17;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const order = cases.map((_, i) => i).sort(() => random() - 0.5);
const foldOf = new Map(order.map((caseIndex, position) => [caseIndex, position % k]));

/** Per question: +1 right, −WRONG_COST confident and wrong, 0 otherwise (an honest miss). */
const memo = new Map<string, number[]>();
async function outcomes(tuning: EngineTuning): Promise<number[]> {
  const key = JSON.stringify(tuning);
  const known = memo.get(key);
  if (known) return known;
  // The writers' bank only: with the sets' own questions in it, every fold would be measured on questions it holds.
  const engine = new AnswerEngine(sheets, tuning, undefined, [WRITTEN]);
  const out: number[] = [];
  for (const c of cases) {
    const r = await evaluateAnswers([c], sheets, async (q, region) => fromAskResult(engine.ask(q, askerRegion(region))));
    out.push(r.top1Correct ? 1 : r.confidentWrong ? -WRONG_COST : 0);
  }
  memo.set(key, out);
  return out;
}

const score = (o: number[], keep: (i: number) => boolean) => o.reduce((sum, v, i) => sum + (keep(i) ? v : 0), 0);

async function search(keep: (i: number) => boolean): Promise<EngineTuning> {
  let best = { ...DEFAULT_TUNING };
  let bestScore = score(await outcomes(best), keep);
  for (let round = 0; round < 2; round++) {
    for (const name of Object.keys(CANDIDATES) as Array<keyof EngineTuning>) {
      for (const value of CANDIDATES[name]) {
        const trial = { ...best, [name]: value };
        const s = score(await outcomes(trial), keep);
        // Ties keep the current value: a change must earn its place.
        if (s > bestScore) [best, bestScore] = [trial, s];
      }
    }
  }
  return best;
}

const defaults = await outcomes(DEFAULT_TUNING);
let cvSearch = 0;
let cvDefault = 0;
const chosen: EngineTuning[] = [];
for (let f = 0; f < k; f++) {
  const inFold = (i: number) => foldOf.get(i) === f;
  const tuned = await search((i) => !inFold(i));
  chosen.push(tuned);
  const [t, d] = [score(await outcomes(tuned), inFold), score(defaults, inFold)];
  cvSearch += t;
  cvDefault += d;
  console.log(
    `fold ${f + 1}/${k}: held-out score tuned ${t}, defaults ${d}; changed: ${JSON.stringify(Object.fromEntries(Object.entries(tuned).filter(([n, v]) => DEFAULT_TUNING[n as keyof EngineTuning] !== v)))}`,
  );
}
const all = await search(() => true);
const summary = (o: number[]) => `${o.filter((v) => v === 1).length}/${o.length} right, ${o.filter((v) => v < 0).length} confident wrong`;
console.log(`\n${cases.length} questions, ${k} folds, objective right − ${WRONG_COST}×confident-wrong`);
console.log(`cross-validated: search ${cvSearch}, defaults ${cvDefault}`);
console.log(`defaults on all: ${summary(defaults)}`);
console.log(`search on all:   ${summary(await outcomes(all))} with ${JSON.stringify(all)}`);
