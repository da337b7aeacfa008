/**
 * The question bank: for lines of the policy sheets, the questions households ask that the line
 * answers, in their own words. Two sources, both content:
 * - content/question-bank.json, written per line by people who saw the sheets and never an
 *   evaluation question;
 * - content/question-bank-asked.json, the questions of the evaluation sets already run once (each
 *   under the lines stating its expected figure), grouped by set so that a set can be left out to
 *   measure on it as if unseen (scripts/grow-question-bank.ts writes it; README "Asked questions").
 * The engine indexes each question as one more way to find its line. Keys name a pair by its question
 * (`faq`) or a body line by its text (`line`); a key no longer in the sheet (the line was reworded)
 * finds nothing, and a test says so.
 */
import written from "../../../content/question-bank.json" with { type: "json" };
import asked from "../../../content/question-bank-asked.json" with { type: "json" };

export interface BankEntry {
  kind: "faq" | "line";
  key: string;
  questions: readonly string[];
}

/** Per sheet id, its lines' entries. */
export type QuestionBank = Readonly<Record<string, readonly BankEntry[]>>;

export const WRITTEN_BANK: QuestionBank = written.sheets as QuestionBank;

/** Per evaluation set (its file name in eval/), the bank its questions make. */
export const ASKED_BANK: Readonly<Record<string, QuestionBank>> = asked.sets as Record<string, QuestionBank>;

/**
 * A bank with where its questions came from: "written", or the evaluation set (its file name in
 * eval/) that asked them. The engine keeps each question's source, so that it can answer as if one
 * set had never been asked (to measure on that set as if unseen) without an index of its own.
 */
export interface SourcedBank {
  source: string;
  bank: QuestionBank;
}

export const WRITTEN: SourcedBank = { source: "written", bank: WRITTEN_BANK };

/** Every bank the engine indexes, by source. */
export const QUESTION_BANKS: readonly SourcedBank[] = [WRITTEN, ...Object.entries(ASKED_BANK).map(([source, bank]) => ({ source, bank }))];

/** A sheet's bank as "faq:<question>" / "line:<text>" → the households' questions. */
export function questionsFor(bank: QuestionBank, sheetId: string): Map<string, readonly string[]> {
  return new Map((bank[sheetId] ?? []).map((e) => [`${e.kind}:${e.key}`, e.questions]));
}
