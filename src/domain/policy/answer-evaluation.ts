/**
 * Scores the answer engine against a list of questions with known answers
 * (eval/answers.json): top-1 sheet accuracy, figure-in-first-answer accuracy,
 * honest "not sure" on questions the sheets cannot answer, and region-correctness.
 */
import type { AskResult } from "./answer-engine.js";
import type { PolicySheetContent } from "./policy-sheet.js";
import { appliesTo, askerRegion, type RegionCode } from "./region.js";

export type EvalCase =
  | { question: string; region: string; expectedSheet: string; expectedFigure: string }
  | { question: string; region: string; expect: "unsure" };

export interface EvalMiss {
  question: string;
  region: string;
  expected: string;
  got: string;
  why: "wrong_sheet" | "figure_missing" | "should_be_unsure" | "region_violation";
}

export interface EvalReport {
  total: number;
  answerable: number;
  /** Answerable questions whose first answer comes from the expected sheet. */
  top1: number;
  /** Answerable questions whose first answer's text contains the expected figure. */
  figure: number;
  unsureCases: number;
  /** "Not sure" questions answered with confident:false or a pointer to 12317. */
  unsureCorrect: number;
  /** Questions where no answer came from, or quoted a figure only found in, another province's sheets. */
  regionViolations: number;
  /** (figure hits + unsure hits) / total. */
  accuracy: number;
  misses: EvalMiss[];
}

// A figure: a number with the unit a farmer reads it in.
const FIGURE = /\d[\d,.]*\s*(?:万元|元|%|平米|个工作日|个月|周岁|天|日|年|种|升|米|分钟|项|次)/g;

/** The figures a text states, normalised ("3000 元" → "3000元"). */
export const figuresOf = (text: string): string[] => (text.match(FIGURE) ?? []).map((f) => f.replace(/[\s,]/g, ""));

/** Figures stated only in sheets of a region the asker does not belong to. */
function foreignFigures(sheets: readonly PolicySheetContent[], asker: RegionCode): Set<string> {
  const own = new Set<string>();
  const other = new Set<string>();
  for (const s of sheets) {
    const all = [s.body, ...s.faq.map((f) => f.answer)].flatMap(figuresOf);
    for (const f of all) (appliesTo(s.region, asker) ? own : other).add(f);
  }
  return new Set([...other].filter((f) => !own.has(f)));
}

/** Runs every case through `ask` and scores the answers. */
export function evaluateAnswers(cases: readonly EvalCase[], sheets: readonly PolicySheetContent[], ask: (q: string, region: RegionCode | null) => AskResult): EvalReport {
  const regionOf = new Map(sheets.map((s) => [s.id, s.region]));
  const foreignByRegion = new Map<RegionCode, Set<string>>();
  const report: EvalReport = { total: cases.length, answerable: 0, top1: 0, figure: 0, unsureCases: 0, unsureCorrect: 0, regionViolations: 0, accuracy: 0, misses: [] };
  for (const c of cases) {
    const asker = askerRegion(c.region);
    const result = ask(c.question, asker);
    const first = result.answers[0];
    const got = first ? `${first.sheet ?? "（兜底）"}：${first.text}` : "（没有答案）";
    const miss = (why: EvalMiss["why"], expected: string) => report.misses.push({ question: c.question, region: c.region, expected, got, why });

    if (asker) {
      if (!foreignByRegion.has(asker)) foreignByRegion.set(asker, foreignFigures(sheets, asker));
      const foreign = foreignByRegion.get(asker)!;
      const violation = result.answers.some((a) => (a.sheet && !appliesTo(regionOf.get(a.sheet) ?? "", asker)) || figuresOf(a.text).some((f) => foreign.has(f)));
      if (violation) {
        report.regionViolations++;
        miss("region_violation", "不得出现外省的标准");
      }
    }
    if ("expect" in c) {
      report.unsureCases++;
      if (!result.confident || (first?.text.includes("12317") && figuresOf(first.text).length === 0)) report.unsureCorrect++;
      else miss("should_be_unsure", "没把握，请问村委会或12317");
      continue;
    }
    report.answerable++;
    if (first?.sheet === c.expectedSheet) report.top1++;
    else miss("wrong_sheet", c.expectedSheet);
    if (first?.text.includes(c.expectedFigure)) report.figure++;
    else miss("figure_missing", `${c.expectedSheet} 含“${c.expectedFigure}”`);
  }
  report.accuracy = (report.figure + report.unsureCorrect) / (report.total || 1);
  return report;
}
