import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AnswerEngine, DEFAULT_TUNING } from "../../src/domain/policy/answer-engine.js";
import { confidenceOf, confidenceSignals, FITTED_MODEL, FITTED_THRESHOLD, fitConfidence } from "../../src/domain/policy/confidence.js";
import { loadPolicyFiles } from "../../src/seed/policy-files.js";
import { chooseThreshold, gatherExamples, THRESHOLDS } from "../../scripts/confidence-fitting.js";

const sheets = loadPolicyFiles();
/** Middling signals, for changing one at a time. */
const plain = { coverage: 0.3, rivalSheet: 0.5, asksKind: 0, verdict: 0, strength: 4 };

describe("the confidence model", () => {
  it("learns that a wider match is more often right", () => {
    // fails if: the fit ignores its examples or flips a weight's sign
    const examples = Array.from({ length: 40 }, (_, i) => ({
      signals: { ...plain, coverage: (i % 10) / 10, asksKind: i % 2 },
      right: i % 10 >= 3,
    }));
    const model = fitConfidence(examples);
    expect(confidenceOf({ ...plain, coverage: 0.8 }, model)).toBeGreaterThan(confidenceOf({ ...plain, coverage: 0.1 }, model));
  });

  it("reads its signals from the ranked answers: coverage, the nearest other sheet, whether a kind of figure is asked", () => {
    const line = (sheet: string, score: number) => ({ score, matched: ["b:低保"], unit: { sheet, text: "低保标准按月发。" } });
    const signals = confidenceSignals([line("a", 10), line("a", 9), line("b", 6)], 1, [], () => 0.4);
    expect(signals).toEqual({ coverage: 0.4, rivalSheet: 0.6, asksKind: 1, verdict: 0, strength: Math.log(10) });
    expect(confidenceSignals([line("a", 10)], 0, [], () => 0.4).rivalSheet).toBe(0);
    // fails if: another sheet repeating the answer's figures (one rule in two sheets) counts as a rival
    const said = (sheet: string, score: number, text: string) => ({ score, matched: ["b:公示"], unit: { sheet, text } });
    const five = "名单在村内公示，公示期5天。";
    expect(confidenceSignals([said("a", 10, five), said("b", 9, "要。村级公示5天。"), said("c", 5, "公示不少于10日。")], 1, [], () => 0.4).rivalSheet).toBe(
      0.5,
    );
    expect(confidenceSignals([{ ...line("a", 10), unit: { sheet: "a", text: "（黑龙江省规定）不能。本科生不是发放对象。" } }], 0, [], () => 0.4).verdict).toBe(
      1,
    );
  });

  it("rates a thin match with a close rival from another sheet below a full match", () => {
    // fails if: the shipped weights say a thin, rivalled answer is as sure as a full one
    const thin = confidenceOf({ ...plain, coverage: 0.12, rivalSheet: 0.95, verdict: 1 });
    const full = confidenceOf({ ...plain, coverage: 0.6, rivalSheet: 0.3, asksKind: 1 });
    expect(full).toBeGreaterThan(FITTED_THRESHOLD);
    expect(thin).toBeLessThan(FITTED_THRESHOLD);
  });

  it("rates a weak match below a strong one of the same coverage and rival", () => {
    // fails if: the shipped weights ignore how strongly the answer matched (a few shared words of a short question)
    const middling = { ...plain, coverage: 0.25, rivalSheet: 0.6 };
    expect(confidenceOf({ ...middling, strength: Math.log(12) })).toBeLessThan(FITTED_THRESHOLD);
    expect(confidenceOf({ ...middling, strength: Math.log(150) })).toBeGreaterThan(FITTED_THRESHOLD);
  });

  it("turns a sure answer unsure when it rates below the threshold, and only then", () => {
    // fails if: the engine ignores minConfidence
    const q = "俺大爷是特困供养的 一个人过 他那医报还用自个交钱不";
    const open = new AnswerEngine(sheets, { ...DEFAULT_TUNING, minConfidence: 0 }).assess(q, "230000");
    expect(open.result.confident).toBe(true);
    const p = confidenceOf(open.signals);
    expect(new AnswerEngine(sheets, { ...DEFAULT_TUNING, minConfidence: p + 0.01 }).ask(q, "230000").confident).toBe(false);
    expect(new AnswerEngine(sheets, { ...DEFAULT_TUNING, minConfidence: p - 0.01 }).ask(q, "230000").confident).toBe(true);
  });
});

describe("choosing the threshold", () => {
  const row = (threshold: number, gain: number, standardError: number) => ({ threshold, gain, standardError, rightLost: 0, wrongSaved: 0 });
  const flat = [row(0.5, 14, 5.6), row(0.6, 12, 6.2), row(0.7, 12, 6), row(0.75, 5, 9.2), row(0.8, 11, 10.6), row(0.85, -11, 19.1)];

  it("takes the most careful threshold within one standard error of the best gain", () => {
    expect(chooseThreshold(flat)).toBe(0.8);
    expect(chooseThreshold([row(0.5, 40, 5), row(0.8, 20, 10)])).toBe(0.5);
    expect(chooseThreshold([row(0.5, -3, 5), row(0.8, -9, 10)])).toBe(0);
  });

  it("keeps the previous threshold while it is within reach, so a refit does not move it on noise", () => {
    // fails if: a refit on a flat curve moves the threshold whenever another one is marginally more careful or better
    expect(chooseThreshold(flat, 0.7)).toBe(0.7);
    expect(chooseThreshold(flat, 0.75)).toBe(0.8);
    expect(chooseThreshold([row(0.5, 40, 5), row(0.8, 20, 10)], 0.8)).toBe(0.5);
  });
});

describe("content/answer-confidence.json", () => {
  it("holds the weights scripts/fit-confidence.ts fits on today's engine and sheets, over the sets it names (rerun it after any change)", async () => {
    // fails if: the engine or a sheet changed and the model was not refitted
    const stored = JSON.parse(readFileSync(new URL("../../content/answer-confidence.json", import.meta.url), "utf8"));
    expect(stored.fittedOn.length).toBeGreaterThan(5);
    const model = fitConfidence(await gatherExamples(sheets, stored.fittedOn));
    for (const [f, v] of Object.entries(model.features)) {
      expect(FITTED_MODEL.features[f as keyof typeof model.features].weight).toBeCloseTo(v.weight, 4);
      expect(FITTED_MODEL.features[f as keyof typeof model.features].mean).toBeCloseTo(v.mean, 4);
    }
    expect(FITTED_MODEL.bias).toBeCloseTo(model.bias, 4);
  }, 300_000);

  it("keeps its threshold through a refit: one the script can choose, with the sets it was chosen on", () => {
    // fails if: the threshold was set by hand to a value cross-validation never offers, or its sets were dropped
    const stored = JSON.parse(readFileSync(new URL("../../content/answer-confidence.json", import.meta.url), "utf8"));
    expect(THRESHOLDS).toContain(stored.threshold);
    expect(stored.thresholdChosenOn.length).toBeGreaterThan(5);
    expect(FITTED_THRESHOLD).toBe(stored.threshold);
  });
});
