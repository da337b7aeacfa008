/**
 * A small Okapi BM25 index over weighted term fields. Documents are added once; the first query
 * after the last addition freezes each term's per-document parts, so a query only adds them up.
 */
export interface WeightedTerm {
  term: string;
  /** How much one occurrence counts (fields and term kinds weigh differently). */
  weight: number;
}

export interface ScoredDoc {
  doc: number;
  score: number;
  /** The query terms this document contains (a handful: an array is cheaper than a set). */
  matched: string[];
}

const K1 = 1.2;
const B = 0.5;

/** Every document a query reached: its score and, for the documents asked for, the query terms it holds. */
export interface Scores {
  hit: number[];
  scores: Float64Array;
  matched: Array<string[] | undefined>;
}

export class Bm25Index {
  private readonly postings = new Map<string, Array<{ doc: number; tf: number }>>();
  /** Per term, its documents and their length-normalised term-frequency parts (built on the first query). */
  private frozen: Map<string, { docs: Int32Array; parts: Float64Array }> | undefined;
  private readonly lengths: number[] = [];
  private totalLength = 0;
  /** Per term, how many documents that count for the statistics hold it. */
  private readonly df = new Map<string, number>();
  private counted = 0;
  /** Per scope (a province), the same statistics over the documents that count for it. */
  private readonly scoped = new Map<string, { df: Map<string, number>; counted: number }>();

  /**
   * Adds a document; returns its number. A document that does not count for the statistics (`counts:
   * false`, another wording of one already added) can be found but changes no term's rarity nor the
   * average length. `scopes` names the scopes (provinces) whose term rarity it also counts for.
   */
  add(terms: WeightedTerm[], counts = true, scopes: readonly string[] = []): number {
    this.frozen = undefined;
    const doc = this.lengths.length;
    const tf = new Map<string, number>();
    let length = 0;
    for (const { term, weight } of terms) {
      tf.set(term, (tf.get(term) ?? 0) + weight);
      length += weight;
    }
    for (const [term, f] of tf) {
      let list = this.postings.get(term);
      if (!list) this.postings.set(term, (list = []));
      list.push({ doc, tf: f });
      if (counts) for (const df of [this.df, ...scopes.map((sc) => this.scopeOf(sc).df)]) df.set(term, (df.get(term) ?? 0) + 1);
    }
    if (counts) for (const sc of scopes) this.scopeOf(sc).counted += 1;
    this.lengths.push(length);
    if (counts) {
      this.totalLength += length;
      this.counted += 1;
    }
    return doc;
  }

  get size(): number {
    return this.lengths.length;
  }

  private scopeOf(scope: string) {
    let st = this.scoped.get(scope);
    if (!st) this.scoped.set(scope, (st = { df: new Map(), counted: 0 }));
    return st;
  }

  /** Inverse document frequency, over a scope's documents or all; a term no document has gets the highest value. */
  idf(term: string, scope?: string): number {
    const st = scope === undefined ? undefined : this.scoped.get(scope);
    const df = (st ? st.df : this.df).get(term) ?? 0;
    const n = st ? st.counted : this.counted;
    return Math.log(1 + (Math.max(n - df, 0) + 0.5) / (df + 0.5));
  }

  /** Scores every document containing at least one query term, best first. */
  search(query: WeightedTerm[], accept: (doc: number) => boolean = () => true): ScoredDoc[] {
    const { hit, scores, matched } = this.score(query, accept, () => true);
    return hit.map((doc) => ({ doc, score: scores[doc], matched: matched[doc]! })).sort((a, b) => b.score - a.score || a.doc - b.doc);
  }

  /**
   * Scores every document containing at least one query term, in no order; the terms each matched
   * are kept only for the documents `track` names (a caller that reads few saves building the rest).
   */
  score(query: WeightedTerm[], accept: (doc: number) => boolean = () => true, track: (doc: number) => boolean = () => true, scope?: string): Scores {
    const frozen = this.freeze();
    const scores = new Float64Array(this.lengths.length);
    const reached = new Uint8Array(this.lengths.length);
    const matched: Array<string[] | undefined> = new Array(this.lengths.length);
    const hit: number[] = [];
    const seen = new Set<string>();
    for (const { term, weight } of query) {
      if (seen.has(term)) continue;
      seen.add(term);
      const list = frozen.get(term);
      if (!list) continue;
      const idf = this.idf(term, scope);
      const { docs, parts } = list;
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i];
        if (!accept(doc)) continue;
        scores[doc] += weight * idf * parts[i];
        if (!reached[doc]) {
          reached[doc] = 1;
          hit.push(doc);
        }
        if (track(doc)) (matched[doc] ??= []).push(term);
      }
    }
    return { hit, scores, matched };
  }

  private freeze(): Map<string, { docs: Int32Array; parts: Float64Array }> {
    if (this.frozen) return this.frozen;
    const avgLength = this.totalLength / (this.counted || 1) || 1;
    this.frozen = new Map(
      [...this.postings].map(([term, list]) => [
        term,
        {
          docs: Int32Array.from(list, (p) => p.doc),
          parts: Float64Array.from(list, ({ doc, tf }) => (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * this.lengths[doc]) / avgLength))),
        },
      ]),
    );
    return this.frozen;
  }
}
