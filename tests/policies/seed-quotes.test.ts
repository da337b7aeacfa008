import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AnswerEngine, bodySentences } from "../../src/domain/policy/answer-engine.js";
import type { PolicySheetContent } from "../../src/domain/policy/policy-sheet.js";
import { askerRegion } from "../../src/domain/policy/region.js";
import { quoteOf, SEED_QUOTES, shownQuote } from "../../src/domain/policy/seed-quotes.js";
import { loadPolicyFiles } from "../../src/seed/policy-files.js";

const sheets = loadPolicyFiles();
/** Every line a sheet answers with, as the engine reads it: its body sentences and its FAQ answers. */
const linesOf = (sheet: PolicySheetContent) => [...bodySentences(sheet.body).map((b) => b.line), ...sheet.faq.map((f) => f.answer)];
const seed = (file: string) => readFileSync(new URL(`../../content/seeds/${file}`, import.meta.url), "utf8").replace(/\s+/g, "");

describe("the seed's own words for each line (content/seed-quotes.json)", () => {
  it.each(Object.entries(SEED_QUOTES))("%s: every span is a piece of its seed, and a line's spans are short enough to read on a phone", (_, quotes) => {
    // fails if: a quote was typed from memory or tidied up, so it no longer says what the document says
    const bare = (t: string) => t.replace(/\s+/g, "");
    const notVerbatim = quotes.flatMap((q) => q.spans.filter((span) => !seed(q.seed).includes(bare(span))));
    expect(notVerbatim).toEqual([]);
    expect(
      quotes.filter((q) => q.spans.length > 3 || q.spans.some((span) => bare(span).length > 100) || bare(q.spans.join("")).length > 220).map((q) => q.line),
    ).toEqual([]);
  });

  it.each(sheets.map((s) => [s.id, s] as const))("names only lines %s has", (id, sheet) => {
    // fails if: a line was reworded and keeps a quote nobody checked against the new words
    const lines = new Set(linesOf(sheet));
    expect((SEED_QUOTES[id] ?? []).filter((q) => !lines.has(q.line)).map((q) => q.line)).toEqual([]);
  });

  it("quotes most lines of every sheet", () => {
    for (const sheet of sheets) {
      const lines = linesOf(sheet);
      expect(lines.filter((l) => quoteOf(sheet.id, l)).length, sheet.id).toBeGreaterThan(lines.length / 2);
    }
  });

  it("shows a line's spans joined as a quotation leaving words out, without the PDF's spacing", () => {
    const line = "黑龙江省标准：C级危房补14000元，D级危房补28000元，无房户补14000元；建农村公租房的再加9000元。";
    const spans = SEED_QUOTES["hlj-housing"].find((q) => q.line === line)!.spans;
    expect(quoteOf("hlj-housing", line)).toBe(spans.map(shownQuote).join("……"));
    expect(quoteOf("hlj-housing", line)).toContain("0.9万元");
  });

  it("shows a quote without the PDF's spacing, and changes nothing else", () => {
    expect(shownQuote("补助标准是 C 级和无房户均为 14000 元， D 级 28000 元")).toBe("补助标准是C级和无房户均为14000元，D级28000元");
    expect(shownQuote("再增加 0.9 万元。")).toBe("再增加0.9万元。");
  });
});

describe("answers with the document's own words", () => {
  const engine = new AnswerEngine(sheets);
  const suiling = askerRegion("231226");

  it("a sure answer carries its own line's quote; the pointer to the village carries none", () => {
    const sure = engine.ask("D级危房改造补多少钱", suiling);
    expect(sure.confident).toBe(true);
    const housing = sheets.find((s) => s.id === sure.answers[0].sheet)!;
    const line = linesOf(housing).find((l) => sure.answers[0].text.endsWith(l))!;
    expect(sure.answers[0].quote).toBe(quoteOf(housing.id, line));
    expect(sure.answers[0].quote).toContain("28000");
    const unsure = engine.ask("冬天烧煤有没有取暖补贴", suiling);
    expect(unsure.confident).toBe(false);
    expect(unsure.answers[0].quote).toBeNull();
  });

  it("a line reworded in the console loses its quote until one is checked for the new words", () => {
    const housing = sheets.find((s) => s.id === "hlj-housing")!;
    const reworded = { ...housing, faq: housing.faq.map((f) => ({ ...f, answer: `${f.answer}（新）` })), body: housing.body.replace(/。/g, "。（新）") };
    const answer = new AnswerEngine([reworded]).ask("C级危房改造补多少钱", suiling).answers[0];
    expect(answer.sheet).toBe("hlj-housing");
    expect(answer.text).toContain("14000");
    expect(answer.quote).toBeNull();
  });
});
