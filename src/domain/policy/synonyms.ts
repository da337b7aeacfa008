/**
 * The synonym and dialect table, kept as content in content/synonyms.json (one entry per
 * concept, each variant with where it came from). A concept is the word the sheets use; any
 * variant (colloquial, dialect, common misspelling) in a text adds the concept to it. Applied
 * to questions and sheets alike, so a question about 娃 finds a sheet about 孩子 and 学生.
 */
import table from "../../../content/synonyms.json" with { type: "json" };
import { numeralsToDigits } from "./normalize.js";

export interface SynonymEntry {
  concept: string;
  /** topic: names what a question is about; generic: too common to (孩子, 补助 …); out_of_scope: no document covers it. */
  kind: "topic" | "generic" | "out_of_scope";
  variants: Array<{ word: string; from: string }>;
}

export const SYNONYM_TABLE: readonly SynonymEntry[] = table.concepts as SynonymEntry[];

/** Each concept with its variants, the concept first. */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = SYNONYM_TABLE.map((e) => [e.concept, ...e.variants.map((v) => v.word)]);

/**
 * Subjects households ask about that none of the policy documents covers (pensions, the
 * disability allowances, farmland and machinery subsidies, plots, card replacement): the
 * engine answers them "not sure" unless the best answer itself speaks of the subject.
 */
export const OUT_OF_SCOPE: ReadonlySet<string> = new Set(SYNONYM_TABLE.filter((e) => e.kind === "out_of_scope").map((e) => e.concept));

/** Concepts too common to show on their own that a question is about a sheet's topic. */
export const GENERIC_CONCEPTS: ReadonlySet<string> = new Set(SYNONYM_TABLE.filter((e) => e.kind === "generic").map((e) => e.concept));

// Every two-character word of a generic group ("孩子", "补贴", …): as bigrams they show no topic either.
const GENERIC_BIGRAMS: ReadonlySet<string> = new Set(
  SYNONYM_GROUPS.filter((g) => GENERIC_CONCEPTS.has(g[0])).flatMap((g) => g.filter((w) => Array.from(w).length === 2)),
);

/** Whether a canonical concept or a character bigram says nothing about the topic on its own. */
export const isGenericTerm = (kind: "concept" | "bigram", term: string): boolean => (kind === "concept" ? GENERIC_CONCEPTS : GENERIC_BIGRAMS).has(term);

/** Words that carry no meaning for retrieval (fillers, particles, polite phrases). */
export const FILLERS: readonly string[] = [
  "请问",
  "想问",
  "问问",
  "问一下",
  "打听",
  "知道",
  "俺们",
  "俺家",
  "俺",
  "咱家",
  "咱们",
  "咱",
  "我们",
  "我家",
  "我",
  "你们",
  "你",
  "他们",
  "她",
  "他",
  "啥",
  "咋",
  "怎么",
  "怎样",
  "什么",
  "吗",
  "呢",
  "吧",
  "啊",
  "呀",
  "嘛",
  "哦",
  "哈",
  "啵",
  "咯",
  "哟",
  "有没有",
  "是不是",
  "能不能",
  "可不可以",
  "可以",
  "一个",
  "这个",
  "那个",
  "的",
  "了",
  "着",
  "么",
  "哪些",
  "哪个",
];

interface Expansion {
  word: string;
  canonical: string;
}

// Variants are matched in normalised text, where "七十多" reads "70多".
const EXPANSIONS: Expansion[] = SYNONYM_GROUPS.flatMap((g) => g.map((word) => ({ word: numeralsToDigits(word), canonical: g[0] }))).sort(
  (a, b) => b.word.length - a.word.length,
);

/**
 * The canonical terms a (normalised) text mentions, each once. Longer words are matched
 * first and used up, so "不住校" means 非寄宿 and not also 寄宿.
 */
export function canonicalTerms(normalized: string): string[] {
  const found = new Set<string>();
  // A subject no document covers is named even with a filler inside it ("残疾人有啥补贴" is 残疾人补贴).
  const compact = dropFillers(normalized).replace(/[\s有的]+/g, "");
  for (const { word, canonical } of OUT_OF_SCOPE_EXPANSIONS) if (compact.includes(word)) found.add(canonical);
  let rest = normalized;
  for (const { word, canonical } of EXPANSIONS) {
    if (!rest.includes(word)) continue;
    found.add(canonical);
    rest = rest.split(word).join("\u0000");
  }
  return [...found];
}

const OUT_OF_SCOPE_EXPANSIONS = EXPANSIONS.filter((e) => OUT_OF_SCOPE.has(e.canonical));

const FILLERS_LONGEST_FIRST = [...FILLERS].sort((a, b) => b.length - a.length);

/** Replaces filler words by a space, so that n-grams do not run across them. */
export function dropFillers(normalized: string): string {
  let s = normalized;
  for (const f of FILLERS_LONGEST_FIRST) s = s.split(f).join(" ");
  return s.replace(/\s+/g, " ").trim();
}
