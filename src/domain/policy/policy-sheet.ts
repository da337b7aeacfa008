/**
 * A plain-language policy sheet (明白纸) as written in content/policies/<id>.md:
 * YAML-like front matter, a Markdown body, and a `## 常见问题` section of 问/答 pairs.
 * This module parses and checks that format; it knows nothing about files or databases.
 */
import { isRegionCode, type RegionCode } from "./region.js";

export const AUDIENCES = [
  "all_households",
  "monitored_households",
  "poverty_alleviated",
  "low_income",
  "students",
  "workers",
  "patients",
  "elderly",
  "disabled",
] as const;
export type Audience = (typeof AUDIENCES)[number];

export interface PolicyFaq {
  question: string;
  answer: string;
  /** The document and clause this answer comes from; the sheet's source when absent. */
  source: string | null;
}

export interface PolicySheetContent {
  id: string;
  title: string;
  audience: Audience[];
  region: RegionCode;
  source: string;
  year: number;
  version: number;
  keywords: string[];
  /** The Markdown body without the FAQ section. */
  body: string;
  faq: PolicyFaq[];
}

export const MIN_FAQ = 5;
export const SHEET_ID_PATTERN = /^[a-z][a-z0-9-]{1,63}$/;
const FAQ_HEADING = "## 常见问题";
// Path words under /api/policies that a sheet id must not shadow.
const RESERVED_IDS = ["ask", "versions"];

/** A sheet that cannot be read, with every problem found (for the author, in Chinese). */
export class PolicySheetFormatError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("；"));
  }
}

type FrontMatter = Record<string, string | string[]>;

function unquote(v: string): string {
  const t = v.trim();
  return (t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'")) ? t.slice(1, -1) : t;
}

/** Reads `key: value` and `key: [a, b]` lines; anything else is an error, not a guess. */
function parseFrontMatter(lines: string[], problems: string[]): FrontMatter {
  const out: FrontMatter = {};
  for (const [i, line] of lines.entries()) {
    if (!line.trim()) continue;
    const m = /^([a-z_]+):\s*(.*)$/.exec(line);
    if (!m) {
      problems.push(`头部第${i + 2}行看不懂：${line}`);
      continue;
    }
    const [, key, raw] = m;
    if (key in out) problems.push(`头部字段 ${key} 写了两次`);
    const value = raw.trim();
    out[key] = value.startsWith("[")
      ? value.endsWith("]")
        ? value.slice(1, -1).split(",").map(unquote).filter(Boolean)
        : (problems.push(`头部字段 ${key} 的列表没有用 ] 结尾`), [])
      : unquote(value);
  }
  return out;
}

function text(fm: FrontMatter, key: string, problems: string[]): string {
  const v = fm[key];
  if (typeof v !== "string" || !v) {
    problems.push(`缺少头部字段 ${key}`);
    return "";
  }
  return v;
}

function positiveInt(fm: FrontMatter, key: string, problems: string[]): number {
  const v = text(fm, key, problems);
  if (v && !/^\d+$/.test(v)) problems.push(`头部字段 ${key} 应为正整数`);
  return Number(v) || 0;
}

/** Splits the FAQ section into 问/答 pairs; an optional `据：` line names the clause. */
export function parseFaq(section: string, problems: string[]): PolicyFaq[] {
  const faq: PolicyFaq[] = [];
  let current: PolicyFaq | null = null;
  for (const raw of section.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const q = /^问[：:]\s*(.+)$/.exec(line);
    const a = /^答[：:]\s*(.+)$/.exec(line);
    const s = /^据[：:]\s*(.+)$/.exec(line);
    if (q) {
      if (current && !current.answer) problems.push(`问题“${current.question}”没有答案`);
      current = { question: q[1], answer: "", source: null };
      faq.push(current);
    } else if (a && current && !current.answer) current.answer = a[1];
    else if (s && current?.answer) current.source = s[1];
    else problems.push(`常见问题里这一行看不懂：${line}`);
  }
  if (current && !current.answer) problems.push(`问题“${current.question}”没有答案`);
  return faq;
}

/** Parses and checks one sheet file; throws PolicySheetFormatError listing every problem. */
export function parsePolicySheet(markdown: string): PolicySheetContent {
  const problems: string[] = [];
  const lines = markdown
    .replace(/^\uFEFF/, "")
    .replace(/\r\n/g, "\n")
    .split("\n");
  const end = lines[0] === "---" ? lines.indexOf("---", 1) : -1;
  if (end < 0) throw new PolicySheetFormatError(["文件开头要有 --- 包住的头部"]);
  const fm = parseFrontMatter(lines.slice(1, end), problems);
  const rest = lines.slice(end + 1).join("\n");
  const faqAt = rest.indexOf(FAQ_HEADING);
  if (faqAt < 0) problems.push(`缺少“${FAQ_HEADING}”一节`);
  const body = (faqAt < 0 ? rest : rest.slice(0, faqAt)).trim();
  const faq = faqAt < 0 ? [] : parseFaq(rest.slice(faqAt + FAQ_HEADING.length), problems);
  const sheet = {
    id: text(fm, "id", problems),
    title: text(fm, "title", problems),
    audience: (Array.isArray(fm.audience) ? fm.audience : []) as Audience[],
    region: text(fm, "region", problems) as RegionCode,
    source: text(fm, "source", problems),
    year: positiveInt(fm, "year", problems),
    version: positiveInt(fm, "version", problems),
    keywords: Array.isArray(fm.keywords) ? fm.keywords : [],
    body,
    faq,
  };
  problems.push(...checkPolicySheet(sheet));
  for (const key of Object.keys(fm))
    if (!["id", "title", "audience", "region", "source", "year", "version", "keywords"].includes(key)) problems.push(`不认识的头部字段 ${key}`);
  if (problems.length) throw new PolicySheetFormatError(problems);
  return sheet;
}

/** The rules every sheet keeps, however it arrives (file or API). */
export function checkPolicySheet(s: PolicySheetContent): string[] {
  const problems: string[] = [];
  if (s.id && !SHEET_ID_PATTERN.test(s.id)) problems.push("id 只能用小写字母、数字和短横线，以字母开头");
  if (RESERVED_IDS.includes(s.id)) problems.push(`id 不能用 ${s.id}`);
  if (!s.audience.length) problems.push("audience 至少写一类人");
  for (const a of s.audience) if (!(AUDIENCES as readonly string[]).includes(a)) problems.push(`不认识的 audience：${a}`);
  if (s.region && !isRegionCode(s.region)) problems.push("region 应为 000000（全国）或省级代码，如 230000、430000");
  if (s.year && (s.year < 2000 || s.year > 2100)) problems.push("year 不像年份");
  if (s.version !== undefined && s.version < 1) problems.push("version 从 1 开始");
  if (!s.body.trim()) problems.push("正文不能为空");
  if (s.faq.length < MIN_FAQ) problems.push(`常见问题至少要有${MIN_FAQ}条，现在只有${s.faq.length}条`);
  return problems;
}
