/**
 * The evaluation sets' questions as a question bank (content/question-bank-asked.json): each
 * answerable question goes under the line or lines of its expected sheet that state its expected
 * figure — the lines the grader takes as right. A question whose figure no line states, or more
 * than MAX_LINES state, teaches nothing certain and is left out; so are questions that should get
 * "not sure". Test and script tooling, outside src/.
 */
import { basename } from "node:path";
import { bodySentences } from "../src/domain/policy/answer-engine.js";
import type { PolicySheetContent } from "../src/domain/policy/policy-sheet.js";
import { ASKED_BANK, type BankEntry, type QuestionBank } from "../src/domain/policy/question-bank.js";
import { sameWording, type EvalCase } from "./answer-evaluation.js";

const MAX_LINES = 3;

/** The bank one evaluation set makes. */
export function askedBankOf(cases: readonly EvalCase[], sheets: readonly PolicySheetContent[]): QuestionBank {
  const bank: Record<string, Map<string, BankEntry & { questions: string[] }>> = {};
  for (const c of cases) {
    if ("expect" in c) continue;
    const sheet = sheets.find((s) => s.id === c.expectedSheet);
    if (!sheet) continue;
    const figure = sameWording(c.expectedFigure);
    const states = (text: string) => sameWording(text).includes(figure);
    const lines = [
      ...sheet.faq.filter((f) => states(f.answer)).map((f) => ({ kind: "faq" as const, key: f.question })),
      ...bodySentences(sheet.body)
        .filter((b) => states(b.line))
        .map((b) => ({ kind: "line" as const, key: b.line })),
    ];
    if (lines.length === 0 || lines.length > MAX_LINES) continue;
    const entries = (bank[sheet.id] ??= new Map());
    for (const l of lines) {
      const id = `${l.kind}:${l.key}`;
      if (!entries.has(id)) entries.set(id, { ...l, questions: [] });
      entries.get(id)!.questions.push(c.question);
    }
  }
  return Object.fromEntries(Object.entries(bank).map(([sheet, entries]) => [sheet, [...entries.values()]]));
}

/** Whether a set's questions are in the bank (its figures through the full bank are not a measure). */
export const inAskedBank = (set: string): boolean => basename(set) in ASKED_BANK;
