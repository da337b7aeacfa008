/**
 * Answer latency with every sheet loaded: p50/p99 of AnswerEngine.ask over the eval
 * questions, against a baseline measured in the same run (a plain linear scan over all
 * Q/A strings with `includes`, the least a per-question search could do).
 * Part of `npm run bench` (`npm run bench policy-answers` alone, or `npm run bench:answers`).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { AnswerEngine } from "../src/domain/policy/answer-engine.js";
import type { EvalCase } from "../scripts/answer-evaluation.js";
import { askerRegion } from "../src/domain/policy/region.js";
import { loadPolicyFiles } from "../src/seed/policy-files.js";
import { percentile } from "./stats.js";

export interface LatencyStats {
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
}

export interface PolicyAnswerBench {
  sheets: number;
  units: number;
  questions: number;
  buildMs: number;
  engine: LatencyStats;
  baseline: LatencyStats;
  /** engine p50 / baseline p50: the cost of real retrieval over the cheapest scan. */
  p50Ratio: number;
}

function stats(samples: number[]): LatencyStats {
  return { p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99), meanMs: samples.reduce((a, b) => a + b, 0) / samples.length };
}

function time(fn: () => unknown): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

/** Measures `rounds` passes over the eval questions (after one warm-up pass). */
export function benchPolicyAnswers(rounds = 20): PolicyAnswerBench {
  const sheets = loadPolicyFiles();
  let engine!: AnswerEngine;
  const buildMs = time(() => (engine = new AnswerEngine(sheets)));
  const cases = JSON.parse(readFileSync(new URL("../eval/answers.json", import.meta.url), "utf8")) as EvalCase[];
  const questions = cases.map((c) => ({ q: c.question, region: askerRegion(c.region) }));
  const strings = sheets.flatMap((s) => s.faq.map((f) => `${f.question}${f.answer}`));
  const scan = (q: string) => {
    let best = -1;
    let bestScore = -1;
    for (const [i, s] of strings.entries()) {
      let score = 0;
      for (const ch of q) if (s.includes(ch)) score++;
      if (score > bestScore) [best, bestScore] = [i, score];
    }
    return best;
  };
  for (const { q, region } of questions) {
    engine.ask(q, region);
    scan(q);
  }
  const engineSamples: number[] = [];
  const baselineSamples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const { q, region } of questions) {
      engineSamples.push(time(() => engine.ask(q, region)));
      baselineSamples.push(time(() => scan(q)));
    }
  }
  const e = stats(engineSamples);
  const b = stats(baselineSamples);
  return { sheets: sheets.length, units: engine.unitCount, questions: engineSamples.length, buildMs, engine: e, baseline: b, p50Ratio: e.p50Ms / b.p50Ms };
}

/** Runs the benchmark and prints it (for `npm run bench` and `npm run bench:answers`). */
export async function printPolicyAnswerBench(): Promise<void> {
  const r = benchPolicyAnswers();
  const ms = (n: number) => `${n.toFixed(3)} ms`;
  console.log(`policy answers: ${r.sheets} sheets, ${r.units} answer units, index built in ${ms(r.buildMs)}, ${r.questions} questions asked`);
  console.log(`  engine   p50 ${ms(r.engine.p50Ms)}  p99 ${ms(r.engine.p99Ms)}  mean ${ms(r.engine.meanMs)}`);
  console.log(`  baseline p50 ${ms(r.baseline.p50Ms)}  p99 ${ms(r.baseline.p99Ms)}  (linear scan with includes)`);
  console.log(`  engine/baseline p50 ratio ${r.p50Ratio.toFixed(2)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await printPolicyAnswerBench();
