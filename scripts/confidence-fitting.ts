/**
 * Fits the answer-confidence model (src/domain/policy/confidence.ts) and chooses its threshold by
 * leaving one whole evaluation set out at a time: a set is a writer's questions, so holding a set
 * out asks how the model does on a writer it has not seen. Test and script tooling, outside src/.
 */
import { AnswerEngine, DEFAULT_TUNING } from "../src/domain/policy/answer-engine.js";
import { confidenceOf, fitConfidence, type ConfidenceModel, type ConfidenceSignals } from "../src/domain/policy/confidence.js";
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

/** Every answer the engine gives as sure with the gate off, over every set in eval/. */
export async function gatherExamples(sheets: readonly PolicySheetContent[]): Promise<Example[]> {
  const engine = new AnswerEngine(sheets, { ...DEFAULT_TUNING, minConfidence: 0 });
  const out: Example[] = [];
  for (const set of evalSetFiles()) {
    for (const c of loadEvalSet(set)) {
      const { result, signals } = engine.assess(c.question, askerRegion(c.region));
      if (!result.confident) continue;
      const r = await evaluateAnswers([c], sheets, async () => fromAskResult(result));
      out.push({ set, signals, right: r.top1Correct === 1 });
    }
  }
  return out;
}

export interface CrossValidation {
  /** Per threshold, summed over the held-out sets: right answers turned unsure, wrong ones turned unsure. */
  byThreshold: Array<{ threshold: number; rightLost: number; wrongSaved: number; gain: number }>;
  /** The threshold with the best held-out gain (WRONG_COST × saved − lost), or 0 when none gains. */
  chosen: number;
}

export function crossValidate(examples: readonly Example[]): CrossValidation {
  const sets = [...new Set(examples.map((e) => e.set))];
  const byThreshold = THRESHOLDS.map((threshold) => ({ threshold, rightLost: 0, wrongSaved: 0, gain: 0 }));
  for (const held of sets) {
    const model = fitConfidence(examples.filter((e) => e.set !== held));
    for (const e of examples.filter((x) => x.set === held)) {
      const p = confidenceOf(e.signals, model);
      for (const row of byThreshold) {
        if (p >= row.threshold) continue;
        if (e.right) row.rightLost++;
        else row.wrongSaved++;
      }
    }
  }
  for (const row of byThreshold) row.gain = WRONG_COST * row.wrongSaved - row.rightLost;
  const best = byThreshold.reduce((a, b) => (b.gain > a.gain ? b : a));
  return { byThreshold, chosen: best.gain > 0 ? best.threshold : 0 };
}

/** The model to ship: fitted on every set, with the cross-validated threshold. */
export function fitAll(examples: readonly Example[]): { model: ConfidenceModel; cv: CrossValidation } {
  return { model: fitConfidence(examples), cv: crossValidate(examples) };
}
