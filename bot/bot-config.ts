import { z } from "zod";

/** The bot's own environment variables, parsed once at `npm run bot`. */
const BotConfigSchema = z.object({
  // the wechaty puppet package; wechat4u logs in as a personal WeChat by QR code in the terminal
  WECHATY_PUPPET: z.string().min(1).default("wechaty-puppet-wechat4u"),
  // the bot's name for wechaty's session file (keeps the login across restarts)
  BOT_NAME: z.string().min(1).default("yijian-bot"),
  // milliseconds between two staff notices; WeChat blocks accounts that send fast
  BOT_SEND_SPACING_MS: z.coerce.number().int().min(1000).default(3000),
  // how often the bot looks for staff notices in the outbox, in seconds
  BOT_NOTICE_POLL_SECONDS: z.coerce.number().int().min(1).default(15),
  // the mini-program card offered with the "report privately" reply (all three, or none)
  BOT_MINIPROGRAM_APPID: z.string().optional(),
  BOT_MINIPROGRAM_USERNAME: z.string().optional(),
  BOT_MINIPROGRAM_PAGE: z.string().default("pages/report/report"),
});

export type BotConfig = z.infer<typeof BotConfigSchema>;

export function parseBotConfig(env: Record<string, string | undefined>): BotConfig {
  const result = BotConfigSchema.safeParse(env);
  if (!result.success) throw new Error(`invalid bot configuration:\n${result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  return result.data;
}
