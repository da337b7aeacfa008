import QRCode from "qrcode";
import { ScanStatus, type WechatyOptions } from "wechaty";
import { getConfig } from "../src/config.js";
import { startSystem } from "../src/system.js";
import { parseBotConfig } from "./bot-config.js";
import { buildBot, buildNoticeSender } from "./build-bot.js";

/** `npm run bot`: the group-chat bot on the same database and services as `npm start`. */
async function main() {
  const config = getConfig();
  const botConfig = parseBotConfig(process.env);
  const deps = await startSystem(config);
  const miniProgram =
    botConfig.BOT_MINIPROGRAM_APPID && botConfig.BOT_MINIPROGRAM_USERNAME
      ? { appid: botConfig.BOT_MINIPROGRAM_APPID, username: botConfig.BOT_MINIPROGRAM_USERNAME, title: "一键申报", pagePath: botConfig.BOT_MINIPROGRAM_PAGE }
      : undefined;
  const bot = buildBot({ puppet: botConfig.WECHATY_PUPPET as NonNullable<WechatyOptions["puppet"]>, deps, name: botConfig.BOT_NAME, miniProgram });
  const notices = buildNoticeSender({ bot, deps, sendSpacingMs: botConfig.BOT_SEND_SPACING_MS });

  bot.on("scan", (qrcode, status) => {
    if (status !== ScanStatus.Waiting && status !== ScanStatus.Timeout) return;
    void QRCode.toString(qrcode, { type: "terminal", small: true }).then((art) => {
      console.log(`${art}\n用要当机器人的微信扫码登录（${qrcode}）`);
    });
  });
  bot.on("login", () => {
    deps.log.info("bot logged in");
    notices.start(botConfig.BOT_NOTICE_POLL_SECONDS * 1000);
  });
  bot.on("logout", () => {
    deps.log.warn("bot logged out");
    notices.stop();
  });

  const stop = () => {
    notices.stop();
    void bot
      .stop()
      .finally(() => deps.db.destroy())
      .finally(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  await bot.start();
}

void main();
