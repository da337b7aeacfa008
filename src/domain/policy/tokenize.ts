/**
 * Turns normalised text into index terms: character unigrams and bigrams of Chinese
 * runs (robust to unknown words, typos and missing characters, no dictionary needed),
 * whole runs of digits or Latin letters, and the canonical synonym terms as whole terms.
 */
import { normalizeText } from "./normalize.js";
import { canonicalTerms, dropFillers } from "./synonyms.js";

export interface Terms {
  /** Character bigrams and number/word tokens: the precise evidence. */
  bigrams: string[];
  /** Single characters: weak evidence that still helps with typos and short questions. */
  unigrams: string[];
  /** Canonical terms from the synonym table. */
  concepts: string[];
}

const HAN = /\p{Script=Han}/u;
const SPLIT = /(\p{Script=Han}+|[a-z0-9.]+)/gu;

/** The terms of one text (question, answer or sheet sentence). */
export function termsOf(text: string): Terms {
  const normalized = normalizeText(text);
  const concepts = canonicalTerms(normalized);
  const bigrams: string[] = [];
  const unigrams: string[] = [];
  const kept = dropFillers(normalized);
  // "d级", "5万": a letter or number bound to the character after it is one term.
  for (const [pair] of kept.matchAll(/[a-z0-9]\p{Script=Han}/gu)) bigrams.push(pair);
  for (const [run] of kept.matchAll(SPLIT)) {
    if (!HAN.test(run)) {
      bigrams.push(run);
      continue;
    }
    const chars = Array.from(run);
    unigrams.push(...chars);
    for (let i = 0; i + 1 < chars.length; i++) bigrams.push(chars[i] + chars[i + 1]);
  }
  return { bigrams, unigrams, concepts };
}
