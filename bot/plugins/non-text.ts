import type { BotFeature } from "../env.js";
import { currentPrompt } from "../conversation/report-conversation.js";
import { HOW_TO_TEXT } from "./policy-answers.js";

export const NON_TEXT_TEXT = `我现在只能看懂文字消息，语音和图片还看不了。${HOW_TO_TEXT}`;
/** In a group, one such reply per chat per this long is enough. */
export const GROUP_NON_TEXT_QUIET_MS = 10 * 60_000;

/** Voice notes, pictures and the like get a polite text on how to report or ask. */
export const nonText: BotFeature = (env) => () => {
  const lastInRoom = new Map<string, number>();
  env.handlers.set("non_text", async (_bot, incoming) => {
    if (incoming.inRoom) {
      const roomId = incoming.message.room()!.id;
      const now = env.clock.now().getTime();
      const last = lastInRoom.get(roomId);
      if (last !== undefined && now - last < GROUP_NON_TEXT_QUIET_MS) return;
      lastInRoom.set(roomId, now);
    }
    const { state } = incoming.inRoom ? { state: null } : env.sessions.current(incoming.talkerId);
    // Mid-report, a photo of a hospital bill is well meant: say so and repeat the question.
    await incoming.message.say(state ? `我现在只能看懂文字，图片和语音请稍后交给村委会。\n${currentPrompt(state)}` : NON_TEXT_TEXT);
  });
};
