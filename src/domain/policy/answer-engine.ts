/**
 * Answers a household's question from the published policy sheets: a BM25 index over
 * character n-grams and synonym concepts of every FAQ pair and body sentence, built
 * once, with the question bank's households' wordings as more ways to find each line
 * (question-bank.ts), a word's rarity taken over the sheets that apply to the asker; region-true
 * (a sheet of another province never answers as the asker's own); and honest (low confidence points to the village committee and 12317).
 */
import { leavesFigureOpen, pointsWhereToAsk, statedTypes } from "./answer-type.js";
import {
  betweenSheets,
  compose,
  coverageOf,
  DEFAULT_TUNING,
  issuerOf,
  judge,
  preferAskedFigure,
  preferAskedStage,
  verdictOnAnotherCase,
  enumeratedItems,
  preferAmountNotGiven,
  preferAskedUnit,
  preferLeftOpen,
  preferFittingAge,
  preferNamedGrade,
  preferOwnCase,
  preferOwnGroup,
  preferOwnTopic,
  readQuestion,
  scoreFactor,
  weighted,
  type AskResult,
  type Candidate,
  type EngineTuning,
  type SheetCases,
  type Unit,
} from "./answer-stages.js";
import { Bm25Index, type WeightedTerm } from "./bm25.js";
import type { PolicySheetContent } from "./policy-sheet.js";
import { confidenceOf, confidenceSignals, FITTED_MODEL, type ConfidenceModel, type ConfidenceSignals } from "./confidence.js";
import { appliesTo, NATIONAL, provinceAskedAbout, provincesOwningRule, type RegionCode } from "./region.js";
import { normalizeText } from "./normalize.js";
import { isGenericTerm } from "./synonyms.js";
import { termsOf } from "./tokenize.js";
import { QUESTION_BANKS, questionsFor, type SourcedBank } from "./question-bank.js";
import { quoteOf } from "./seed-quotes.js";

export { DEFAULT_TUNING, FALLBACK_TITLE, foreignText, labelled, UNSURE_TEXT, type Answer, type AskResult, type EngineTuning } from "./answer-stages.js";

/**
 * A question of the question bank counts half as much as a pair's own question: it helps find its
 * line, it does not outweigh the sheets' words (0.25, 0.5, 0.75 and 1 measured on all 2,649
 * evaluation questions, README "A question bank, first measured").
 */
const BANK_WEIGHTS = { bigram: 1, unigram: 0.25, concept: 1.25 };

// "务工生产奖补不含公益岗人员", "农村宅基地的不动产除外": a group or thing a line leaves out.
const LEFT_OUT = /不(?:含|包括|包含)[^，。；、）)]*|[^，。；、（(]*除外/g;

/** A line's words without what it leaves out: what it speaks of, for finding it (it is shown whole). */
const speaksOf = (text: string): string => text.replace(LEFT_OUT, " ");

/** Lines of a body worth answering with: bullets and sentences, not headings. */
export function bodySentences(body: string): Array<{ heading: string; line: string }> {
  const out: Array<{ heading: string; line: string }> = [];
  let heading = "";
  for (const raw of body.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith("#")) heading = line.replace(/^#+\s*/, "");
    else out.push({ heading, line: line.replace(/^[-*]\s*/, "") });
  }
  return out;
}

export class AnswerEngine {
  private readonly index = new Bm25Index();
  private readonly units: Unit[] = [];
  /** The unit each index document stands for: its own document, and one per question of the question bank. */
  private readonly docUnit: number[] = [];
  /** Each unit's own document (its words, not a bank question's). */
  private readonly ownDoc: number[] = [];
  /** Per document, the bank source of its question (-1: a unit's own document). */
  private readonly docSource: number[] = [];
  /** What each sheet's lines name and list: the cases it tells apart. */
  private readonly sheetCases = new Map<string, { concepts: Set<string>; items: string[] }>();
  /** The provinces whose statistics a unit of a region counts for (a national unit: every one). */
  private readonly scopesOf: (region: RegionCode) => readonly string[];
  /** The regions some sheet covers. */
  private readonly regions = new Set<RegionCode>();

  constructor(
    sheets: readonly PolicySheetContent[],
    private readonly tuning: EngineTuning = DEFAULT_TUNING,
    private readonly confidenceModel: ConfidenceModel = FITTED_MODEL,
    private readonly banks: readonly SourcedBank[] = QUESTION_BANKS,
  ) {
    const provinces = [...new Set(sheets.map((s) => s.region).filter((r) => r !== NATIONAL))];
    this.scopesOf = (region) => (region === NATIONAL ? provinces : [region]);
    for (const s of sheets) {
      this.addSheet(s);
      this.regions.add(s.region);
    }
    for (const u of this.units) {
      const cases = this.sheetCases.get(u.sheet);
      for (const c of u.concepts) cases?.concepts.add(c);
    }
  }

  get unitCount(): number {
    return this.units.length;
  }

  private addSheet(s: PolicySheetContent): void {
    const issuer = issuerOf(s.title, s.region);
    const items = [...new Set([...s.faq.map((f) => f.answer), ...bodySentences(s.body).map((b) => b.line)].flatMap(enumeratedItems))];
    this.sheetCases.set(s.id, { concepts: new Set(), items });
    const context = [
      ...weighted(termsOf(s.title), { bigram: 0.4, unigram: 0, concept: 0.8 }),
      ...weighted(termsOf(s.keywords.join(" ")), { bigram: 0.3, unigram: 0, concept: 0.8 }),
    ];
    const asked = this.banks.map((b) => questionsFor(b.bank, s.id));
    // A household's question the line answers makes a document of the line as a question-and-answer pair would.
    const addAsked = (unit: number, key: string, rest: WeightedTerm[]) =>
      asked.forEach((questions, source) => {
        for (const question of questions.get(key) ?? []) {
          this.index.add([...weighted(termsOf(question), BANK_WEIGHTS), ...rest], false);
          this.docUnit.push(unit);
          this.docSource.push(source);
        }
      });
    for (const f of s.faq) {
      const unit = this.units.length;
      this.units.push({
        sheet: s.id,
        title: s.title,
        region: s.region,
        text: f.answer,
        source: f.source ?? s.source,
        kind: "faq",
        quote: quoteOf(s.id, f.answer),
        states: statedTypes(f.answer),
        pointsWhereToAsk: pointsWhereToAsk(f.answer),
        leavesOpen: leavesFigureOpen(f.answer),
        concepts: conceptsOf(f.question, speaksOf(f.answer)),
        titleConcepts: conceptsOf(s.title),
        issuer,
        caseWords: caseWordsOf(f.question, [...s.keywords, ...items], conceptsOf(s.title)),
      });
      const answer = weighted(termsOf(speaksOf(f.answer)), { bigram: 1, unigram: 0.25, concept: 1.2 });
      this.ownDoc[unit] = this.index.add(
        [...weighted(termsOf(f.question), { bigram: 2, unigram: 0.5, concept: 2.5 }), ...answer, ...context],
        true,
        this.scopesOf(s.region),
      );
      this.docUnit.push(unit);
      this.docSource.push(-1);
      addAsked(unit, `faq:${f.question}`, [...answer, ...context]);
    }
    for (const { heading, line } of bodySentences(s.body)) {
      const unit = this.units.length;
      this.units.push({
        sheet: s.id,
        title: s.title,
        region: s.region,
        text: line,
        source: s.source,
        kind: "sentence",
        quote: quoteOf(s.id, line),
        states: statedTypes(line),
        pointsWhereToAsk: pointsWhereToAsk(line),
        leavesOpen: leavesFigureOpen(line),
        concepts: conceptsOf(heading, speaksOf(line)),
        titleConcepts: conceptsOf(s.title),
        issuer,
      });
      const own = [
        ...weighted(termsOf(speaksOf(line)), { bigram: 1, unigram: 0.25, concept: 1.2 }),
        ...weighted(termsOf(heading), { bigram: 0.5, unigram: 0, concept: 0.8 }),
      ];
      this.ownDoc[unit] = this.index.add([...own, ...context], true, this.scopesOf(s.region));
      this.docUnit.push(unit);
      this.docSource.push(-1);
      addAsked(unit, `line:${line}`, [...own, ...context]);
    }
  }

  /**
   * Best answers for a question, for an asker of the given region (null: unknown). Stages: answer-stages.ts.
   * `unseen` names a bank source (an evaluation set) to answer as if its questions had never been
   * asked: bank questions count for no term's rarity nor the average length, so leaving them out at
   * query time gives what an engine built without them gives.
   */
  ask(question: string, asker: RegionCode | null, unseen?: string): AskResult {
    return this.assess(question, asker, unseen).result;
  }

  /** The answer with the signals its confidence was rated on (for fitting the confidence model). */
  assess(question: string, asker: RegionCode | null, unseen?: string): { result: AskResult; signals: ConfidenceSignals } {
    const reading = readQuestion(question, this.tuning);
    const left = unseen === undefined ? -1 : this.banks.findIndex((b) => b.source === unseen);
    const accept = left < 0 ? undefined : (doc: number) => this.docSource[doc] !== left;
    // A line found several ways (its own words, its bank questions) counts once, by its best.
    const scope = asker !== null && asker !== NATIONAL && this.regions.has(asker) ? asker : undefined;
    const idf = (t: string) => this.index.idf(t, scope);
    const { hit, scores, matched } = this.index.score(reading.query, accept, (doc) => this.ownDoc[this.docUnit[doc]] === doc, scope);
    const best = new Map<number, number>();
    for (const doc of hit) {
      const unit = this.docUnit[doc];
      if (scores[doc] > (best.get(unit) ?? -1)) best.set(unit, scores[doc]);
    }
    const ranked: Candidate[] = [...best]
      .map(([unit, score]) => ({
        unit: this.units[unit],
        // A bank question may find the line (its score); only the line's own words vouch for it (what it
        // matches, read by the stages and the confidence): a household's phrasing alone proves nothing.
        matched: matched[this.ownDoc[unit]] ?? [],
        score: score * scoreFactor(this.units[unit], reading.types, this.tuning),
        doc: unit,
      }))
      .sort((a, b) => b.score - a.score || a.doc - b.doc);
    let allowed = ranked.filter((c) => appliesTo(c.unit.region, asker));
    allowed = preferOwnTopic(allowed, reading, this.tuning);
    allowed = preferAskedStage(allowed, reading, this.tuning);
    allowed = preferAskedFigure(allowed, reading, this.tuning);
    allowed = preferAmountNotGiven(allowed, reading, this.tuning);
    allowed = preferLeftOpen(allowed, reading, this.tuning);
    allowed = preferAskedUnit(allowed, reading, this.tuning);
    allowed = preferFittingAge(allowed, reading, this.tuning);
    allowed = preferNamedGrade(allowed, reading, this.tuning);
    allowed = preferOwnGroup(allowed, reading, this.tuning);
    const asked = normalizeText(question);
    const cases = (c: Candidate | undefined): SheetCases => (c && this.sheetCases.get(c.unit.sheet)) || { concepts: new Set(), items: [] };
    allowed = preferOwnCase(allowed, reading, asked, cases(allowed[0]), this.tuning);
    const judgement = judge(allowed[0], ranked[0], reading, asker, idf, this.tuning);
    const signals = confidenceSignals(allowed, reading.types.length, reading.query, (q, m) => coverageOf(q, m, idf));
    const confident =
      judgement.confident &&
      !betweenSheets(allowed, reading, this.tuning) &&
      !verdictOnAnotherCase(allowed[0], reading, asked, cases(allowed[0])) &&
      (this.tuning.minConfidence <= 0 || confidenceOf(signals, this.confidenceModel) >= this.tuning.minConfidence);
    // "她们吉林那边危房补多少", "吉林危房补多少": no sheet of that province, so no figure of anyone's.
    const namesSubject = (text: string) => termsOf(text).concepts.some((c) => !isGenericTerm("concept", c));
    const elsewhere = [provinceAskedAbout(question), ...provincesOwningRule(question, namesSubject)].find(
      (p): p is RegionCode => !!p && p !== asker && !this.regions.has(p),
    );
    return { result: compose(allowed, { ...judgement, confident, elsewhere }, asker), signals };
  }
}

/**
 * The particular case a pair's question names: its topic concepts and the sheet's keywords and listed
 * items it says ("白内障算不算大病": 白内障), less what the sheet's title already names (every line of the sheet is about that).
 */
function caseWordsOf(question: string, keywords: readonly string[], title: ReadonlySet<string>): string[] {
  const q = normalizeText(question);
  const concepts = termsOf(question).concepts.filter((c) => !isGenericTerm("concept", c) && !title.has(c));
  const words = keywords.map(normalizeText).filter((k) => k.length >= 2 && q.includes(k) && !title.has(k) && !isGenericTerm("concept", k));
  return [...new Set([...concepts, ...words])];
}

/** The canonical concepts named in a unit's own texts. */
const conceptsOf = (...texts: string[]) => new Set(texts.flatMap((t) => termsOf(t).concepts));
