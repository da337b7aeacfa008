import { inTransaction } from "../../src/db/transaction.js";
import { AppError } from "../../src/errors.js";
import { actorForContact, bindGroup, redeemLinkCode, unbindGroup, type GroupBindResult } from "../../src/services/bot-service.js";
import type { BotFeature } from "../env.js";
import { bindCommand, linkCommand } from "../intents.js";
import { HOW_TO_TEXT } from "./policy-answers.js";

export const BIND_FORMAT_TEXT = "绑定格式：绑定 6位绑定码，例如“绑定 100201”。绑定码在工作台“微信群”页面查看。";

export const NOT_LINKED_TEXT = "只有关联了工作账号的工作人员才能绑定本群。请在工作台获取验证码，然后私聊我发“绑定账号 验证码”。";

const problem = (error: unknown): string => {
  if (error instanceof AppError && error.status < 500) return error.message;
  throw error;
};

/** What the group reads after a bind: a move names both villages, so everyone in it sees the change. */
function boundText(bound: GroupBindResult): string {
  if (bound.unchanged) return `本群已经绑定在${bound.village.name}，不用再绑。`;
  if (bound.movedFrom) return `本群原来绑定在${bound.movedFrom.name}，现已改绑到${bound.village.name}。以后群里的政策问答和申报都按${bound.village.name}办理。`;
  return `本群已绑定到${bound.village.name}。${HOW_TO_TEXT}`;
}

/** Staff bind a group to a village ("绑定 <12位村代码>") and link their WeChat ("绑定账号 <验证码>", privately). */
export const binding: BotFeature = (env) => () => {
  env.handlers.set("bind_group", async (_bot, incoming) => {
    const code = bindCommand(incoming.text);
    if (!code) {
      await incoming.message.say(BIND_FORMAT_TEXT);
      return;
    }
    const actor = await actorForContact(env.deps, incoming.talkerId);
    if (!actor || actor.role === "farmer") {
      await incoming.message.say(NOT_LINKED_TEXT);
      return;
    }
    const room = incoming.message.room()!;
    try {
      const topic = await room.topic().catch(() => null);
      const bound = await inTransaction(env.deps.db, (tx) => bindGroup(env.deps, tx, actor, { roomId: room.id, code, topic }));
      await incoming.message.say(boundText(bound));
    } catch (error) {
      await incoming.message.say(`没有绑定成功：${problem(error)}`);
    }
  });
  env.handlers.set("unbind_group", async (_bot, incoming) => {
    const actor = await actorForContact(env.deps, incoming.talkerId);
    if (!actor || actor.role === "farmer") return;
    try {
      await inTransaction(env.deps.db, (tx) => unbindGroup(env.deps, tx, actor, incoming.message.room()!.id));
      await incoming.message.say("本群已解除绑定，我不再在这里回答问题。");
    } catch (error) {
      await incoming.message.say(`没有解绑成功：${problem(error)}`);
    }
  });
  env.handlers.set("link_account", async (_bot, incoming) => {
    const code = linkCommand(incoming.text);
    if (!code) {
      await incoming.message.say("格式：绑定账号 6位验证码。验证码在工作台“关联微信”里获取，10分钟内有效。");
      return;
    }
    // Wrong codes are counted per code in the database (bot-service), whoever sends them.
    try {
      const linked = await inTransaction(env.deps.db, (tx) => redeemLinkCode(env.deps, tx, incoming.talkerId, code));
      if ("refused" in linked) throw linked.refused;
      await incoming.message.say("已关联您的工作账号。以后新的申报和提醒会私信发给您。");
    } catch (error) {
      await incoming.message.say(problem(error));
    }
  });
};
