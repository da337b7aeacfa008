/**
 * Fits the answer-confidence model (src/domain/policy/confidence.ts) and chooses its threshold by
 * leaving one whole evaluation set out at a time: a set is a writer's questions, so holding a set
 * out asks how the model does on a writer it has not seen. Test and script tooling, outside src/.
 */
import { AnswerEngine, DEFAULT_TUNING } from "../src/domain/policy/answer-engine.js";
import { confidenceOf, fitConfidence, type ConfidenceSignals } from "../src/domain/policy/confidence.js";
import type { PolicySheetContent } from "../src/domain/policy/policy-sheet.js";
import { askerRegion } from "../src/domain/policy/region.js";
import { evalSetFiles, evaluateAnswers, fromAskResult, loadEvalSet } from "./answer-evaluation.js";

/** A confident answer before the confidence gate, and whether it was right. */
export interface Example {
  set: string;
  signals: ConfidenceSignals;
  right: boolean;
}

/** A wrong confident answer costs this many right ones (the objective of scripts/tune-answers.ts). */
export const WRONG_COST = 3;
export const THRESHOLDS = [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9];

/** Every answer the engine gives as sure with the gate off, over the given sets (default: every set in eval/). */
export async function gatherExamples(sheets: readonly PolicySheetContent[], sets: readonly string[] = evalSetFiles()): Promise<Example[]> {
  const out: Example[] = [];
  const engine = new AnswerEngine(sheets, { ...DEFAULT_TUNING, minConfidence: 0 });
  for (const set of sets) {
    for (const c of loadEvalSet(set)) {
      // each set as if unseen: its own questions out of the question bank
      const { result, signals } = engine.assess(c.question, askerRegion(c.region), set);
      if (!result.confident) continue;
      const r = await evaluateAnswers([c], sheets, async () => fromAskResult(result));
      out.push({ set, signals, right: r.top1Correct === 1 });
    }
  }
  return out;
}

export interface CrossValidation {
  /**
   * Per threshold, summed over the held-out sets: right answers turned unsure, wrong ones turned
   * unsure, the gain (WRONG_COST × saved − lost) and its standard error across the sets.
   */
  byThreshold: Array<{ threshold: number; rightLost: number; wrongSaved: number; gain: number; standardError: number }>;
  /**
   * The threshold chosen by the one-standard-error rule: the highest (most careful) threshold whose
   * held-out gain is within one standard error of the best gain; 0 when no threshold gains.
   */
  chosen: number;
}

export function crossValidate(examples: readonly Example[], previous?: number): CrossValidation {
  const sets = [...new Set(examples.map((e) => e.set))];
  const perSet = THRESHOLDS.map(() => sets.map(() => 0));
  const byThreshold = THRESHOLDS.map((threshold) => ({ threshold, rightLost: 0, wrongSaved: 0, gain: 0, standardError: 0 }));
  sets.forEach((held, s) => {
    const model = fitConfidence(examples.filter((e) => e.set !== held));
    for (const e of examples.filter((x) => x.set === held)) {
      const p = confidenceOf(e.signals, model);
      byThreshold.forEach((row, t) => {
        if (p >= row.threshold) return;
        if (e.right) row.rightLost++;
        else row.wrongSaved++;
        perSet[t][s] += e.right ? -1 : WRONG_COST;
      });
    }
  });
  byThreshold.forEach((row, t) => {
    row.gain = WRONG_COST * row.wrongSaved - row.rightLost;
    const mean = row.gain / sets.length;
    const variance = perSet[t].reduce((a, g) => a + (g - mean) ** 2, 0) / Math.max(sets.length - 1, 1);
    // The total's standard error: the per-set spread, summed over independent sets.
    row.standardError = Math.round(Math.sqrt(variance * sets.length) * 10) / 10;
  });
  return { byThreshold, chosen: chooseThreshold(byThreshold, previous) };
}

/**
 * The most careful threshold whose held-out gain is within one standard error of the best; 0 when no
 * threshold gains. A previous threshold still within that reach stays: on a flat curve the rule
 * would otherwise move it on noise (0.8 → 0.6 → 0.75 on small changes, README "Blind sets 44 and 45").
 */
export function chooseThreshold(rows: CrossValidation["byThreshold"], previous?: number): number {
  const best = rows.reduce((a, b) => (b.gain > a.gain ? b : a));
  if (best.gain <= 0) return 0;
  const withinReach = rows.filter((r) => r.gain > 0 && r.gain >= best.gain - best.standardError);
  if (previous !== undefined && withinReach.some((r) => r.threshold === previous)) return previous;
  return Math.max(...withinReach.map((r) => r.threshold));
}
