/**
 * The seed document's own words for a sheet line: shown beside the plain answer, so a household can
 * show the village cadre what the document says, and a reader can check the plain words against it.
 *
 * Content (content/seed-quotes.json), one entry per line that states a rule: the seed file and one to
 * three verbatim spans of it that together state what the line states (a test checks each against
 * the seed), shown joined by "……" as a quotation that leaves words out is. A line is found by its
 * exact text, so a line reworded in the console loses its quote until someone checks a new one: no
 * quote is better than one that no longer says what the line says.
 */
import content from "../../../content/seed-quotes.json" with { type: "json" };

export interface SeedQuote {
  line: string;
  seed: string;
  spans: string[];
}

export const SEED_QUOTES: Readonly<Record<string, readonly SeedQuote[]>> = content.sheets;

const bySheet = new Map(Object.entries(SEED_QUOTES).map(([sheet, quotes]) => [sheet, new Map(quotes.map((q) => [q.line, q.spans]))]));

// The seeds are extracted from PDFs: spaces around figures and inside Chinese text carry nothing.
const CJK = "\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef";
const spacing = new RegExp(`\\s+(?=[${CJK}])|(?<=[${CJK}])\\s+`, "gu");

/** A seed's words as shown: its spacing taken out, nothing else changed. */
export const shownQuote = (quote: string): string => quote.replace(spacing, "").trim();

/** The seed's own words for this line of this sheet, or null when none was checked. */
export function quoteOf(sheet: string, line: string): string | null {
  const spans = bySheet.get(sheet)?.get(line);
  return spans?.length ? spans.map(shownQuote).join("……") : null;
}
