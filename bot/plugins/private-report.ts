import type { Wechaty } from "wechaty";
import type { Actor } from "../../src/domain/access.js";
import { hardshipsIn } from "../../src/domain/policy/hardship.js";
import { AWAITING_OPINION, type ReportStatus } from "../../src/domain/report/lifecycle.js";
import { AppError } from "../../src/errors.js";
import { loggableMessage, loggableStack } from "../../src/logger.js";
import { actorForContact, farmerForContact } from "../../src/services/bot-service.js";
import { inTransaction } from "../../src/db/transaction.js";
import {
  CONSENT_TEXT_VERSION,
  continueConversation,
  currentPrompt,
  needsVillageLookup,
  startConversation,
  type CompleteDraft,
  type Turn,
} from "../conversation/report-conversation.js";
import type { BotEnv, BotFeature, Incoming } from "../env.js";
import { presetRisks } from "../intents.js";
import { findVillages, villagesOfMember } from "../places.js";
import type { BotReportSummary } from "../ports.js";
import { ReportCreateSchema, type ReportCreateInput } from "../../src/contracts/reports.js";
import type { ReportReceipt } from "../../src/services/report-service.js";

/** Whom staff report for, by their role, when it is not their own household. */
const STAFF_RELATION: Partial<Record<Actor["role"], ReportCreateInput["relation"]>> = {
  grid_worker: "grid_worker",
  village_cadre: "cadre",
  township: "cadre",
  county: "cadre",
  admin: "cadre",
  department: "department",
};

export function receiptText(receipt: ReportReceipt): string {
  return `${receipt.message}\n回复“查询”可以随时看进度。`;
}

export function statusText(reports: BotReportSummary[]): string {
  if (reports.length === 0) return "还没有查到您的申报。需要申报请发“申报”。";
  const lines = reports.map((r, i) => {
    const due = r.dueText && AWAITING_OPINION.includes(r.status as ReportStatus) ? `，${r.dueText}前答复` : "";
    // a report for someone else says whose; one added to that household's open case has no number of its own
    const whose = r.view === "reporter" ? `替${r.household.name}家报的` : "";
    return `${i + 1}. ${whose}${r.number ? `编号${r.number}` : "（已并入这户正在办理的申报）"}（${r.riskTypeLabels.join("、")}）：${r.statusLabel}${due}`;
  });
  return [`您有${reports.length}条申报：`, ...lines].join("\n");
}

/** The confirmed draft as the report service's input, validated by the API's own schema. */
export function toReportInput(draft: CompleteDraft, actor: Actor): ReportCreateInput {
  return ReportCreateSchema.parse({
    villageCode: draft.village.code,
    riskTypes: draft.riskTypes,
    description: draft.description ?? "",
    household: { name: draft.name, ...(draft.phone ? { phone: draft.phone } : {}) },
    ...(draft.reporterPhone ? { reporter: { phone: draft.reporterPhone } } : {}),
    relation: draft.whom === "self" ? "self" : actor.role === "farmer" ? (draft.relation ?? "neighbour") : (STAFF_RELATION[actor.role] ?? "cadre"),
    channel: "bot",
    // the reporter's statement, confirmed in the summary (statementText): not the household's 授权承诺书
    consent: { given: true, textVersion: CONSENT_TEXT_VERSION },
  });
}

async function play(incoming: Incoming, turn: Turn): Promise<void> {
  for (const reply of turn.replies) await incoming.message.say(reply);
}

async function submit(env: BotEnv, incoming: Incoming, draft: CompleteDraft, confirmState: Parameters<typeof continueConversation>[0]): Promise<void> {
  try {
    const actor = await inTransaction(env.deps.db, (tx) => farmerForContact(env.deps, tx, incoming.talkerId));
    // The WeChat message id of the confirmation is the idempotency key: a redelivered "确认" makes no second report.
    const { receipt } = await env.reports.submit(actor, toReportInput(draft, actor), `bot:${incoming.message.id}`);
    await incoming.message.say(receiptText(receipt));
  } catch (error) {
    env.sessions.put(incoming.talkerId, confirmState);
    if (error instanceof AppError && error.status < 500) {
      await incoming.message.say(`还没有提交成功：${error.message}\n可以回复“改手机号”等修改后再回复“确认”。`);
      return;
    }
    // A database error may quote the household's row: logged scrubbed, as the HTTP 500 handler does.
    env.deps.log.error({ error: loggableMessage(error), stack: loggableStack(error) }, "bot report submit failed");
    await incoming.message.say("系统有点忙，还没有提交成功。请过一会儿回复“确认”再试。");
  }
}

/** The guided private report, "查询" for the person's reports, and "取消". */
export const privateReport: BotFeature = (env) => () => {
  env.handlers.set("report_start", async (bot: Wechaty, incoming) => {
    const villages = await villagesOfMember(env.deps, bot, incoming.talkerId);
    // "我家老伴住院了想申报": the trouble told already chooses the risk types (因病); the household can change them.
    const turn = startConversation(env.clock.now(), villages, presetRisks(incoming.text) ?? hardshipsIn(incoming.text));
    env.sessions.put(incoming.talkerId, turn.state);
    await play(incoming, turn);
  });
  env.handlers.set("report_continue", async (_bot, incoming) => {
    const { state } = env.sessions.current(incoming.talkerId);
    if (!state) return;
    const villages = needsVillageLookup(state) ? await findVillages(env.deps, incoming.text) : [];
    const turn = continueConversation(state, incoming.text, env.clock.now(), villages);
    env.sessions.put(incoming.talkerId, turn.state);
    await play(incoming, turn);
    if (turn.submit) await submit(env, incoming, turn.submit, { ...state, lastActiveAt: env.clock.now().getTime() });
  });
  env.handlers.set("nothing_to_cancel", async (_bot, incoming) => {
    await incoming.message.say("现在没有正在填写的申报。需要申报请发“申报”；已经提交的申报要撤回，请联系村委会。");
  });
  env.handlers.set("status", async (_bot, incoming) => {
    // Someone the bot has never registered has no reports: no account is made just to look.
    const actor = await actorForContact(env.deps, incoming.talkerId);
    await incoming.message.say(statusText(actor ? await env.reports.listMine(actor) : []));
    const { state } = env.sessions.current(incoming.talkerId);
    if (state) await incoming.message.say(`您正在填写的申报还没提交，接着回答就行：\n${currentPrompt(state)}`);
  });
};
