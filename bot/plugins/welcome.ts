import type { BotFeature } from "../env.js";
import { groupVillage } from "../../src/services/bot-service.js";
import { HOW_TO_TEXT } from "./policy-answers.js";
import { loggableMessage, loggableStack } from "../../src/logger.js";

export const WELCOME_TEXT = `欢迎新朋友加入！我是村里的申报助手。${HOW_TO_TEXT}`;

/** New members of a bound group are told how to report and ask. */
export const welcome: BotFeature = (env) => (bot) => {
  const onJoin = async (room: { id: string; say: (text: string) => Promise<unknown> }, invitees: Array<{ id: string }>) => {
    const selfId = bot.isLoggedIn ? bot.currentUser.id : null;
    if (invitees.every((c) => c.id === selfId)) return;
    if (!(await groupVillage(env.deps, room.id))) return;
    await room.say(WELCOME_TEXT);
  };
  const listener = (room: Parameters<typeof onJoin>[0], invitees: Parameters<typeof onJoin>[1]) => {
    onJoin(room, invitees).catch((error) => env.deps.log.error({ error: loggableMessage(error), stack: loggableStack(error) }, "bot welcome failed"));
  };
  bot.on("room-join", listener);
  return () => {
    bot.off("room-join", listener);
  };
};
