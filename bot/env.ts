import type { Message, Wechaty, WechatyPlugin } from "wechaty";
import { types } from "wechaty";
import type { Clock } from "../src/clock.js";
import { loggableMessage, loggableStack } from "../src/logger.js";
import type { Deps } from "../src/services/deps.js";
import { groupVillage } from "../src/services/bot-service.js";
import type { ConversationStore } from "./conversation/sessions.js";
import { intentOf, withoutGreeting, type Intent, type MessageFacts } from "./intents.js";
import type { PolicyPort, ReportsPort } from "./ports.js";

/** A mini-program card the bot may attach to its "come and report privately" reply. */
export interface MiniProgramCard {
  appid: string;
  username: string;
  title: string;
  pagePath: string;
  description?: string;
  thumbUrl?: string;
}

/** What one message turned out to be, worked out once and shared by every plugin. */
export interface Incoming extends MessageFacts {
  message: Message;
  intent: Intent;
  /** The village the room is bound to. */
  villageCode: string | null;
  talkerId: string;
}

export type Handler = (bot: Wechaty, incoming: Incoming) => Promise<void>;

/** Everything plugins share: the services, the clock, the sessions, and who handles which intent. */
export interface BotEnv {
  deps: Deps;
  clock: Clock;
  reports: ReportsPort;
  policy: PolicyPort;
  sessions: ConversationStore;
  miniProgram?: MiniProgramCard;
  handlers: Map<Intent, Handler>;
}

/** A feature: its plugin registers the intents it answers. */
export type BotFeature = (env: BotEnv) => WechatyPlugin;

/** How many messages from people the router has taken and finished, per bot: tests wait on it instead of on time. */
export interface RouterActivity {
  received: number;
  finished: number;
}

const activity = new WeakMap<Wechaty, RouterActivity>();

/** The router's counters for a built bot (zeros before it has seen anything). */
export const routerActivity = (bot: Wechaty): RouterActivity => activity.get(bot) ?? { received: 0, finished: 0 };

/**
 * The one message listener: works out the facts and the intent, then hands the message to
 * the plugin registered for it. Messages of one chat are handled one after another, so a
 * quick second reply never overtakes the first.
 */
export const intentRouter: BotFeature = (env) => (bot) => {
  const queues = new Map<string, Promise<void>>();
  const counts: RouterActivity = { received: 0, finished: 0 };
  activity.set(bot, counts);
  const onMessage = (message: Message) => {
    // The bot's own messages come back as events too; they are not counted as taken.
    const counted = !message.self();
    if (counted) counts.received++;
    const key = message.room()?.id ?? message.talker()?.id ?? "";
    const previous = queues.get(key) ?? Promise.resolve();
    const run = previous
      .then(() => route(env, bot, message))
      .catch(async (error) => {
        env.deps.log.error({ error: loggableMessage(error), stack: loggableStack(error) }, "bot message failed");
        // The person should not be left wondering whether the bot heard them.
        await message.say("系统有点忙，请过一会儿再发一次。").catch(() => undefined);
      });
    queues.set(key, run);
    void run.then(() => {
      if (counted) counts.finished++;
      if (queues.get(key) === run) queues.delete(key);
    });
  };
  bot.on("message", onMessage);
  return () => {
    bot.off("message", onMessage);
  };
};

async function route(env: BotEnv, bot: Wechaty, message: Message): Promise<void> {
  if (message.self()) return;
  const room = message.room();
  const talker = message.talker();
  const isText = message.type() === types.Message.Text;
  let mentioned = room && isText ? await message.mentionSelf() : false;
  let text = isText ? (room ? await message.mentionText() : message.text()).trim() : "";
  // Some puppets leave "@机器人 " in the text without a mention list: read it as a mention.
  const selfName = bot.isLoggedIn ? bot.currentUser.name() : "";
  if (room && selfName && text.startsWith(`@${selfName}`)) {
    mentioned = true;
    text = text
      .slice(selfName.length + 1)
      .replace(/^[\s\u2005]+/, "")
      .trim();
  }
  text = withoutGreeting(text);
  const villageCode = room ? await groupVillage(env.deps, room.id) : null;
  if (!room && env.sessions.current(talker.id).expired) {
    await message.say("您上次的申报超过30分钟没有回复，已经结束了，填写的内容没有保存。需要的话请重新发“申报”。");
  }
  const facts: MessageFacts = {
    self: false,
    isText,
    text,
    inRoom: Boolean(room),
    bound: Boolean(villageCode),
    mentioned,
    inConversation: !room && env.sessions.has(talker.id),
  };
  const intent = intentOf(facts);
  const handler = env.handlers.get(intent);
  if (!handler) return;
  await handler(bot, { ...facts, message, intent, villageCode, talkerId: talker.id });
}
