import { WechatyBuilder, type Wechaty, type WechatyOptions } from "wechaty";
import type { Clock } from "../src/clock.js";
import { loggableMessage, loggableStack } from "../src/logger.js";
import type { Deps } from "../src/services/deps.js";
import { ConversationStore } from "./conversation/sessions.js";
import { intentRouter, type BotEnv, type BotFeature, type MiniProgramCard } from "./env.js";
import { NoticeSender, type NoticeSenderOptions } from "./notice-sender.js";
import { binding } from "./plugins/binding.js";
import { nonText } from "./plugins/non-text.js";
import { policyAnswers } from "./plugins/policy-answers.js";
import { privateReport } from "./plugins/private-report.js";
import { reportInvite } from "./plugins/report-invite.js";
import { welcome } from "./plugins/welcome.js";
import { policyService } from "./policy-port.js";
import { reportService, type PolicyPort, type ReportsPort } from "./ports.js";

/** Every feature, each a plugin answering its own intents. */
export const FEATURES: BotFeature[] = [policyAnswers, reportInvite, privateReport, binding, nonText, welcome];

export interface BuildBotOptions {
  /** A wechaty puppet instance (e.g. `new PuppetMock({ mocker })`) or a puppet package name. */
  puppet: NonNullable<WechatyOptions["puppet"]>;
  /** The same dependencies the HTTP API runs on (`startSystem(config)`). */
  deps: Deps;
  /** Defaults to the real report service on `deps`. */
  reports?: ReportsPort;
  /** Defaults to the policy service on `deps`. */
  policy?: PolicyPort;
  /** Defaults to `deps.clock`. */
  clock?: Clock;
  miniProgram?: MiniProgramCard;
  /** The features to install (default: all of FEATURES); tests install one at a time. */
  features?: BotFeature[];
  /** Names wechaty's session file (`<name>.memory-card.json`, keeps a login across restarts); without it nothing is written. */
  name?: string;
}

/** Builds the group-chat bot on a puppet; call `start()` on the result. */
export function buildBot(options: BuildBotOptions): Wechaty {
  const clock = options.clock ?? options.deps.clock;
  const bot = WechatyBuilder.build({ ...(options.name ? { name: options.name } : {}), puppet: options.puppet });
  const env: BotEnv = {
    deps: options.deps,
    clock,
    reports: options.reports ?? reportService(options.deps),
    policy: options.policy ?? policyService(options.deps),
    sessions: new ConversationStore(clock),
    miniProgram: options.miniProgram,
    handlers: new Map(),
  };
  bot.use(intentRouter(env), ...(options.features ?? FEATURES).map((feature) => feature(env)));
  // Puppets report lost connections and stale caches as errors; an unheard "error" would crash the process.
  bot.on("error", (error) => options.deps.log.warn({ error: loggableMessage(error), stack: loggableStack(error) }, "wechaty error"));
  return bot;
}

/** The staff-notice sender for a built bot: `runOnce()` sends one batch, `start()` polls. */
export function buildNoticeSender(options: NoticeSenderOptions): NoticeSender {
  return new NoticeSender(options);
}
