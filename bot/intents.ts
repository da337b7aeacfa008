import { hardshipsIn } from "../src/domain/policy/hardship.js";
import { asksInDialect, simplifiedText } from "../src/domain/policy/normalize.js";
import { termsOf } from "../src/domain/policy/tokenize.js";
import type { RiskTypeCode } from "../src/domain/risk-types.js";
import { isCancel, parseRiskChoice } from "./conversation/report-conversation.js";

/**
 * Pure matchers: what a message asks the bot to do. Each plugin handles one intent, so a
 * message gets at most one answer whatever order the plugins were installed in.
 */

export type Intent =
  | "ignore"
  | "bind_group"
  | "unbind_group"
  | "link_account"
  | "report_invite"
  | "report_start"
  | "report_continue"
  | "status"
  | "question"
  | "overheard_question"
  | "statement"
  | "sheet_list"
  | "sheet"
  | "non_text"
  | "help"
  | "nothing_to_cancel";

export interface MessageFacts {
  self: boolean;
  isText: boolean;
  /** The text without @-mentions, trimmed. */
  text: string;
  inRoom: boolean;
  /** The room is bound to a village. */
  bound: boolean;
  mentioned: boolean;
  /** A private report conversation is under way with this person. */
  inConversation: boolean;
}

const QUESTION_CUES = ["请问", "问一下", "问下", "问问", "想问", "咨询", "打听", "请教", "我想知道", "想了解", "问"];
const REPORT_CUES = /^(我要申报|我想申报|申报|想申报|帮我申报|我要报|我家|我们家|俺家|咱家|家里|我爸|我妈|我父亲|我母亲|老人|孩子)/;
// "想申报", "要报一下", "报个困难", "申请帮扶": the household says it wants to report, wherever in the message.
const WANTS_TO_REPORT = /申报|(?:想|要|得|来|帮.{0,4})报|报(?:一下|个|了|上去)|报(?:困难|风险|监测|返贫)|申请帮扶|申请救助/;

/** Starts with a question cue (问、请问、咨询…). */
export const startsWithQuestionCue = (text: string): boolean => QUESTION_CUES.some((c) => text.trim().startsWith(c));

/** The question without its cue and punctuation ("请问，大病保险怎么报？" → "大病保险怎么报？"). */
export function questionText(text: string): string {
  let t = text.trim();
  const cue = QUESTION_CUES.find((c) => t.startsWith(c));
  if (cue) t = t.slice(cue.length);
  return t.replace(/^[\s,，:：、.。]+/, "").trim();
}

// The forms a question takes besides the dialect question words (`asksInDialect`).
const QUESTION_FORMS: RegExp[] = [
  // a question mark, a question word
  /[？?]|多少|(?<![好十了这那])几(?!天前|年前|个月前|日前|十|百|千|万)|怎么|咋|如何|啥|什么|哪|谁|多久|多长|多大|多远|多快|多高|能否|可以吗|吗|么[？?。！!]*$/,
  // 几百/几千/几万 asked ("一年给几百"), not told ("花了几万", "欠几万块", "一个月就几百块")
  /(?<![好十了过得这那花欠借挣赚亏赔就才只剩])几[十百千万]/,
  // a verb asked both ways: 能不能, 有没有, 可不可以, Xiang 算冇算, 支持不支持
  /(\p{Script=Han})[不没冇]\1|(\p{Script=Han}{2})[不没冇]\2/u,
  // a closing particle at the end or before a pause ("能领不 给多少"), with a Xiang or Northeastern tail ("…不咯")
  /[不没冇呢吧](?=[\s，,。？?！!]|$)|[不没冇][咯哦啊呀嘛哈][？?。！!]*$/,
  // Xiang 有冇/有冒得, …冇得, 么子, …啵, 么样/哪门 (how), 么办; a detail being recalled ("…几十种来着")
  /有[冇冒]|[冇冒]得[？?。！!]*$|么子|啵[？?。！!]*$|么样|哪门|么办|来着[？?。！!]*$/,
  // a question cue inside the message ("…想问下…"), a choice asked ("是按人算还是按户算", "给五百还是一千", "算有劳动能力
  // 还是没劳动能力", "…就能办么 还是得回老家"); not 还是 after something that happened ("吃了药还是不见好": still)
  /想问|请问|问一下|问下|是.{1,12}还是|(?:^|[\s，,。！!？?])[^\s，,。！!？?了过]*还是(?!那样|一样|老样子|照样)/,
  // a rule heard, told to the bot to be confirmed ("听说过了16岁就不算特困了"); not news of someone ("听说挺重的")
  /(?:听说|听讲|听人[说讲]|据说|(?:抖音|快手|视频|电视|广播|网上|群里|人家|别人)[上里]?[说讲]).*(?:能|可以|必须|算|要|得|才|给|管|不用|免|补|贷)/,
  // asked whether what was heard is true
  /真的假的|是真是假/,
  // two claims side by side, one the asker's, asking who is right ("老伴说他不能算 我说能算", "我说能单独办 儿子说得全家一起")
  /(?:^|[^我俺])(?:说|讲)\S[\s\S]*(?:我|俺)(?:说|讲|觉得)\S|(?:我|俺)(?:说|讲|觉得)\S[\s\S]*[^我俺听据\s](?:说|讲)\S/,
];

/**
 * Asks something: a dialect question word the answer engine reads (补多钱, 多咱, Xiang 好多 asked:
 * `asksInDialect`) or one of the forms above. "家里危房能补多少钱" asks; "我家老伴住院了想申报" does not;
 * "花了好多钱" tells.
 */
export const asksSomething = (text: string): boolean => {
  const t = text.trim();
  return asksInDialect(t) || QUESTION_FORMS.some((form) => form.test(t));
};

const REPORT_WISH_AT_END = /[\s，,。！!]+(?:俺|我|咱)?(?:就|还是)?(?:要|想)?(?:申报|报一下|报上去)(?:吧|啊|呀)?[。！!～~]*$/;

/** Says it wants to report ("儿子摔伤了 想申报", "报个困难"). */
export const wantsToReport = (text: string): boolean => WANTS_TO_REPORT.test(text.trim());

/**
 * A household telling of its own trouble or saying it wants to report, asking nothing ("我家老伴住院了",
 * "涝了 地里全是水 俺家要申报"): not "我家苞米长得不赖", which tells of no trouble.
 */
export const looksLikeReport = (text: string): boolean => {
  const t = text.trim();
  // "…钱实在凑不出来了 申报吧": a wish to report said last, in a clause of its own, asks nothing (its 吧 is no question).
  if (startsWithQuestionCue(t) || asksSomething(t.replace(REPORT_WISH_AT_END, ""))) return false;
  return wantsToReport(t) || hardshipsIn(t).length > 0;
};

/** A household's question that starts like a report ("家里危房能补多少钱", "孩子上职高有啥补助"): the engine answers it. */
const isHouseholdQuestion = (text: string): boolean => REPORT_CUES.test(text.trim()) && asksSomething(text);

/** "申报因病" / "申报住房安全、因灾" (or "申報因災"): the private offer's reply, with the risk types already chosen. */
export function presetRisks(text: string): RiskTypeCode[] | null {
  const m = /^(?:申报|我要申报|开始申报)\s*([^\d０-９]+)$/.exec(simplifiedText(text).trim());
  return m ? parseRiskChoice(m[1]) : null;
}

export const isSheetListRequest = (text: string): boolean => /^(明白纸|政策|政策明白纸|政策清单|看明白纸|有哪些政策)[？?。!！]*$/.test(text.trim());

/** A bare number ("3", "３", "第3个") picks a sheet. */
export function sheetNumber(text: string): number | null {
  const t = text.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  const m = /^(?:第)?(\d{1,2})(?:个|号|份)?$/.exec(t);
  return m ? Number(m[1]) : null;
}

/** "绑定 100201" (the village's short bind code) or "绑定 231226100201" (its 12-digit code) → the code; full-width digits too. */
export function bindCommand(text: string): string | null {
  const t = text.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  const m = /^绑定\s*(?:村\s*)?(\d{6}|\d{12})$/.exec(t);
  return m ? m[1] : null;
}

export const isBindAttempt = (text: string): boolean => /^绑定(?!账号)/.test(text.trim());
export const isUnbindCommand = (text: string): boolean => /^(解绑|解除绑定)$/.test(text.trim());

/** "绑定账号 123456" → the code. */
export function linkCommand(text: string): string | null {
  const m = /^绑定账号\s*(\d{6})$/.exec(text.trim());
  return m ? m[1] : null;
}

export const isLinkAttempt = (text: string): boolean => /^绑定账号/.test(text.trim());
// Greetings, thanks and "who are you" (up to three in one message, "好的 知道了 谢谢"): the help text, never a policy answer.
const CHITCHAT =
  "(?:你好|您好|大家好|在吗|在不在|在不|在么|在嘛|早|早上好|上午好|中午好|下午好|晚上好|(?:谢谢|多谢|感谢)(?:你|您|大家)?|谢了|辛苦了|好的|好嘞|行|中|知道了|明白了|晓得了|收到|嗯+|哦+|帮助|菜单|功能|(?:这个|这|你)?(?:怎么|咋)用|你是谁|你是干啥的|你是做什么的|你(?:能|会)(?:搞|干|做)?(?:些|点)?(?:啥|么子|什么)|你是机器人吧?|机器人|hi|hello|help|[?？]+)(?:啊|呀|哈|啦|了|呢|哦|哈)?";
// Up to three of them in a row ("好的 知道了 谢谢"), with the marks that close them.
const GREETINGS = `(?:${CHITCHAT})(?:[，,、 ]*(?:${CHITCHAT})){0,2}[!！。.～~?？]*`;
const ONLY_GREETING = new RegExp(`^${GREETINGS}$`, "i");
const GREETING_BEFORE = new RegExp(`^${GREETINGS}[，,、!！。\\s]+(?=\\S)`, "i");
export const isGreeting = (text: string): boolean => ONLY_GREETING.test(text.trim());

// Words any question about a benefit, a fee, a loan, an office, a household's standing or its livelihood (illness,
// school, house, water, land) uses — one character will do: 补, 贷, 保, 钱, 病 … — besides the synonym table's concepts.
const POLICY_WORDS =
  /[补贴助贷保险钱费税奖救领病医药残灾井]|政策|申请|办理|手续|材料|证明|标准|待遇|资格|条件|户口|监测|脱贫|帮扶|收入|工资|上学|念书|读书|学费|房子|危房|吃水|喝水|水质|自来水|养老|用电|电费|种地|耕地|粮食/;

/**
 * Whether a question is about anything a policy could cover: "高龄津贴多少钱" is (though no sheet has it),
 * "你是机器人还是真人" and "今晚上村部放电影不" are not.
 */
export const speaksOfPolicy = (text: string): boolean => POLICY_WORDS.test(text) || termsOf(text).concepts.length > 0;

// "危房改造补助标准" names a topic to look up; "俺邻居老刘住院了 挺可怜的" tells of someone or of what happened.
const TELLS = /[俺我咱他她]|邻居|隔壁|亲戚|老.家|了/;

/** Whether a message that asks nothing tells of someone or of an event, rather than naming a topic to look up. */
export const tellsOfSomeone = (text: string): boolean => TELLS.test(text);

/** "在吗 俺家孩子考上大学了 想报一下": the greeting before a message is not part of it (the 吗 of 在吗 asks nothing). */
export function withoutGreeting(text: string): string {
  const greeting = GREETING_BEFORE.exec(text);
  return greeting ? text.slice(greeting[0].length) : text;
}
export const isStatusRequest = (text: string): boolean => /^(查询|查进度|查询进度|进度|我的申报)$/.test(text.trim());
export const isReportStart = (text: string): boolean =>
  /^(申报|我要申报|我想申报|开始申报|一键申报)$/.test(text.trim()) || presetRisks(text) !== null || looksLikeReport(text);

/** The one thing the bot will do with a message, read in simplified characters ("交錢嗎" asks like "交钱吗"). */
export function intentOf(facts: MessageFacts): Intent {
  const f = { ...facts, text: simplifiedText(facts.text) };
  if (f.self) return "ignore";
  if (f.inRoom) {
    if (f.isText && isBindAttempt(f.text)) return "bind_group";
    if (!f.bound) return "ignore";
    if (!f.isText) return "non_text";
    if (isUnbindCommand(f.text)) return "unbind_group";
    if (looksLikeReport(f.text)) return "report_invite";
    if (isSheetListRequest(f.text)) return "sheet_list";
    if (sheetNumber(f.text) !== null) return "sheet";
    if (isGreeting(f.text)) return f.mentioned ? "help" : "ignore";
    // A question is answered even when it also tells of a hardship; the answer then offers to report.
    if (startsWithQuestionCue(f.text) || isHouseholdQuestion(f.text) || (f.mentioned && asksSomething(f.text))) return "question";
    // Asked in the group without addressing the bot: answered when sure; unsure, one line if it asks of a policy.
    if (asksSomething(f.text)) return "overheard_question";
    if (!f.mentioned) return "ignore";
    return f.text ? "statement" : "help";
  }
  if (!f.isText) return "non_text";
  if (isLinkAttempt(f.text)) return "link_account";
  if (isStatusRequest(f.text)) return "status";
  if (f.inConversation) return "report_continue";
  if (isReportStart(f.text)) return "report_start";
  if (isCancel(f.text)) return "nothing_to_cancel";
  if (isGreeting(f.text)) return "help";
  if (isSheetListRequest(f.text)) return "sheet_list";
  if (sheetNumber(f.text) !== null) return "sheet";
  if (f.text.length === 0) return "help";
  return asksSomething(f.text) ? "question" : "statement";
}

/** Splits a long text into messages of at most `max` characters, at paragraph or line ends when it can. */
export function splitMessage(text: string, max = 1500): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = window.lastIndexOf("\n\n");
    if (cut < max / 2) cut = window.lastIndexOf("\n");
    if (cut < max / 2) cut = Math.max(window.lastIndexOf("。"), window.lastIndexOf("；")) + 1;
    if (cut < max / 2) cut = max;
    parts.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) parts.push(rest);
  return parts;
}
