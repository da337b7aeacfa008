/**
 * Whether a message tells of a hardship of the asker's own household ("看病花了一大笔",
 * "房子塌了半边", "养的猪死了一半"), and which risk types it names: then the answer is followed by an
 * offer to report, and a report started from it has the risk types already chosen. A question about
 * a policy in general ("危房改造补多少"), about what would happen ("要是房子塌了能补多少"), about a
 * trouble already dealt with ("房子早修好了") or about someone else's household ("邻居家…", "老张家…",
 * "隔壁屋里…") tells of none of the asker's own.
 *
 * The words are content (content/hardship-words.json, one entry per risk type with where its words
 * come from); this module only reads them.
 */
import words from "../../../content/hardship-words.json" with { type: "json" };
import type { RiskTypeCode } from "../risk-types.js";
import { simplifiedText } from "./normalize.js";

interface RiskWords {
  risk: string;
  events?: string[];
  /** A subject and what happened to it, at most PAIR_GAP characters apart (房子…塌). */
  pairs?: Array<{ subjects: string[]; states: string[] }>;
}

const PAIR_GAP = 6;
const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const anyOf = (list: readonly string[]) => new RegExp(list.map(escape).join("|"), "g");

/** Per risk type, in the table's order, one pattern for all its events and pairs. */
const RISKS: Array<{ risk: RiskTypeCode; told: RegExp }> = (words.risks as RiskWords[]).map((r) => {
  const parts = [...(r.events ?? []).map(escape)];
  for (const p of r.pairs ?? []) parts.push(`(?:${p.subjects.map(escape).join("|")}).{0,${PAIR_GAP}}?(?:${p.states.map(escape).join("|")})`);
  return { risk: r.risk as RiskTypeCode, told: new RegExp(parts.join("|"), "g") };
});

const OWN_HOUSEHOLD = anyOf(words.ownHousehold);
const OWN_PEOPLE = anyOf(words.ownPeople);
const HYPOTHETICAL = anyOf(words.hypothetical);
const SETTLED = anyOf(words.settled);
const HAPPENED = anyOf(words.happened);
const NOT_A_HOUSEHOLD = anyOf(words.notAHousehold);
// Another household by its name or kin: 老张家, 他家, 舅家 … (besides the table's words).
const OTHER_HOUSEHOLD = new RegExp(`${words.someoneElse.map(escape).join("|")}|老[\\p{Script=Han}]家|[舅姨姑叔伯婶嫂]家|[他她]们?家`, "u");
// "隔壁屋里", "我哥家里": a household word right after another household's name is theirs, not the asker's.
const THEIR_HOME = new RegExp(`(?:${OTHER_HOUSEHOLD.source})(?:${words.ownHousehold.map(escape).join("|")})`, "gu");

const has = (re: RegExp, text: string) => {
  re.lastIndex = 0;
  return re.test(text);
};

/** The risk types of the asker's own household a message tells of (none for a question in general). */
export function hardshipsIn(text: string): RiskTypeCode[] {
  // The table is in simplified characters; "鄰居家房子塌了" is a neighbour's house, as "邻居家…" is.
  let t = simplifiedText(text).replace(/\s+/g, "");
  if (has(HYPOTHETICAL, t) || has(SETTLED, t)) return [];
  t = t.replace(NOT_A_HOUSEHOLD, "　");
  const own = t.replace(THEIR_HOME, "　");
  if (OTHER_HOUSEHOLD.test(t) && !has(OWN_HOUSEHOLD, own)) return [];
  const told: RiskTypeCode[] = [];
  // Each stretch of text counts for the first risk type that reads it: "牛病死了" is a lost herd, not an illness.
  for (const { risk, told: re } of RISKS) {
    re.lastIndex = 0;
    if (!re.test(t)) continue;
    told.push(risk);
    t = t.replace(re, (m) => "　".repeat(m.length));
  }
  if (!told.length) return [];
  return has(OWN_HOUSEHOLD, own) || has(OWN_PEOPLE, own) || has(HAPPENED, text) ? told : [];
}
