import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AnswerEngine, bodySentences, DEFAULT_TUNING } from "../../src/domain/policy/answer-engine.js";
import { ASKED_BANK, QUESTION_BANKS, WRITTEN, WRITTEN_BANK } from "../../src/domain/policy/question-bank.js";
import { askerRegion } from "../../src/domain/policy/region.js";
import { loadPolicyFiles } from "../../src/seed/policy-files.js";
import { loadEvalSet } from "../../scripts/answer-evaluation.js";
import { askedBankFile } from "../../scripts/grow-question-bank.js";

const sheets = loadPolicyFiles();

describe("the question bank (content/question-bank.json, content/question-bank-asked.json)", () => {
  it.each(sheets.map((s) => [s.id, s] as const))("names only lines %s has", (id, sheet) => {
    // fails if: a sheet's line was reworded and its questions in the bank now find nothing
    const faq = new Set(sheet.faq.map((f) => f.question));
    const lines = new Set(bodySentences(sheet.body).map((b) => b.line));
    const stale = QUESTION_BANKS.flatMap((b) => b.bank[id] ?? [])
      .filter((e) => !(e.kind === "faq" ? faq.has(e.key) : lines.has(e.key)))
      .map((e) => e.key);
    expect(stale).toEqual([]);
  });

  it("has the writers' questions for every sheet, and only for sheets there are", () => {
    expect(Object.keys(WRITTEN_BANK).sort()).toEqual(sheets.map((s) => s.id).sort());
    for (const bank of Object.values(ASKED_BANK)) for (const id of Object.keys(bank)) expect(sheets.map((s) => s.id)).toContain(id);
  });

  it("finds its lines for more of the writers' questions it holds than the engine without it", () => {
    // fails if: the engine does not index the bank's questions, or indexes them without effect
    const withBank = new AnswerEngine(sheets, undefined, undefined, [WRITTEN]);
    const without = new AnswerEngine(sheets, undefined, undefined, []);
    const firstIs = (engine: AnswerEngine, question: string, region: string, line: string) =>
      (engine.ask(question, region).answers[0]?.text ?? "").includes(line);
    let found = 0;
    let foundWithout = 0;
    for (const sheet of sheets) {
      const region = sheet.region === "430000" ? "430000" : "230000";
      for (const e of WRITTEN_BANK[sheet.id] ?? []) {
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

  it("holds the evaluation sets' questions as scripts/grow-question-bank.ts writes them for the sets it names (rerun it after a sheet or a set changes)", () => {
    // fails if: a sheet or a set changed and the asked questions were not rewritten
    const stored = readFileSync(new URL("../../content/question-bank-asked.json", import.meta.url), "utf8");
    expect(Object.keys(ASKED_BANK).length).toBeGreaterThan(5);
    expect(stored).toBe(askedBankFile(Object.keys(ASKED_BANK)));
  });

  it("puts a set's question only under lines of its expected sheet that state its expected figure, and leaves out what should get 'not sure'", () => {
    const [set, bank] = Object.entries(ASKED_BANK)[1];
    const cases = loadEvalSet(set);
    const unsure = new Set(cases.filter((c) => "expect" in c).map((c) => c.question));
    for (const [sheetId, entries] of Object.entries(bank))
      for (const e of entries)
        for (const q of e.questions) {
          expect(unsure.has(q)).toBe(false);
          const c = cases.find((x) => x.question === q && "expectedSheet" in x);
          expect(c && "expectedSheet" in c && c.expectedSheet).toBe(sheetId);
        }
  });

  it("can answer as if a set had never been asked, exactly as an engine built without its questions", () => {
    // fails if: a set's figures are taken with its own questions in the index, or leaving them out at query time differs from never adding them
    const set = "answers-blind-30.json";
    const full = new AnswerEngine(sheets, { ...DEFAULT_TUNING, minConfidence: 0 });
    const without = new AnswerEngine(
      sheets,
      { ...DEFAULT_TUNING, minConfidence: 0 },
      undefined,
      QUESTION_BANKS.filter((b) => b.source !== set),
    );
    let moved = 0;
    for (const c of loadEvalSet(set)) {
      const region = askerRegion(c.region);
      const unseen = full.assess(c.question, region, set);
      expect(unseen).toEqual(without.assess(c.question, region));
      if (JSON.stringify(full.assess(c.question, region)) !== JSON.stringify(unseen)) moved++;
    }
    // the set's own questions do move its answers when they are in (else this test proves nothing)
    expect(moved).toBeGreaterThan(5);
  });
});
