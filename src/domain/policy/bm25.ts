/**
 * A small Okapi BM25 index over weighted term fields. Documents are added once; the
 * index is immutable after build() and answers queries without touching storage.
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

export class Bm25Index {
  private readonly postings = new Map<string, Array<{ doc: number; tf: number }>>();
  private readonly lengths: number[] = [];
  private totalLength = 0;
  /** Per term, how many documents that count for the statistics hold it. */
  private readonly df = new Map<string, number>();
  private counted = 0;

  /**
   * Adds a document; returns its number. A document that does not count for the statistics (`counts:
   * false`, another wording of one already added) can be found but changes no term's rarity nor the
   * average length.
   */
  add(terms: WeightedTerm[], counts = true): number {
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
      if (counts) this.df.set(term, (this.df.get(term) ?? 0) + 1);
    }
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

  /** Inverse document frequency; a term no document has gets the highest value. */
  idf(term: string): number {
    const df = this.df.get(term) ?? 0;
    const n = this.counted;
    return Math.log(1 + (Math.max(n - df, 0) + 0.5) / (df + 0.5));
  }

  /** Scores every document containing at least one query term, best first. */
  search(query: WeightedTerm[], accept: (doc: number) => boolean = () => true): ScoredDoc[] {
    const n = this.lengths.length;
    const scores = new Float64Array(n);
    const matched: Array<string[] | undefined> = new Array(n);
    const hit: number[] = [];
    const seen = new Set<string>();
    const avgLength = this.totalLength / (this.counted || 1) || 1;
    for (const { term, weight } of query) {
      if (seen.has(term)) continue;
      seen.add(term);
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(term);
      for (const { doc, tf } of list) {
        if (!accept(doc)) continue;
        const norm = tf + K1 * (1 - B + (B * this.lengths[doc]) / avgLength);
        scores[doc] += weight * idf * ((tf * (K1 + 1)) / norm);
        const m = matched[doc];
        if (m) m.push(term);
        else {
          matched[doc] = [term];
          hit.push(doc);
        }
      }
    }
    return hit.map((doc) => ({ doc, score: scores[doc], matched: matched[doc]! })).sort((a, b) => b.score - a.score || a.doc - b.doc);
  }
}
