import type { Message } from "wechaty";
import { questionText, sheetNumber, speaksOfPolicy, splitMessage, tellsOfSomeone } from "../intents.js";
import { markdownToChat } from "../plain-text.js";
import type { BotFeature, BotEnv, Incoming } from "../env.js";
import { regionOf, villagesOfMember } from "../places.js";
import type { PolicyAnswer, PolicyReply, PolicySheet, PolicySheetSummary } from "../ports.js";
import { GROUP_OFFER_TEXT, privateOfferText } from "./report-invite.js";

/** WeChat cuts long messages; the sheets go out in pieces of at most this many characters. */
export const MAX_MESSAGE_CHARS = 1500;

export const HOW_TO_TEXT = "有困难想申报，请私聊我发“申报”，我一步步帮您登记；想了解政策，发“明白纸”，或者以“请问”开头提问。";
/** A policy question overheard in a group that the bot cannot answer for sure: who can, in one line. */
export const OVERHEARD_UNSURE_TEXT = "这个问题我不太确定，请以村委会的答复为准，也可以打12317问问。想看有关的政策，可以@我提问。";
/** What the bot can do, for a greeting, a thanks, or anything said to it that no policy answers. */
const HELP_TEXT = `您好！${HOW_TO_TEXT}`;

/** A sheet's answer: its plain words, then the document's own words and where they are written. */
const sheetLine = (a: PolicyAnswer) =>
  `【${a.title}】\n${markdownToChat(a.text)}${a.quote ? `\n文件原话：“${a.quote}”` : ""}${a.source ? `\n（依据：${a.source}）` : ""}`;

/**
 * The reply to a question: the best answer with its source; or, when not sure, the pointer to the
 * village committee and 12317 first, then the closest line as "maybe related" (never as the answer).
 */
export function formatAnswer(result: { answers: PolicyAnswer[]; confident: boolean }): string {
  const best = result.answers[0];
  if (!best) return `这个问题我暂时答不上来，建议问问村委会。也可以发“明白纸”看看有哪些政策。`;
  if (best.sheet && result.confident) return sheetLine(best);
  const pointer = best.sheet ? "这个问题我不太确定，具体请以村委会答复为准。" : best.text.trim();
  const related = result.answers.find((a) => a.sheet);
  return related ? `${pointer}\n下面这条可能有关，仅供参考：\n${sheetLine(related)}` : pointer;
}

/** Asked without a known county: which counties there are, and how to ask again with one. */
export function regionNeededText(needed: NonNullable<PolicyReply["regionNeeded"]>): string {
  const names = needed.counties.map((c) => c.name);
  const example = names[0] ? `例如“${names[0]} 危房改造补多少”` : "";
  return `${needed.message}请在问题前面加上您所在的县（区）名再问一次${example ? `，${example}` : ""}${names.length ? `。可以选：${names.join("、")}。` : "。"}`;
}

export function formatSheetList(sheets: PolicySheetSummary[]): string {
  if (sheets.length === 0) return "暂时还没有政策明白纸，请问问村委会。";
  return ["政策明白纸（回复编号查看）：", ...sheets.map((s, i) => `${i + 1}. ${s.title}`)].join("\n");
}

/** A sheet as messages of at most 1,500 characters; the first carries the title, the last the source. */
export function formatSheet(sheet: PolicySheet): string[] {
  return splitMessage(`【${sheet.title}】\n${markdownToChat(sheet.text)}\n\n（依据：${sheet.source}）`, MAX_MESSAGE_CHARS);
}

async function regionFor(env: BotEnv, bot: Parameters<ReturnType<BotFeature>>[0], incoming: Incoming): Promise<string | null> {
  if (incoming.villageCode) return regionOf(incoming.villageCode);
  const villages = await villagesOfMember(env.deps, bot, incoming.talkerId);
  return villages.length === 1 ? regionOf(villages[0].code) : null;
}

async function sayAll(message: Message, parts: string[]): Promise<void> {
  for (const part of parts) await message.say(part);
}

/** Answers questions, lists the policy sheets and sends one by number, with the village's region. */
export const policyAnswers: BotFeature = (env) => () => {
  env.handlers.set("question", async (bot, incoming) => {
    const question = questionText(incoming.text);
    if (!question) {
      await incoming.message.say(`请把问题写完整，例如“请问大病保险能报多少？” ${HOW_TO_TEXT}`);
      return;
    }
    // Decided after asking: the answer first, then, when the question told of the asker's own
    // hardship, the offer to report it (in a group never asking for anything personal).
    const result = await env.policy.ask(question, await regionFor(env, bot, incoming));
    if (result.regionNeeded) {
      await incoming.message.say(regionNeededText(result.regionNeeded));
      return;
    }
    // Asked about nothing a policy covers and matching no line ("你是机器人还是真人", "今晚上村部放电影不"): what
    // the bot can do, not "not sure, call 12317".
    const offTopic = !result.confident && !result.answers.some((a) => a.sheet) && !speaksOfPolicy(question);
    if (offTopic) await incoming.message.say(HELP_TEXT);
    else await sayAll(incoming.message, splitMessage(formatAnswer(result), MAX_MESSAGE_CHARS));
    const hardship = result.hardship ?? [];
    if (hardship.length) await incoming.message.say(incoming.inRoom ? GROUP_OFFER_TEXT : privateOfferText(hardship));
  });
  // Asked in a group without addressing the bot: the answer when sure; when not sure of a policy a sheet speaks of,
  // one line on who can answer it (the asker is not left with silence, the group gets no guess); other chat is
  // left alone. A hardship told gets the offer to report.
  env.handlers.set("overheard_question", async (bot, incoming) => {
    const question = questionText(incoming.text);
    const result = await env.policy.ask(question, await regionFor(env, bot, incoming));
    if (result.regionNeeded) return;
    if (result.confident) await sayAll(incoming.message, splitMessage(formatAnswer(result), MAX_MESSAGE_CHARS));
    else if (speaksOfPolicy(question) && result.answers.some((a) => a.sheet)) await incoming.message.say(OVERHEARD_UNSURE_TEXT);
    if (result.hardship?.length) await incoming.message.say(GROUP_OFFER_TEXT);
  });
  // Said to the bot but asking nothing: a bare topic ("危房改造补助标准") a sheet answers surely is
  // answered; anything else ("谢谢你啊", "俺家苞米大丰收", "隔壁老王家房子漏雨了 老可怜了", a joke) gets what
  // the bot can do, never a policy line or "not sure, call 12317" as if it had been a question.
  env.handlers.set("statement", async (bot, incoming) => {
    const text = questionText(incoming.text);
    const result = tellsOfSomeone(text) ? null : await env.policy.ask(text, await regionFor(env, bot, incoming));
    if (result?.confident && !result.regionNeeded) await sayAll(incoming.message, splitMessage(formatAnswer(result), MAX_MESSAGE_CHARS));
    else await incoming.message.say(HELP_TEXT);
  });
  env.handlers.set("sheet_list", async (bot, incoming) => {
    await incoming.message.say(formatSheetList(await env.policy.listSheets(await regionFor(env, bot, incoming))));
  });
  env.handlers.set("sheet", async (bot, incoming) => {
    const region = await regionFor(env, bot, incoming);
    const sheets = await env.policy.listSheets(region);
    const n = sheetNumber(incoming.text)!;
    const chosen = sheets[n - 1];
    if (!chosen) {
      // A bare number in a group is often not meant for the bot: only answer when it fits.
      if (!incoming.inRoom || incoming.mentioned) await incoming.message.say(`没有第${n}份明白纸。发“明白纸”可以看清单。`);
      return;
    }
    const sheet = await env.policy.getSheet(chosen.id, region);
    if (!sheet) return;
    await sayAll(incoming.message, formatSheet(sheet));
  });
  env.handlers.set("help", async (_bot, incoming) => {
    await incoming.message.say(HELP_TEXT);
  });
};
