import { describe, expect, it } from "vitest";
import { AnswerEngine } from "../../src/domain/policy/answer-engine.js";
import { QUESTION_BANK } from "../../src/domain/policy/question-bank.js";
import { loadPolicyFiles } from "../../src/seed/policy-files.js";

const sheets = loadPolicyFiles();

/** The body lines of a sheet as the engine reads them: no headings, no bullet marks. */
const bodyLines = (body: string) =>
  body
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => l.replace(/^[-*]\s*/, ""));

describe("content/question-bank.json", () => {
  it.each(sheets.map((s) => [s.id, s] as const))("names only lines %s has", (id, sheet) => {
    // fails if: a sheet's line was reworded and its questions in the bank now find nothing
    const faq = new Set(sheet.faq.map((f) => f.question));
    const lines = new Set(bodyLines(sheet.body));
    const stale = (QUESTION_BANK[id] ?? []).filter((e) => !(e.kind === "faq" ? faq.has(e.key) : lines.has(e.key))).map((e) => e.key);
    expect(stale).toEqual([]);
  });

  it("has questions for every sheet, and only for sheets there are", () => {
    expect(Object.keys(QUESTION_BANK).sort()).toEqual(sheets.map((s) => s.id).sort());
  });

  it("finds its lines for more of the households' questions it holds than the engine without it", () => {
    // fails if: the engine does not index the bank's questions, or indexes them without effect
    const withBank = new AnswerEngine(sheets);
    const without = new AnswerEngine(sheets, undefined, undefined, {});
    const firstIs = (engine: AnswerEngine, question: string, region: string, line: string) =>
      (engine.ask(question, region).answers[0]?.text ?? "").includes(line);
    let found = 0;
    let foundWithout = 0;
    for (const sheet of sheets) {
      const region = sheet.region === "430000" ? "430000" : "230000";
      for (const e of QUESTION_BANK[sheet.id] ?? []) {
        const line = e.kind === "faq" ? sheet.faq.find((f) => f.question === e.key)!.answer.slice(0, 10) : e.key.slice(0, 10);
        for (const q of e.questions) {
          if (firstIs(withBank, q, region, line)) found++;
          if (firstIs(without, q, region, line)) foundWithout++;
        }
      }
    }
    // 30 Nov 2026: 1,549 with the bank, 893 without (of 1,974; some lines say what another line or pair says too)
    expect(found).toBeGreaterThan(foundWithout * 1.5);
  });
});
