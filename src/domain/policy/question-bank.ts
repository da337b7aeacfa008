/**
 * The question bank: for lines of the policy sheets, the questions households ask that the line
 * answers, in their own words (content/question-bank.json, written per line by people who saw the
 * sheets and never an evaluation question). The engine indexes each question as one more way to
 * find its line. Keys name a pair by its question (`faq`) or a body line by its text (`line`); a
 * key no longer in the sheet (the line was reworded) finds nothing, and a test says so.
 */
import bank from "../../../content/question-bank.json" with { type: "json" };

export interface BankEntry {
  kind: "faq" | "line";
  key: string;
  questions: string[];
}

export type QuestionBank = Readonly<Record<string, readonly BankEntry[]>>;

export const QUESTION_BANK: QuestionBank = bank.sheets as QuestionBank;

/** A sheet's bank as "faq:<question>" / "line:<text>" → the households' questions. */
export function questionsFor(bank: QuestionBank, sheetId: string): Map<string, readonly string[]> {
  return new Map((bank[sheetId] ?? []).map((e) => [`${e.kind}:${e.key}`, e.questions]));
}
