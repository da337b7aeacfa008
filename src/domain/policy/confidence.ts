/**
 * How likely the engine's best answer is right, from five signals every question has: how much of the
 * question the answer covers, how close another sheet's best line comes, whether the question asks
 * for a kind of figure the other stages could check, whether the answer is a yes or a no to its
 * own question (which may not be the asker's), and how strongly it matched at all (since W″: README
 * "Landed: W″"). Each gate of `judge` looks at one signal alone; an answer that passes them all only
 * just (a thin match with a close rival from another sheet) is more often wrong than right-but-unsure
 * is costly, so it is not given as sure.
 *
 * The weights are content (content/answer-confidence.json), fitted by `scripts/fit-confidence.ts` on
 * the evaluation sets the file names. The threshold was chosen by leaving one set out at a time (the most
 * careful within one standard error of the best held-out gain); a refit does not move it, because on a
 * few sets it moved on noise, and choosing it again is a measured change (README "The threshold, held
 * through a refit").
 */
import model from "../../../content/answer-confidence.json" with { type: "json" };
import { opensWithVerdict, repeatsFigures } from "./answer-type.js";
import type { WeightedTerm } from "./bm25.js";

export const CONFIDENCE_FEATURES = ["coverage", "rivalSheet", "asksKind", "verdict", "strength"] as const;
export type ConfidenceFeature = (typeof CONFIDENCE_FEATURES)[number];
export type ConfidenceSignals = Record<ConfidenceFeature, number>;

export interface ConfidenceModel {
  /** Per feature: the mean and spread it was standardised with, and its weight. */
  features: Record<ConfidenceFeature, { mean: number; scale: number; weight: number }>;
  bias: number;
}

export const FITTED_MODEL: ConfidenceModel = model.model as ConfidenceModel;

/** The least fitted probability of being right for a sure answer, chosen by leaving one set out (0: no gate). */
export const FITTED_THRESHOLD: number = model.threshold;

interface Scored {
  score: number;
  matched: readonly string[];
  unit: { sheet: string; text: string };
}

/**
 * The signals of the best answer: its coverage of the question (0–1), the best line of another
 * sheet as a share of its score (0 when no other sheet matched), 1 when the question asks for a
 * kind of figure (an amount, a time, an office …), 1 when the answer opens with a yes or a no
 * (“能。”, “不算。”: the verdict on the one case its own question names), and the log of its score:
 * a line found by a few shared words scores low, whatever share of a long question they are.
 */
export function confidenceSignals(
  allowed: readonly Scored[],
  askedKinds: number,
  query: readonly WeightedTerm[],
  coverage: (query: readonly WeightedTerm[], matched: readonly string[]) => number,
): ConfidenceSignals {
  const best = allowed[0];
  // Another sheet repeating the answer's figures states the same rule: no rival (as in `betweenSheets`).
  const rival = best && allowed.find((c) => c.unit.sheet !== best.unit.sheet && !repeatsFigures(c.unit.text, best.unit.text));
  return {
    coverage: best ? coverage(query, best.matched) : 0,
    rivalSheet: best && rival && best.score > 0 ? rival.score / best.score : 0,
    asksKind: askedKinds > 0 ? 1 : 0,
    verdict: best && opensWithVerdict(best.unit.text) ? 1 : 0,
    strength: best ? Math.log(Math.max(best.score, 1)) : 0,
  };
}

/** The fitted probability (0–1) that an answer with these signals is right. */
export function confidenceOf(signals: ConfidenceSignals, m: ConfidenceModel = FITTED_MODEL): number {
  let z = m.bias;
  for (const f of CONFIDENCE_FEATURES) {
    const { mean, scale, weight } = m.features[f];
    z += weight * ((signals[f] - mean) / scale);
  }
  return 1 / (1 + Math.exp(-z));
}

/**
 * Logistic regression by gradient descent, with a light L2 penalty. Deterministic: the same
 * examples give the same weights. Unweighted, so the probability is calibrated and the
 * threshold alone carries the cost of a wrong answer.
 */
export function fitConfidence(examples: ReadonlyArray<{ signals: ConfidenceSignals; right: boolean }>): ConfidenceModel {
  const n = examples.length;
  const stats = CONFIDENCE_FEATURES.map((f) => {
    const values = examples.map((e) => e.signals[f]);
    const mean = values.reduce((a, b) => a + b, 0) / (n || 1);
    const spread = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n || 1));
    return { mean, scale: spread || 1 };
  });
  // Flat typed arrays and plain loops (the same sums in the same order as a row-by-row fit, so the same
  // weights to the last bit): the threshold's cross-validation fits once per held-out set.
  const d = CONFIDENCE_FEATURES.length;
  const rows = new Float64Array(n * d);
  examples.forEach((e, k) => CONFIDENCE_FEATURES.forEach((f, i) => (rows[k * d + i] = (e.signals[f] - stats[i].mean) / stats[i].scale)));
  const ys = Float64Array.from(examples, (e) => (e.right ? 1 : 0));
  const w = new Float64Array(d);
  const grad = new Float64Array(d);
  let bias = 0;
  const L2 = 1;
  const RATE = 0.5;
  for (let step = 0; step < 3000; step++) {
    grad.fill(0);
    let gradBias = 0;
    for (let k = 0; k < n; k++) {
      const at = k * d;
      let z = 0;
      for (let i = 0; i < d; i++) z += rows[at + i] * w[i];
      const g = 1 / (1 + Math.exp(-(bias + z))) - ys[k];
      for (let i = 0; i < d; i++) grad[i] += g * rows[at + i];
      gradBias += g;
    }
    for (let i = 0; i < d; i++) w[i] -= (RATE * (grad[i] + L2 * w[i])) / n;
    bias -= (RATE * gradBias) / n;
  }
  const features = Object.fromEntries(CONFIDENCE_FEATURES.map((f, i) => [f, { ...stats[i], weight: w[i] }])) as ConfidenceModel["features"];
  return { features, bias };
}
