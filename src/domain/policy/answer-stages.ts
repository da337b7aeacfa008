/**
 * The stages of answering one question, in the order `AnswerEngine.ask` runs them. Each is a
 * plain function over the question's reading and a ranked list of candidates, so each can be
 * tested alone:
 *
 *   readQuestion → (BM25 ranking, in the engine) → preferOwnTopic → preferAskedStage → preferAskedFigure
 *   → preferAskedUnit → preferFittingAge → preferNamedGrade → preferOwnGroup → judge → compose
 */
import {
  ageSaid,
  amountsIn,
  askedTypes,
  askedUnit,
  asksForLimit,
  leavesOutAge,
  opensWithVerdict,
  repeatsFigures,
  statesLimit,
  type AnswerType,
} from "./answer-type.js";
import type { WeightedTerm } from "./bm25.js";
import { FITTED_THRESHOLD } from "./confidence.js";
import { normalizeText, numeralsToDigits, standardQuestionWords } from "./normalize.js";
import { appliesTo, NATIONAL, regionName, type RegionCode } from "./region.js";
import { isGenericTerm, OUT_OF_SCOPE } from "./synonyms.js";
import { termsOf, type Terms } from "./tokenize.js";

export interface Answer {
  sheet: string | null;
  title: string;
  text: string;
  source: string | null;
  /** The seed document's own words for the line (seed-quotes.ts), or null. */
  quote: string | null;
  score: number;
}

export interface AskResult {
  answers: Answer[];
  confident: boolean;
}

/** One retrievable piece of a sheet: an FAQ pair or a sentence of the body. */
export interface Unit {
  sheet: string;
  title: string;
  region: RegionCode;
  text: string;
  source: string;
  kind: "faq" | "sentence";
  /** The seed document's own words for this line, when checked (seed-quotes.ts). */
  quote: string | null;
  /** The kinds of figure the text states, worked out once at build. */
  states: ReadonlySet<AnswerType>;
  /** The text sends the asker to the village or 12317 for its figure (answer-type.ts `pointsWhereToAsk`). */
  pointsWhereToAsk: boolean;
  /** The text says the documents leave its figure open and points where to ask (answer-type.ts `leavesFigureOpen`). */
  leavesOpen: boolean;
  /** The concepts its own words name (its question, answer or heading; not the sheet's keywords). */
  concepts: ReadonlySet<string>;
  /** The concepts its sheet's title names: what every line of the sheet is about. */
  titleConcepts: ReadonlySet<string>;
  /** Whose rule it is, as its answers name it (大祥区, 黑龙江省). */
  issuer: string;
  /**
   * For a question-and-answer pair: the particular case its question names (its topic concepts and
   * the sheet's keywords it says: 白血病, 先心病 in "孩子得了白血病、先心病，算不算大病"). Empty for a body line.
   */
  caseWords?: readonly string[];
}

/** A unit as ranked for one question: its score and the index terms it shares with the question. */
export interface Candidate {
  unit: Unit;
  score: number;
  matched: readonly string[];
}

/** Thresholds tuned on the evaluation sets (see README "Policy answers"). */
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
  /** Same, on the same sheet, when the best states none of the kinds asked (it could not be a sure answer). */
  typeRunnerUpUnanswered: number;
  /** A runner-up whose own words name more of the question's topics goes first when it scores at least this share of the best. */
  topicRunnerUp: number;
  /** Same, when the best answer names none of the question's topics. */
  topicRunnerUpOffTopic: number;
  /** Same, for a runner-up that only names more of the question's common concepts. */
  commonRunnerUp: number;
  /** Another sheet's best line scoring at least this share of the answer, and stating other figures, leaves the question between two sheets: not sure. */
  neighbourSheet: number;
  /** An answer passing every gate is given as sure only when the confidence model (confidence.ts) rates it at least this (0: off). */
  minConfidence: number;
  /** A line of the best's own sheet whose age conditions let in the age said goes first when it scores at least this share of the best. */
  ageRunnerUp: number;
  /** The clause that asks (the last one with a question word) counts this much more than the situation told before it (1: no more). */
  askedClause: number;
}

export const DEFAULT_TUNING: EngineTuning = {
  minCoverage: 0.05,
  minEvidence: 12,
  minScore: 8,
  sentenceFactor: 0.8,
  foreignDominance: 0.75,
  typeBoost: 1.15,
  typeRunnerUp: 0.7,
  typeRunnerUpUnanswered: 0.6,
  topicRunnerUp: 0.75,
  topicRunnerUpOffTopic: 0.6,
  commonRunnerUp: 0.9,
  neighbourSheet: 0.9,
  askedClause: 1.25,
  ageRunnerUp: 0.4,
  minConfidence: FITTED_THRESHOLD,
};

export const FALLBACK_TITLE = "请问村委会或拨打12317";
export const UNSURE_TEXT = "这个问题我没有把握答准，不敢乱说。请问你们村委会，或者拨打全国防返贫监测帮扶热线12317。";

/** The fallback when only another province's rule matches: never that province's figure. */
export function foreignText(asker: RegionCode): string {
  return `你问的这一项，${regionName(asker)}的具体标准在我们收录的政策文件里没有写明，不能拿外省的标准当成你的。请问你们村委会，或者拨打全国防返贫监测帮扶热线12317。`;
}

/** The reply to a question about a province no sheet covers: its rules are not known here. */
export function elsewhereText(province: RegionCode): string {
  const name = regionName(province);
  return `你问的是${name}那边的政策。${name}的具体标准在我们收录的政策文件里没有写明，不能拿别的省的标准套过去。请问当地村委会，或者拨打全国防返贫监测帮扶热线12317。`;
}

// Place names that already say whose rule an answer states.
const PLACE_NAMES: Record<string, string[]> = { "230000": ["黑龙江", "绥棱"], "430000": ["湖南", "大祥"] };

/**
 * Whose rule a sheet states: the county or district its title names ("大祥区…明白纸" is
 * 大祥区's rule, not the province's), else its province.
 */
export function issuerOf(title: string, region: RegionCode): string {
  const place = /^([\p{Script=Han}]{2,3}?(?:县|区|旗))/u.exec(title.replace(/^[\p{Script=Han}]{1,4}?省/u, ""));
  return place?.[1] ?? regionName(region);
}

/** Says whose rule a provincial answer states, unless the text already names the place. */
export function labelled(text: string, region: RegionCode, issuer: string = regionName(region)): string {
  if (region === NATIONAL) return text;
  const names = PLACE_NAMES[region] ?? [regionName(region)];
  return names.some((n) => text.includes(n)) ? text : `（${issuer}规定）${text}`;
}

export const QUERY_WEIGHTS = { bigram: 1, unigram: 0.25, concept: 1.5 };

export function weighted(t: Terms, w: { bigram: number; unigram: number; concept: number }): WeightedTerm[] {
  return [
    ...t.bigrams.map((term) => ({ term: `b:${term}`, weight: w.bigram })),
    ...t.unigrams.map((term) => ({ term: `u:${term}`, weight: w.unigram })),
    ...t.concepts.map((term) => ({ term: `c:${term}`, weight: w.concept })),
  ];
}

/** What the engine reads from a question before it looks anything up. */
export interface Reading {
  /** The weighted index terms. */
  query: WeightedTerm[];
  /** The kinds of figure asked for (amount, time, age …). */
  types: AnswerType[];
  /** The unit asked in ("多少个月"), as a test on an answer's text. */
  unit: RegExp | null;
  /** The canonical concepts the question names. */
  asked: string[];
  /** Those of them that name a topic (not 孩子, 补助 …). */
  topics: string[];
  /** The age the question says someone is ("十七了", "俺都68了"), or null. */
  age: number | null;
  /** What the asker says their household is ("俺家是监测户" → 监测户), as concepts. */
  selfGroup: string[];
  /** Whether the question asks for a ceiling ("最多能给多少", "有没有封顶"). */
  asksLimit: boolean;
  /** The grade the question asks about ("鉴定是C级" → "c"; "C级补14000，D级呢" → "d"), or null: none, or a comparison. */
  grade: string | null;
  /** Whether the question names any grade at all. */
  namesGrade: boolean;
  /** Amounts the question tells before it asks, and does not ask about ("个体户一年能减两万四 那企业招人减多少": 24000). */
  givenAmounts: number[];
}

// "C级", "d 级": the grade of a case (a house's 鉴定等级), by its letter.
const GRADE = /(?<![a-z])([a-z])\s?级/g;

/** The grades a text names, by their letters in lower case. */
export const gradesNamed = (text: string): Set<string> => new Set([...text.normalize("NFKC").toLowerCase().matchAll(GRADE)].map((m) => m[1]));

// "C级危房补14000", "D级的补两万八我晓得了": a grade said with its figure is known, not asked.
const GIVEN_GRADE = /(?<![a-z])([a-z])\s?级[^a-z，。,？?！!]{0,6}?(?:\d|[一二两三四五六七八九贰叁肆伍陆柒捌玖]万)/g;

/**
 * The grade a question asks about: the one it names, or, when it names two ("C级补14000，俺家D级的补多少"),
 * the one not said with its figure. Null when none is, or two are still open (a comparison).
 */
const askedGrade = (question: string): string | null => {
  const text = numeralsToDigits(question.normalize("NFKC")).toLowerCase();
  const named = [...gradesNamed(text)];
  const given = new Set([...text.matchAll(GIVEN_GRADE)].map((m) => m[1]));
  const open = named.filter((g) => !given.has(g));
  if (open.length === 1) return open[0];
  return named.length === 1 ? named[0] : null;
};

// "俺家是监测户", "我们是低保户", "俺属于脱贫户": the household says which group it is in.
const SAYS_WHO = /(?:俺家|我家|咱家|俺们家?|我们家?|屋里|家里|俺|我)(?:就|也|都)?(?:是|属于|算)([\p{Script=Han}]{2,5}?)(?=[\s，。,、！!？?]|$|[的了啊呀吧])/gu;

// A clause that asks: a question word or a closing question particle.
const ASKING = /[吗嘛么啥咋谁哪几呢没不]|多少|怎|是否|能否|可否|行否/;

/**
 * The clause of a message that asks, when the message tells a situation first ("俺在外地干活出车祸了
 * 临时救助非得回老家申请吗"): the last clause with a question word. Null when the message is one clause.
 */
export function askingClause(question: string): string | null {
  const clauses = question.split(/[\s，。,、！!？?；;：:]+/).filter(Boolean);
  if (clauses.length < 2) return null;
  return clauses.reverse().find((c) => ASKING.test(c)) ?? null;
}

/**
 * The amounts said in the clauses told before the one that asks, that the asking clause does not say again (amounts
 * said after it are offered to be checked: "补多少 俺当家的非说两万 我寻思是两万八").
 */
function givenAmounts(question: string, asking: string | null): number[] {
  if (!asking) return [];
  const clauses = question.split(/[\s，。,、！!？?；;：:]+/).filter(Boolean);
  const told = clauses.slice(0, clauses.lastIndexOf(asking));
  const asked = amountsIn(asking);
  return amountsIn(told.join(" ")).filter((v) => !asked.includes(v));
}

export function readQuestion(question: string, tuning: Pick<EngineTuning, "askedClause"> = DEFAULT_TUNING): Reading {
  const terms = termsOf(question);
  const clause = tuning.askedClause !== 1 ? askingClause(question) : null;
  const inClause = new Set(clause ? weighted(termsOf(clause), QUERY_WEIGHTS).map((t) => t.term) : []);
  // Read the figure type from the question as typed: normalisation folds 多少钱 into 多少.
  const standard = standardQuestionWords(question);
  const asked = terms.concepts;
  return {
    query: weighted(terms, QUERY_WEIGHTS).map((t) => (inClause.has(t.term) ? { ...t, weight: t.weight * tuning.askedClause } : t)),
    types: askedTypes(standard),
    asksLimit: asksForLimit(standard),
    unit: askedUnit(standard),
    asked,
    topics: asked.filter((c) => !isGenericTerm("concept", c)),
    age: ageSaid(numeralsToDigits(question.normalize("NFKC"))),
    selfGroup: [...question.matchAll(SAYS_WHO)].flatMap((m) => termsOf(m[1]).concepts),
    grade: askedGrade(question),
    namesGrade: gradesNamed(question).size > 0,
    givenAmounts: givenAmounts(standard, askingClause(standard)),
  };
}

/**
 * The score factor of a unit for a question: body sentences count less, a unit stating the asked figure more, and
 * so does one saying the documents leave that figure open ("公益岗一个月给多少" is answered by "文件里没写统一的数",
 * not by the 务工奖补 line that names 公益岗 to leave it out).
 */
export const scoreFactor = (unit: Unit, types: readonly AnswerType[], tuning: EngineTuning): number =>
  (unit.kind === "sentence" ? tuning.sentenceFactor : 1) * (types.length && (unit.leavesOpen || types.some((t) => unit.states.has(t))) ? tuning.typeBoost : 1);

/** Moves the candidate at `i` to the front (a new list). */
const promote = <T>(list: readonly T[], i: number): T[] => (i > 0 ? [list[i], ...list.slice(0, i), ...list.slice(i + 1)] : [...list]);

const ownTopics = (c: Candidate, r: Reading) => r.topics.filter((t) => c.unit.concepts.has(t)).length;
// A sheet whose title names one topic ("临时救助明白纸"): every line of it is about that topic, whether it says so or not.
const titleTopic = (c: Candidate): string | null => {
  const topics = [...c.unit.titleConcepts].filter((t) => !isGenericTerm("concept", t));
  return topics.length === 1 ? topics[0] : null;
};
const ownTopicsBeyondTitle = (c: Candidate, r: Reading) => r.topics.filter((t) => c.unit.concepts.has(t) && t !== titleTopic(c)).length;
const ownCommon = (c: Candidate, r: Reading) => r.asked.filter((t) => c.unit.concepts.has(t)).length - ownTopics(c, r);

/**
 * A close runner-up that itself speaks of more of the question's topics (not just through its
 * sheet's keywords) goes first: "存款不能超过多少" wants the line on savings, not on cars.
 * Among near-equals, the common concepts it names itself (监测户, 孩子 …) break the tie.
 */
export function preferOwnTopic(allowed: readonly Candidate[], r: Reading, tuning: EngineTuning): Candidate[] {
  const top = allowed[0];
  if (!r.asked.length || !top) return [...allowed];
  let pick = 0;
  // A best answer naming none of the question's topics, nor its sheet in its title, is a weak match: look further down.
  const offTopic = r.topics.length && !r.topics.some((c) => top.unit.concepts.has(c) || top.unit.titleConcepts.has(c));
  const reach = offTopic ? tuning.topicRunnerUpOffTopic : tuning.topicRunnerUp;
  for (let i = 1; i < allowed.length && allowed[i].score >= top.score * reach; i++) {
    const [c, p] = [allowed[i], allowed[pick]];
    // Between two lines of one sheet, the one topic its title names tells neither apart ("临时救助" in any pair's question).
    const topics = (x: Candidate) => (x.unit.sheet === (x === c ? p : c).unit.sheet ? ownTopicsBeyondTitle(x, r) : ownTopics(x, r));
    const moreTopics = topics(c) > topics(p);
    const tieBreak = topics(c) === topics(p) && ownCommon(c, r) > ownCommon(p, r) && c.score >= top.score * tuning.commonRunnerUp;
    if (moreTopics || tieBreak) pick = i;
  }
  return promote(allowed, pick);
}

// Two stages whose lines share words and figures, where one stage's line does not answer the other's question:
// a household's case enters monitoring (申报, 纳入) and one day leaves it (风险消除, 退出), both with 评议 and 公示5天;
// a child's schooling is compulsory (义务教育) and then vocational (职业教育), both with 补助 a year. The school the
// child is in decides, not the programme the asker names: "上中专了 两免一补还有没有" is asked of 雨露计划.
const STAGE_PAIRS: ReadonlyArray<{ stages: readonly [string, string]; programmes: readonly string[] }> = [
  { stages: ["申报", "风险消除"], programmes: [] },
  // 两免一补 is 免学杂费、免费提供教科书、补助生活费 (seed 001): its parts name the programme, not another topic.
  { stages: ["义务教育", "职业教育"], programmes: ["两免一补", "学杂费", "生活补助", "雨露计划"] },
];

/** The stages of one pair a line speaks of, in its own words or its sheet's title. */
const stagesOf = (c: Candidate, stages: readonly string[]) => stages.filter((s) => c.unit.concepts.has(s) || c.unit.titleConcepts.has(s));

/**
 * The question names one stage of a pair and the best line speaks of the other only: a close line
 * on the asked stage, naming as many of the question's other topics, goes first ("申请检测户 村里公示要贴好多天"
 * wants the 5 days of the inclusion list, not those of the clearance list).
 */
export function preferAskedStage(allowed: readonly Candidate[], r: Reading, tuning: EngineTuning): Candidate[] {
  const top = allowed[0];
  if (!top) return [...allowed];
  for (const { stages, programmes } of STAGE_PAIRS) {
    const asked = stages.filter((s) => r.asked.includes(s));
    if (asked.length !== 1) continue;
    const onStage = (c: Candidate) => stagesOf(c, stages).includes(asked[0]);
    if (onStage(top) || !stagesOf(top, stages).length) continue;
    const others = (c: Candidate) => r.topics.filter((t) => !stages.includes(t) && !programmes.includes(t) && c.unit.concepts.has(t)).length;
    const i = allowed.findIndex(
      (c) => onStage(c) && stagesOf(c, stages).length === 1 && c.score >= top.score * tuning.topicRunnerUpOffTopic && others(c) >= others(top),
    );
    if (i > 0) return promote(allowed, i);
  }
  return [...allowed];
}

/** How many of the kinds of figure the question asks for a candidate states (a pointer to 12317 answers them all). */
const typesGiven = (c: Candidate, r: Reading) => (c.unit.pointsWhereToAsk ? r.types.length : r.types.filter((t) => c.unit.states.has(t)).length);

/**
 * Asked for a figure: a close runner-up on the same sheet or topic that states more of what is
 * asked goes first ("找谁申请 啥时候报" wants the line saying where and when, not one that
 * only says "每年").
 */
export function preferAskedFigure(allowed: readonly Candidate[], r: Reading, tuning: EngineTuning): Candidate[] {
  const top = allowed[0];
  if (!r.types.length || !top || typesGiven(top, r) === r.types.length) return [...allowed];
  // A best line stating none of the kinds asked is no sure answer: a line of its sheet on the same
  // topics that states one may come from further down ("D级危房盖多大" → the floor area, not 28000元).
  const unanswered = typesGiven(top, r) === 0;
  const i = allowed.findIndex((c) =>
    ((c.unit.sheet === top.unit.sheet || sharesTopic(c.matched)) && c.score >= top.score * tuning.typeRunnerUp) ||
    (unanswered && c.unit.sheet === top.unit.sheet && c.score >= top.score * tuning.typeRunnerUpUnanswered)
      ? typesGiven(c, r) > typesGiven(top, r) && ownTopics(c, r) >= ownTopics(top, r)
      : false,
  );
  return promote(allowed, i);
}

/**
 * An amount the asker tells as known is not what they ask ("个体户一年能减两万四 那企业招了脱贫户减多少"): when
 * the best line states only amounts the question told, a close line of the same sheet stating another amount goes first.
 */
export function preferAmountNotGiven(allowed: readonly Candidate[], r: Reading, tuning: EngineTuning): Candidate[] {
  const top = allowed[0];
  if (!top || !r.types.length || !r.givenAmounts.length) return [...allowed];
  const amounts = (c: Candidate) => amountsIn(c.unit.text);
  const onlyGiven = (c: Candidate) => amounts(c).length > 0 && amounts(c).every((v) => r.givenAmounts.includes(v));
  if (!onlyGiven(top)) return [...allowed];
  const i = allowed.findIndex(
    (c) => c.unit.sheet === top.unit.sheet && c.score >= top.score * tuning.typeRunnerUp && amounts(c).some((v) => !r.givenAmounts.includes(v)),
  );
  return promote(allowed, i);
}

/**
 * Asked for a figure, and a line of the best's own sheet nearly as close says the documents leave that figure open
 * ("低保一个月给多少" → "低保金按当地低保标准…文件里没写统一的数"): the best's figure is of something else, or of a
 * case the asker did not name; the honest line goes first (it is never a sure answer).
 */
// The kinds of figure a document may leave open (not a way, an office or a phone number).
const FIGURES: readonly AnswerType[] = ["money", "time", "age", "count", "share", "distance", "area", "figure"];

export function preferLeftOpen(allowed: readonly Candidate[], r: Reading, tuning: EngineTuning): Candidate[] {
  const top = allowed[0];
  if (!top || !r.types.some((t) => FIGURES.includes(t)) || top.unit.leavesOpen) return [...allowed];
  const i = allowed.findIndex(
    (c) =>
      c.unit.leavesOpen &&
      c.unit.sheet === top.unit.sheet &&
      c.score >= top.score * tuning.neighbourSheet &&
      ownTopics(c, r) >= ownTopics(top, r) &&
      // a pair leaving open the figure of a case the asker does not name ("创业担保贷款能贷多少") is not theirs
      !(c.unit.caseWords?.length && c.unit.caseWords.every((w) => !r.asked.includes(w))),
  );
  return promote(allowed, i);
}

/** Asked in a unit ("多少个月", "几周岁"): a close runner-up of the same sheet stating the figure in that unit goes first. */
export function preferAskedUnit(allowed: readonly Candidate[], r: Reading, tuning: EngineTuning): Candidate[] {
  const top = allowed[0];
  const unit = r.unit;
  if (!unit || !top || unit.test(top.unit.text)) return [...allowed];
  const i = allowed.findIndex(
    (c) => c.unit.sheet === top.unit.sheet && c.score >= top.score * tuning.typeRunnerUp && unit.test(c.unit.text) && (ownTopics(c, r) > 0 || !r.topics.length),
  );
  return promote(allowed, i);
}

/**
 * The household says which group it is in ("俺家是监测户"): when the best line does not name that
 * group and a line of the same sheet on as many of the question's topics does, within the reach of
 * an off-topic best, that line goes first ("俺家是监测户 特困的医保不用交 俺们也不用交吧" wants the
 * 监测户 line, not the 特困 one).
 */
export function preferOwnGroup(allowed: readonly Candidate[], r: Reading, tuning: EngineTuning): Candidate[] {
  const top = allowed[0];
  const names = (c: Candidate) => r.selfGroup.some((g) => c.unit.concepts.has(g));
  if (!top || !r.selfGroup.length || names(top)) return [...allowed];
  const i = allowed.findIndex(
    (c) => c.unit.sheet === top.unit.sheet && c.score >= top.score * tuning.topicRunnerUpOffTopic && names(c) && ownTopics(c, r) >= ownTopics(top, r),
  );
  return promote(allowed, i);
}

/** Whether a candidate's age conditions leave out the age the question says ("60周岁以上" for a 17-year-old). */
export const leavesOutAsked = (c: Candidate | undefined, r: Reading): boolean => !!c && r.age !== null && leavesOutAge(c.unit.text, r.age);

/**
 * An age said in the question: when the best line's age conditions leave it out, a close
 * runner-up of the same sheet or topic whose conditions let it in goes first ("17了 爹妈都没了"
 * wants the line on under-18s, not the one on over-60s). If none does, the best stays: a limit
 * the asker is past answers "俺都67了还能贷不" (no).
 */
export function preferFittingAge(allowed: readonly Candidate[], r: Reading, tuning: EngineTuning): Candidate[] {
  const top = allowed[0];
  if (!leavesOutAsked(top, r)) return [...allowed];
  const i = allowed.findIndex(
    (c) =>
      ((c.unit.sheet === top.unit.sheet && c.score >= top.score * tuning.ageRunnerUp) ||
        (sharesTopic(c.matched) && c.score >= top.score * tuning.typeRunnerUp)) &&
      !leavesOutAsked(c, r) &&
      c.unit.states.has("age"),
  );
  return promote(allowed, i);
}

/**
 * The asker names the grade of their case ("鉴定是C级"): when the best line speaks of another grade only
 * (the D级 figure), a runner-up of the same sheet naming the asked grade goes first, within the reach
 * used for an age the best line leaves out (the same mistake: another case's figure).
 */
export function preferNamedGrade(allowed: readonly Candidate[], r: Reading, tuning: EngineTuning): Candidate[] {
  const top = allowed[0];
  const grade = r.grade;
  if (!top) return [...allowed];
  const topGrades = gradesNamed(top.unit.text);
  if (grade === null) {
    // No grade named: a line on one grade alone answers another household's case; a near tie of the same sheet
    // on every grade or none ("危房改造公家全包吗": the rule, not the D级 figure) answers this one.
    if (r.namesGrade || topGrades.size !== 1) return [...allowed];
    const tie = (c: Candidate) => c.unit.sheet === top.unit.sheet && c.score >= top.score * tuning.neighbourSheet;
    return promote(
      allowed,
      allowed.findIndex((c) => tie(c) && gradesNamed(c.unit.text).size !== 1),
    );
  }
  if (!topGrades.size || topGrades.has(grade)) return [...allowed];
  const near = (c: Candidate) => c.unit.sheet === top.unit.sheet && c.score >= top.score * tuning.ageRunnerUp;
  const named = (c: Candidate) => gradesNamed(c.unit.text);
  // A line on the asked grade alone answers it more surely than one listing every grade.
  const only = allowed.findIndex((c) => near(c) && named(c).has(grade) && named(c).size === 1);
  return promote(allowed, only >= 0 ? only : allowed.findIndex((c) => near(c) && named(c).has(grade)));
}

/** What a sheet knows of the cases it tells apart: the concepts its lines name and the items they list. */
export interface SheetCases {
  concepts: ReadonlySet<string>;
  /** Every item its lines enumerate ("胃癌、食道癌、肺癌…"), normalised (`enumeratedItems`). */
  items: readonly string[];
}

// Where a list's first item begins and its last one ends within a clause: "家里有人得高血压、糖尿病、…严重精神障碍这4种主要慢性病".
const BEFORE_FIRST = /^.*[得有是为含括如即到]/u;
const AFTER_LAST = /(?:等|这|都|在|的|共|和|及).*$/u;

/**
 * The items a text lists with 、 ("30种大病是：儿童先心病、儿童白血病、胃癌…"): the cases its sheet tells
 * apart, whatever the topic. The first item is cut after the clause's verb, the last before what follows it.
 */
export function enumeratedItems(text: string): string[] {
  const items: string[] = [];
  for (const clause of text.split(/[，,。；;：:（）()“”"\s]+/)) {
    const parts = clause.split("、");
    if (parts.length < 2) continue;
    parts[0] = parts[0].replace(BEFORE_FIRST, "");
    parts[parts.length - 1] = parts[parts.length - 1].replace(AFTER_LAST, "");
    for (const p of parts) {
      const item = normalizeText(p);
      if (item.length >= 2 && item.length <= 8) items.push(item);
    }
  }
  return items;
}

/** The items of its sheet's lists the question names and a line does not say ("食道癌" for the line on 脑卒中). */
const casesNotSaid = (c: Candidate, normalizedQuestion: string, sheet: SheetCases): string[] => {
  const said = normalizeText(c.unit.text);
  return sheet.items.filter((item) => normalizedQuestion.includes(item) && !said.includes(item));
};

/** The best line is a pair's verdict on a case the question does not name ("算。脑卒中…" for "胃癌算不算大病"). */
const verdictOnUnnamedCase = (best: Candidate | undefined, r: Reading, normalizedQuestion: string): best is Candidate =>
  !!best?.unit.caseWords?.length &&
  opensWithVerdict(best.unit.text) &&
  best.unit.caseWords.every((w) => !r.asked.includes(w) && !normalizedQuestion.includes(w));

/**
 * A yes/no verdict on a particular case answers that case only: when the pair's question names a
 * case the asker's question does not ("白血病、先心病" for an asker whose child has a cleft lip), the
 * verdict may not hold for the asker's case, so the engine is not sure.
 */
export function verdictOnAnotherCase(best: Candidate | undefined, r: Reading, normalizedQuestion: string, sheet: SheetCases): boolean {
  if (!verdictOnUnnamedCase(best, r, normalizedQuestion)) return false;
  // …and the asker names a case of their own that the pair does not speak of, one its sheet
  // knows elsewhere (豁嘴 = 唇腭裂, in the list of the 30 illnesses).
  const ownConcept = r.topics.some((t) => !best.unit.concepts.has(t) && !best.unit.titleConcepts.has(t) && sheet.concepts.has(t));
  // A case named from the sheet's lists leaves a verdict open only when the question asks whether, not
  // for a figure the verdict may state ("冻管老停水 供水保证率得达到多少").
  return ownConcept || (!r.types.length && casesNotSaid(best, normalizedQuestion, sheet).length > 0);
}

/**
 * The best line is a verdict on another case than the one the asker names from its sheet's lists
 * ("俺爹胃癌，算不算那30种大病" answered "算。脑卒中…"): a line of the same sheet within the reach used for an
 * age left out that says the asker's case goes first (the list of the 30 illnesses), the one saying most of them.
 */
export function preferOwnCase(allowed: readonly Candidate[], r: Reading, normalizedQuestion: string, sheet: SheetCases, tuning: EngineTuning): Candidate[] {
  const top = allowed[0];
  if (!verdictOnUnnamedCase(top, r, normalizedQuestion)) return [...allowed];
  const own = casesNotSaid(top, normalizedQuestion, sheet);
  if (!own.length) return [...allowed];
  let pick = -1;
  let most = 0;
  allowed.forEach((c, i) => {
    if (c.unit.sheet !== top.unit.sheet || c.score < top.score * tuning.ageRunnerUp) return;
    const said = normalizeText(c.unit.text);
    const n = own.filter((item) => said.includes(item)).length;
    if (n > most) [pick, most] = [i, n];
  });
  return promote(allowed, pick);
}

export interface Judgement {
  confident: boolean;
  /** Another province's rule fits far better than anything of the asker's own. */
  foreignWins: boolean;
  /** The question asks about a province no sheet covers ("她们吉林那边"). */
  elsewhere?: RegionCode;
}

/**
 * Whether the best answer of the asker's region is an answer: strong enough, on the
 * question's topic, of the asked kind of figure, about a subject the documents cover, and
 * not far behind another province's rule.
 */
export function judge(
  best: Candidate | undefined,
  overall: Candidate | undefined,
  r: Reading,
  asker: RegionCode | null,
  idf: (term: string) => number,
  tuning: EngineTuning,
): Judgement {
  const coverage = best ? coverageOf(r.query, best.matched, idf) : 0;
  // Another province's rule fits the question far better than anything of the asker's own
  // (a foreign line that itself only points to 12317 states no rule).
  // When the asker's own best states every figure the foreign line states, the rule is the same
  // (a national rule a province repeats): not a foreign one.
  const sameFigures = !!best && !!overall && repeatsFigures(overall.unit.text, best.unit.text);
  const foreignWins =
    !!overall &&
    !appliesTo(overall.unit.region, asker) &&
    !overall.unit.pointsWhereToAsk &&
    !sameFigures &&
    (!best || best.score < overall.score * tuning.foreignDominance) &&
    coverageOf(r.query, overall.matched, idf) >= tuning.minCoverage;
  // Asked "how much" and the best answer states no amount (nor points to 12317): not an answer.
  // (A bare 多少 names no kind of figure: "利率多少" is answered in words, so it only orders.)
  const named = r.types.filter((t) => t !== "figure");
  // Asked where or to whom ("上哪报"): a line naming no office, body or person does not answer it, whatever else it states.
  const answersWhere = !best || !named.includes("office") || best.unit.states.has("office");
  const answersType = !best || !named.length || (named.some((t) => best.unit.states.has(t)) && answersWhere) || best.unit.pointsWhereToAsk;
  // Asked for a ceiling ("一年最多能救助多少", "有没有封顶"): a line stating an amount but no limit does not say it.
  const answersLimit = !best || !r.asksLimit || statesLimit(best.unit.text) || best.unit.pointsWhereToAsk;
  // Asked about a subject no document covers, and the best answer does not speak of it.
  const outOfScope = r.query.some(({ term }) => term.startsWith("c:") && OUT_OF_SCOPE.has(term.slice(2)) && !best?.matched.includes(term));
  const onTopic = best ? (sharesTopic(best.matched) ? coverage >= tuning.minCoverage : evidenceOf(r.query, best.matched, idf) >= tuning.minEvidence) : false;
  // The question names topics and the best answer speaks of none of them, not even through its
  // sheet's title: it matched on wording alone ("上卫生学校" finding "上特殊教育学校").
  const offTopic = !!best && r.topics.length > 0 && !r.topics.some((c) => best.unit.concepts.has(c) || best.unit.titleConcepts.has(c));
  // A line saying the documents leave the figure open is the honest answer, but never a sure one.
  const leftOpen = !!best?.unit.leavesOpen;
  const confident = !!best && !foreignWins && answersType && answersLimit && !outOfScope && !offTopic && !leftOpen && best.score >= tuning.minScore && onTopic;
  return { confident, foreignWins };
}

/**
 * Whether the question sits between two sheets: another sheet's best line scores nearly as well
 * as the answer and states a different rule (other figures, or none). Two sheets of one topic
 * ("上职高" in 雨露计划 and 两免一补) cannot be told apart by wording alone, and a confident
 * answer from the wrong one is worse than "请问村委会". A line that repeats the answer's figures
 * (one rule in two sheets) is no rival, nor one that shares none of the question's topics.
 */
export function betweenSheets(allowed: readonly Candidate[], r: Reading, tuning: EngineTuning): boolean {
  const best = allowed[0];
  // A rival speaks of one of the question's topics itself or in its sheet's title (not only of 多久
  // or 监测), and of all of them when the answer does ("五保户的医保" is not between 医保 and 特困
  // when the answer's line names both and the 特困 line only one).
  const topicsOf = (c: Candidate) => r.topics.filter((t) => c.unit.concepts.has(t) || c.unit.titleConcepts.has(t)).length;
  const needed = best && topicsOf(best) === r.topics.length ? r.topics.length : 1;
  const rival = best && allowed.find((c) => c.unit.sheet !== best.unit.sheet && (!r.topics.length || topicsOf(c) >= needed));
  if (!best || !rival || rival.score < best.score * tuning.neighbourSheet) return false;
  return !repeatsFigures(rival.unit.text, best.unit.text);
}

const round = (n: number) => Math.round(n * 1000) / 1000;

const toAnswer = (c: Candidate): Answer => ({
  sheet: c.unit.sheet,
  title: c.unit.title,
  text: labelled(c.unit.text, c.unit.region, c.unit.issuer),
  source: c.unit.source,
  quote: c.unit.quote,
  score: round(c.score),
});

/** The first `n` candidates with different texts, as answers. */
function distinct(candidates: readonly Candidate[], n: number): Answer[] {
  const seen = new Set<string>();
  const out: Answer[] = [];
  for (const c of candidates) {
    if (out.length >= n) break;
    if (seen.has(c.unit.text)) continue;
    seen.add(c.unit.text);
    out.push(toAnswer(c));
  }
  return out;
}

/** Confident: the three best. Unsure: the pointer to the village and 12317, then at most two related answers. */
export function compose(allowed: readonly Candidate[], j: Judgement, asker: RegionCode | null): AskResult {
  if (j.confident && !j.elsewhere) return { answers: distinct(allowed, 3), confident: true };
  const fallback: Answer = {
    sheet: null,
    title: FALLBACK_TITLE,
    text: j.elsewhere ? elsewhereText(j.elsewhere) : j.foreignWins && asker ? foreignText(asker) : UNSURE_TEXT,
    source: null,
    quote: null,
    score: round(allowed[0]?.score ?? 0),
  };
  const related = distinct(
    allowed.filter((c) => sharesTopic(c.matched)),
    2,
  );
  return { answers: [fallback, ...related], confident: false };
}

/** The weighted evidence (topical bigrams and concepts, by IDF) a unit shares with the question. */
export function evidenceOf(query: readonly WeightedTerm[], matched: readonly string[], idf: (term: string) => number): number {
  let hit = 0;
  const seen = new Set<string>();
  for (const { term, weight } of query) {
    if (term.startsWith("u:") || seen.has(term) || !matched.includes(term) || isGeneric(term)) continue;
    seen.add(term);
    hit += weight * idf(term);
  }
  return hit;
}

/** Share of the question's weighted evidence (bigrams and concepts) found in a unit. */
export function coverageOf(query: readonly WeightedTerm[], matched: readonly string[], idf: (term: string) => number): number {
  let total = 0;
  let hit = 0;
  const seen = new Set<string>();
  for (const { term, weight } of query) {
    if (term.startsWith("u:") || seen.has(term)) continue;
    seen.add(term);
    const w = weight * idf(term);
    total += w;
    if (matched.includes(term)) hit += w;
  }
  return total ? hit / total : 0;
}

/** Whether an index term is a concept or bigram too common to show a topic (孩子, 补助 …). */
const isGeneric = (term: string) => isGenericTerm(term.startsWith("c:") ? "concept" : "bigram", term.slice(2));

/** Whether a unit shares with the question a concept that names a topic (not just 孩子 or 补助). */
export const sharesTopic = (matched: readonly string[]) => matched.some((t) => t.startsWith("c:") && !isGeneric(t));
