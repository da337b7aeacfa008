/**
 * Answers a household's question from the published policy sheets: a BM25 index over
 * character n-grams and synonym concepts of every FAQ pair and body sentence, built
 * once; region-true (a sheet of another province never answers as the asker's own);
 * and honest (low confidence points to the village committee and 12317).
 */
import { askedTypes, askedUnit, states, type AnswerType } from "./answer-type.js";
import { Bm25Index, type WeightedTerm } from "./bm25.js";
import type { PolicySheetContent } from "./policy-sheet.js";
import { appliesTo, NATIONAL, regionName, type RegionCode } from "./region.js";
import { standardQuestionWords } from "./normalize.js";
import { isGenericTerm, OUT_OF_SCOPE } from "./synonyms.js";
import { termsOf, type Terms } from "./tokenize.js";

export interface Answer {
  sheet: string | null;
  title: string;
  text: string;
  source: string | null;
  score: number;
}

export interface AskResult {
  answers: Answer[];
  confident: boolean;
}

/** One retrievable piece of a sheet: an FAQ pair or a sentence of the body. */
interface Unit {
  sheet: string;
  title: string;
  region: RegionCode;
  text: string;
  source: string;
  kind: "faq" | "sentence";
  /** The kinds of figure the text states, worked out once at build. */
  states: ReadonlySet<AnswerType>;
  /** The concepts its own words name (its question, answer or heading; not the sheet's keywords). */
  concepts: ReadonlySet<string>;
  /** The concepts its sheet's title names: what every line of the sheet is about. */
  titleConcepts: ReadonlySet<string>;
}

const ANSWER_TYPES: AnswerType[] = ["money", "time", "age", "count", "area", "share", "distance", "figure"];
const statedTypes = (text: string) => new Set(ANSWER_TYPES.filter((t) => states(text, t)));

/** Thresholds tuned on eval/answers.json (see README "Policy answers"). */
export interface EngineTuning {
  /** Share of the question's weighted terms the best unit must contain when it shares a topic concept. */
  minCoverage: number;
  /** Without a shared topic concept, the IDF-weighted evidence the best unit must share. */
  minEvidence: number;
  /** Minimum BM25 score of the best unit. */
  minScore: number;
  /** A sentence of a body counts this much against an FAQ answer. */
  sentenceFactor: number;
  /** Another province's unit wins the question when the asker's best scores below this share of it. */
  foreignDominance: number;
  /** Score factor for an answer stating the kind of figure the question asks for. */
  typeBoost: number;
  /** A runner-up stating the asked figure goes first when it scores at least this share of the best. */
  typeRunnerUp: number;
  /** A runner-up whose own words name more of the question's topics goes first when it scores at least this share of the best. */
  topicRunnerUp: number;
  /** Same, when the best answer names none of the question's topics. */
  topicRunnerUpOffTopic: number;
  /** Same, for a runner-up that only names more of the question's common concepts. */
  commonRunnerUp: number;
}

export const DEFAULT_TUNING: EngineTuning = { minCoverage: 0.05, minEvidence: 12, minScore: 8, sentenceFactor: 0.8, foreignDominance: 0.75, typeBoost: 1.15, typeRunnerUp: 0.7, topicRunnerUp: 0.75, topicRunnerUpOffTopic: 0.6, commonRunnerUp: 0.9 };

export const FALLBACK_TITLE = "请问村委会或拨打12317";
export const UNSURE_TEXT = "这个问题我没有把握答准，不敢乱说。请问你们村委会，或者拨打全国防返贫监测帮扶热线12317。";

/** The fallback when only another province's rule matches: never that province's figure. */
export function foreignText(asker: RegionCode): string {
  return `你问的这一项，${regionName(asker)}的具体标准在我们收录的政策文件里没有写明，不能拿外省的标准当成你的。请问你们村委会，或者拨打全国防返贫监测帮扶热线12317。`;
}

// Place names that already say whose rule an answer states.
const PLACE_NAMES: Record<string, string[]> = { "230000": ["黑龙江", "绥棱"], "430000": ["湖南", "大祥"] };

const QUERY_WEIGHTS = { bigram: 1, unigram: 0.25, concept: 1.5 };

function weighted(t: Terms, w: { bigram: number; unigram: number; concept: number }): WeightedTerm[] {
  return [
    ...t.bigrams.map((term) => ({ term: `b:${term}`, weight: w.bigram })),
    ...t.unigrams.map((term) => ({ term: `u:${term}`, weight: w.unigram })),
    ...t.concepts.map((term) => ({ term: `c:${term}`, weight: w.concept })),
  ];
}

/** Lines of a body worth answering with: bullets and sentences, not headings. */
function bodySentences(body: string): Array<{ heading: string; line: string }> {
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

/** Says whose rule a provincial answer states, unless the text already names the place. */
export function labelled(text: string, region: RegionCode): string {
  if (region === NATIONAL) return text;
  const names = PLACE_NAMES[region] ?? [regionName(region)];
  return names.some((n) => text.includes(n)) ? text : `（${regionName(region)}规定）${text}`;
}

export class AnswerEngine {
  private readonly index = new Bm25Index();
  private readonly units: Unit[] = [];

  constructor(
    sheets: readonly PolicySheetContent[],
    private readonly tuning: EngineTuning = DEFAULT_TUNING,
  ) {
    for (const s of sheets) this.addSheet(s);
  }

  get unitCount(): number {
    return this.units.length;
  }

  private addSheet(s: PolicySheetContent): void {
    const context = [
      ...weighted(termsOf(s.title), { bigram: 0.4, unigram: 0, concept: 0.8 }),
      ...weighted(termsOf(s.keywords.join(" ")), { bigram: 0.3, unigram: 0, concept: 0.8 }),
    ];
    for (const f of s.faq) {
      this.units.push({ sheet: s.id, title: s.title, region: s.region, text: f.answer, source: f.source ?? s.source, kind: "faq", states: statedTypes(f.answer), concepts: conceptsOf(f.question, f.answer), titleConcepts: conceptsOf(s.title) });
      this.index.add([
        ...weighted(termsOf(f.question), { bigram: 2, unigram: 0.5, concept: 2.5 }),
        ...weighted(termsOf(f.answer), { bigram: 1, unigram: 0.25, concept: 1.2 }),
        ...context,
      ]);
    }
    for (const { heading, line } of bodySentences(s.body)) {
      this.units.push({ sheet: s.id, title: s.title, region: s.region, text: line, source: s.source, kind: "sentence", states: statedTypes(line), concepts: conceptsOf(heading, line), titleConcepts: conceptsOf(s.title) });
      this.index.add([
        ...weighted(termsOf(line), { bigram: 1, unigram: 0.25, concept: 1.2 }),
        ...weighted(termsOf(heading), { bigram: 0.5, unigram: 0, concept: 0.8 }),
        ...context,
      ]);
    }
  }

  /** Best answers for a question, for an asker of the given region (null: unknown). */
  ask(question: string, asker: RegionCode | null): AskResult {
    const query = weighted(termsOf(question), QUERY_WEIGHTS);
    // Read the figure type from the question as typed: normalisation folds 多少钱 into 多少.
    const types = askedTypes(standardQuestionWords(question));
    const factor = (u: Unit) => (u.kind === "sentence" ? this.tuning.sentenceFactor : 1) * (types.some((t) => u.states.has(t)) ? this.tuning.typeBoost : 1);
    const ranked = this.index
      .search(query)
      .map((r) => ({ ...r, unit: this.units[r.doc], score: r.score * factor(this.units[r.doc]) }))
      .sort((a, b) => b.score - a.score || a.doc - b.doc);
    const allowed = ranked.filter((r) => appliesTo(r.unit.region, asker));
    // A close runner-up that itself speaks of more of the question's topics (not just through
    // its sheet's keywords) goes first: "存款不能超过多少" wants the line on savings, not on cars.
    // Among near-equals, the common concepts it names itself (监测户, 孩子 …) break the tie.
    const asked = termsOf(question).concepts;
    const topics = asked.filter((c) => !isGenericTerm("concept", c));
    const ownTopics = (r: (typeof ranked)[number]) => topics.filter((c) => r.unit.concepts.has(c)).length;
    const ownCommon = (r: (typeof ranked)[number]) => asked.filter((c) => r.unit.concepts.has(c)).length - ownTopics(r);
    if (asked.length && allowed[0]) {
      const top = allowed[0];
      let pick = 0;
      // A best answer naming none of the question's topics, nor its sheet in its title, is a weak match: look further down.
      const offTopic = topics.length && !topics.some((c) => top.unit.concepts.has(c) || top.unit.titleConcepts.has(c));
      const reach = offTopic ? this.tuning.topicRunnerUpOffTopic : this.tuning.topicRunnerUp;
      for (let i = 1; i < allowed.length && allowed[i].score >= top.score * reach; i++) {
        const [r, p] = [allowed[i], allowed[pick]];
        const moreTopics = ownTopics(r) > ownTopics(p);
        const tieBreak = ownTopics(r) === ownTopics(p) && ownCommon(r) > ownCommon(p) && r.score >= top.score * this.tuning.commonRunnerUp;
        if (moreTopics || tieBreak) pick = i;
      }
      if (pick > 0) allowed.unshift(...allowed.splice(pick, 1));
    }
    // Asked for a figure: a close runner-up on the same sheet or topic that states it goes first.
    const givesType = (r: (typeof ranked)[number]) => types.some((t) => r.unit.states.has(t)) || r.unit.text.includes("12317");
    if (types.length && allowed[0] && !givesType(allowed[0])) {
      const top = allowed[0];
      const i = allowed.findIndex((r) => (r.unit.sheet === top.unit.sheet || sharesTopic(r.matched)) && r.score >= top.score * this.tuning.typeRunnerUp && givesType(r) && ownTopics(r) >= ownTopics(top));
      if (i > 0) allowed.unshift(...allowed.splice(i, 1));
    }
    // Asked in a unit ("多少个月", "几周岁"): a close runner-up stating the figure in that unit goes first.
    const unit = askedUnit(standardQuestionWords(question));
    if (unit && allowed[0] && !unit.test(allowed[0].unit.text)) {
      const top = allowed[0];
      const i = allowed.findIndex((r) => r.unit.sheet === top.unit.sheet && r.score >= top.score * this.tuning.typeRunnerUp && unit.test(r.unit.text) && (ownTopics(r) > 0 || !topics.length));
      if (i > 0) allowed.unshift(...allowed.splice(i, 1));
    }
    const best = allowed[0];
    const overall = ranked[0];
    const coverage = best ? this.coverage(query, best.matched) : 0;
    // Another province's rule fits the question far better than anything of the asker's own
    // (a foreign line that itself only points to 12317 states no rule).
    const foreignWins = !!overall && !appliesTo(overall.unit.region, asker) && !overall.unit.text.includes("12317") && (!best || best.score < overall.score * this.tuning.foreignDominance) && this.coverage(query, overall.matched) >= this.tuning.minCoverage;
    // Asked "how much" and the best answer states no amount (nor points to 12317): not an answer.
    // (A bare 多少 names no kind of figure: "利率多少" is answered in words, so it only orders.)
    const named = types.filter((t) => t !== "figure");
    const answersType = !best || !named.length || named.some((t) => best.unit.states.has(t)) || best.unit.text.includes("12317");
    // Asked about a subject no document covers, and the best answer does not speak of it.
    const outOfScope = query.some(({ term }) => term.startsWith("c:") && OUT_OF_SCOPE.has(term.slice(2)) && !best?.matched.includes(term));
    const confident = !!best && !foreignWins && answersType && !outOfScope && best.score >= this.tuning.minScore && (sharesTopic(best.matched) ? coverage >= this.tuning.minCoverage : this.evidence(query, best.matched) >= this.tuning.minEvidence);

    const toAnswer = (r: (typeof allowed)[number]): Answer => ({ sheet: r.unit.sheet, title: r.unit.title, text: labelled(r.unit.text, r.unit.region), source: r.unit.source, score: round(r.score) });
    const distinct = (rs: typeof allowed, n: number) => {
      const seen = new Set<string>();
      const out: Answer[] = [];
      for (const r of rs) {
        if (out.length >= n) break;
        if (seen.has(r.unit.text)) continue;
        seen.add(r.unit.text);
        out.push(toAnswer(r));
      }
      return out;
    };
    if (confident) return { answers: distinct(allowed, 3), confident };
    const fallback: Answer = { sheet: null, title: FALLBACK_TITLE, text: foreignWins && asker ? foreignText(asker) : UNSURE_TEXT, source: null, score: round(best?.score ?? 0) };
    // Unsure: the pointer first, then at most two answers of the asker's region on the same topic.
    const related = distinct(
      allowed.filter((r) => sharesTopic(r.matched)),
      2,
    );
    return { answers: [fallback, ...related], confident: false };
  }

  /** The weighted evidence (topical bigrams and concepts, by IDF) a unit shares with the question. */
  private evidence(query: WeightedTerm[], matched: readonly string[]): number {
    let hit = 0;
    const seen = new Set<string>();
    for (const { term, weight } of query) {
      if (term.startsWith("u:") || seen.has(term) || !matched.includes(term) || isGeneric(term)) continue;
      seen.add(term);
      hit += weight * this.index.idf(term);
    }
    return hit;
  }

  /** Share of the question's weighted evidence (bigrams and concepts) found in a unit. */
  private coverage(query: WeightedTerm[], matched: readonly string[]): number {
    let total = 0;
    let hit = 0;
    const seen = new Set<string>();
    for (const { term, weight } of query) {
      if (term.startsWith("u:") || seen.has(term)) continue;
      seen.add(term);
      const w = weight * this.index.idf(term);
      total += w;
      if (matched.includes(term)) hit += w;
    }
    return total ? hit / total : 0;
  }
}

/** The canonical concepts named in a unit's own texts. */
const conceptsOf = (...texts: string[]) => new Set(texts.flatMap((t) => termsOf(t).concepts));

/** Whether an index term is a concept or bigram too common to show a topic (孩子, 补助 …). */
const isGeneric = (term: string) => isGenericTerm(term.startsWith("c:") ? "concept" : "bigram", term.slice(2));

/** Whether a unit shares with the question a concept that names a topic (not just 孩子 or 补助). */
const sharesTopic = (matched: readonly string[]) => matched.some((t) => t.startsWith("c:") && !isGeneric(t));

const round = (n: number) => Math.round(n * 1000) / 1000;
