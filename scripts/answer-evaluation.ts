/**
 * Scores answers against questions with known answers (eval/*.json), whatever channel they
 * came through (the engine, the bot's router, the HTTP endpoint): top-1 correct,
 * confident-but-wrong, honest "not sure", region-correctness. Test and script tooling: it
 * lives outside src/ because nothing in the running system needs it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { AskResult } from "../src/domain/policy/answer-engine.js";
import type { PolicySheetContent } from "../src/domain/policy/policy-sheet.js";
import { appliesTo, askerRegion, type RegionCode } from "../src/domain/policy/region.js";

export type EvalCase =
  { question: string; region: string; expectedSheet: string; expectedFigure: string; source?: string } | { question: string; region: string; expect: "unsure" };

/** What a channel said, reduced to what scoring needs: the answers in order and whether it was sure. */
export interface ChannelReply {
  /** `quote`: the document's own words shown with the answer (the bot's reply already holds them in its text). */
  answers: Array<{ sheet: string | null; text: string; quote?: string | null }>;
  confident: boolean;
}

/** What the asker is shown of an answer: its plain words and the document's own words under them. */
const shown = (a: ChannelReply["answers"][number]): string => (a.quote ? `${a.text}\n${a.quote}` : a.text);

export type Ask = (question: string, region: string) => Promise<ChannelReply>;

export interface EvalMiss {
  question: string;
  region: string;
  expected: string;
  got: string;
  why: "wrong_sheet" | "figure_missing" | "should_be_unsure" | "region_violation";
  /** The channel said it was sure. */
  confident: boolean;
}

export interface EvalReport {
  total: number;
  answerable: number;
  /** Answerable questions whose first answer comes from the expected sheet. */
  top1: number;
  /** Answerable questions whose first answer shows the expected figure (in its text or its quote). */
  figure: number;
  /** Of those, the ones from the expected sheet whose figure is only in the document's words, not the plain text. */
  figureOnlyInQuote: number;
  unsureCases: number;
  /** "Not sure" questions answered with confident:false or a pointer to 12317. */
  unsureCorrect: number;
  /**
   * Questions whose first answer is right: from the expected sheet and stating the expected
   * figure, or an honest "not sure" where the sheets cannot answer.
   */
  top1Correct: number;
  /**
   * Confident answers that are wrong: another sheet, a missing figure, or a figure given where
   * the honest answer is "not sure". The worst outcome (goal 0).
   */
  confidentWrong: number;
  /**
   * Of the confident wrong answers: from another sheet, showing the expected figure in the words of the
   * expected seed sentence (a rule two sheets state, or a sentence its writer put under a sheet that does
   * not hold it). Counted apart to say what the wrong answers are; still counted wrong.
   */
  sameRuleElsewhere: number;
  /** Questions where an answer came from, or quoted a figure only found in, another province's sheets. */
  regionViolations: number;
  /** (figure hits + unsure hits) / total. */
  accuracy: number;
  misses: EvalMiss[];
}

// A figure: a number with the unit a farmer reads it in.
const FIGURE = /\d[\d,.]*\s*(?:万元|元|%|平米|个工作日|个月|周岁|天|日|年|种|升|米|分钟|项|次)/g;

/** The figures a text states, normalised ("3000 元" → "3000元"). */
export const figuresOf = (text: string): string[] => (text.match(FIGURE) ?? []).map((f) => f.replace(/[\s,]/g, ""));

/**
 * The grader's only leniencies: a range said either way reads the same ("5日至15日" is "5日到15日"), and
 * spacing carries nothing (the seeds come from PDFs: a writer copying "14000 元" expects "14000元").
 */
export const sameWording = (text: string): string => text.replace(/[至～~—–-]/g, "到").replace(/\s+/g, "");

// Twelve characters of a seed sentence around its figure are its words, not a coincidence of a figure.
const SEED_WORDS = 12;

/** Whether `shownText` holds the words of the seed sentence around the figure (spacing aside). */
export function showsSeedWordsOf(shownText: string, source: string, figure: string): boolean {
  const seen = sameWording(shownText);
  const sentence = sameWording(source.slice(source.indexOf(":") + 1));
  const fig = sameWording(figure);
  const at = sentence.indexOf(fig);
  if (at < 0) return false;
  const length = Math.max(SEED_WORDS, fig.length);
  for (let start = Math.max(0, at + fig.length - length); start <= at && start + length <= sentence.length; start++) {
    if (seen.includes(sentence.slice(start, start + length))) return true;
  }
  return false;
}

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

/** The engine's own result as a channel reply. */
export const fromAskResult = (r: Pick<AskResult, "answers" | "confident">): ChannelReply => ({
  answers: r.answers.map((a) => ({ sheet: a.sheet, text: a.text, quote: a.quote })),
  confident: r.confident,
});

/** Runs every case through `ask` (one at a time: the bot answers a chat in order) and scores the answers. */
export async function evaluateAnswers(cases: readonly EvalCase[], sheets: readonly PolicySheetContent[], ask: Ask): Promise<EvalReport> {
  const regionOf = new Map(sheets.map((s) => [s.id, s.region]));
  const foreignByRegion = new Map<RegionCode, Set<string>>();
  const report: EvalReport = {
    total: cases.length,
    answerable: 0,
    top1: 0,
    figure: 0,
    figureOnlyInQuote: 0,
    unsureCases: 0,
    unsureCorrect: 0,
    top1Correct: 0,
    confidentWrong: 0,
    sameRuleElsewhere: 0,
    regionViolations: 0,
    accuracy: 0,
    misses: [],
  };
  for (const c of cases) {
    const asker = askerRegion(c.region);
    const result = await ask(c.question, c.region);
    const first = result.answers[0];
    const got = first ? `${first.sheet ?? "（兜底）"}：${shown(first)}` : "（没有答案）";
    const miss = (why: EvalMiss["why"], expected: string) =>
      report.misses.push({ question: c.question, region: c.region, expected, got, why, confident: result.confident });

    if (asker) {
      if (!foreignByRegion.has(asker)) foreignByRegion.set(asker, foreignFigures(sheets, asker));
      const foreign = foreignByRegion.get(asker)!;
      const violation = result.answers.some(
        (a) => (a.sheet && !appliesTo(regionOf.get(a.sheet) ?? "", asker)) || figuresOf(shown(a)).some((f) => foreign.has(f)),
      );
      if (violation) {
        report.regionViolations++;
        miss("region_violation", "不得出现外省的标准");
      }
    }
    if ("expect" in c) {
      report.unsureCases++;
      if (!result.confident || (first?.text.includes("12317") && figuresOf(first.text).length === 0)) {
        report.unsureCorrect++;
        report.top1Correct++;
      } else {
        report.confidentWrong++;
        miss("should_be_unsure", "没把握，请问村委会或12317");
      }
      continue;
    }
    report.answerable++;
    const rightSheet = first?.sheet === c.expectedSheet;
    const states = (text: string) => sameWording(text).includes(sameWording(c.expectedFigure));
    const rightFigure = Boolean(first && states(shown(first)));
    if (rightSheet && rightFigure && !states(first.text)) report.figureOnlyInQuote++;
    if (rightSheet) report.top1++;
    else miss("wrong_sheet", c.expectedSheet);
    if (rightFigure) report.figure++;
    else miss("figure_missing", `${c.expectedSheet} 含“${c.expectedFigure}”`);
    if (rightSheet && rightFigure) report.top1Correct++;
    else if (result.confident) {
      report.confidentWrong++;
      if (!rightSheet && rightFigure && c.source && showsSeedWordsOf(shown(first), c.source, c.expectedFigure)) report.sameRuleElsewhere++;
    }
  }
  report.accuracy = (report.figure + report.unsureCorrect) / (report.total || 1);
  return report;
}

const EVAL_DIR = new URL("../eval/", import.meta.url);

/**
 * An evaluation set by file name in eval/ (answers.json, answers-blind-7.json …), or by a path
 * (absolute, or relative to the working directory) for a blind set kept outside the project.
 */
export const loadEvalSet = (file: string): EvalCase[] =>
  JSON.parse(readFileSync(file.includes("/") ? resolve(file) : new URL(file, EVAL_DIR), "utf8")) as EvalCase[];

/** Every set in eval/, the tuned-on set first. */
export const evalSetFiles = (): string[] =>
  readdirSync(EVAL_DIR)
    .filter((f) => /^answers.*\.json$/.test(f))
    .sort((a, b) => (a === "answers.json" ? -1 : b === "answers.json" ? 1 : a.localeCompare(b, "en", { numeric: true })));
