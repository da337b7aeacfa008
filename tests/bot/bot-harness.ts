import { FileBox } from "file-box";
import { PuppetMock, mock } from "wechaty-puppet-mock";
import type { Wechaty } from "wechaty";
import { buildBot } from "../../bot/build-bot.js";
import { routerActivity, type BotFeature, type MiniProgramCard } from "../../bot/env.js";
import type { PolicyPort, ReportsPort } from "../../bot/ports.js";
import type { Deps } from "../../src/services/deps.js";
import type { Logger } from "../../src/logger.js";
import { findAccountByUsername } from "../../src/repositories/accounts.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";
import type { Engine } from "../helpers/databases.js";

type ContactMock = ReturnType<mock.Mocker["createContact"]>;
type RoomMock = ReturnType<mock.Mocker["createRoom"]>;

/** What the bot said, as the mock WeChat saw it. */
export interface Said {
  /** The room id, or the contact id of a private chat. */
  to: string;
  text: string;
  /** The fake clock's time when the mock WeChat got it. */
  at: number;
}

export interface HarnessOptions {
  policy?: PolicyPort;
  features?: BotFeature[];
  reports?: (deps: Deps) => ReportsPort;
  miniProgram?: MiniProgramCard;
  /** Where the system and the bot log (tests that read the log lines). */
  log?: Logger;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The bot built through `buildBot` on wechaty-puppet-mock, on a whole test system (real
 * database, fake clock). People are mock contacts; `ask` sends a message and returns what
 * the bot answered in that chat.
 */
export class BotHarness {
  readonly said: Said[] = [];
  /** The puppet, for tests that watch what was asked of WeChat. */
  get puppet(): PuppetMock {
    return this.mocker.puppet;
  }

  private constructor(
    readonly sys: TestSystem,
    readonly mocker: mock.Mocker,
    readonly bot: Wechaty,
    readonly botUser: ContactMock,
  ) {}

  /** By default the real policy and report services and every feature. */
  static async start(engine: Engine, opts: HarnessOptions = {}): Promise<BotHarness> {
    const sys = await startTestSystem(engine, { log: opts.log });
    const mocker = new mock.Mocker();
    const puppet = new PuppetMock({ mocker });
    const bot = buildBot({
      puppet,
      deps: sys.deps,
      policy: opts.policy,
      features: opts.features,
      reports: opts.reports?.(sys.deps),
      miniProgram: opts.miniProgram,
    });
    const botUser = mocker.createContact({ name: "一键申报助手" });
    const harness = new BotHarness(sys, mocker, bot, botUser);
    botUser.on("message", (m) => {
      if (m.talker().id !== botUser.id) return;
      harness.said.push({ to: m.room()?.id ?? m.listener()!.id, text: m.text() ?? "", at: sys.clock.now().getTime() });
    });
    const loggedIn = new Promise((r) => bot.once("login", r));
    await bot.start();
    mocker.login(botUser);
    await loggedIn;
    return harness;
  }

  person(name: string): ContactMock {
    return this.mocker.createContact({ name });
  }

  group(topic: string, members: ContactMock[]): RoomMock {
    return this.mocker.createRoom({ topic, memberIdList: [this.botUser.id, ...members.map((m) => m.id)] });
  }

  /** Says `text` in a room (optionally @-mentioning the bot) or privately; returns the bot's replies there. */
  async ask(from: ContactMock, text: string, where?: RoomMock, opts: { mention?: boolean } = {}): Promise<string[]> {
    const to = where?.id ?? from.id;
    const before = this.said.length;
    const handled = routerActivity(this.bot).finished;
    from.say(text, opts.mention ? [this.botUser] : []).to(where ?? this.botUser);
    await this.routerDone(handled);
    return this.said
      .slice(before)
      .filter((s) => s.to === to)
      .map((s) => s.text);
  }

  /** Waits until the bot's router has taken a new message and finished everything it took. */
  private async routerDone(finishedBefore: number, maxMs = 10_000): Promise<void> {
    const started = Date.now();
    for (;;) {
      const a = routerActivity(this.bot);
      if (a.finished > finishedBefore && a.finished === a.received) return;
      if (Date.now() - started > maxMs) throw new Error("the bot did not finish handling the message in time");
      await pause(5);
    }
  }

  /** Sends a picture and returns the replies. */
  async sendPicture(from: ContactMock, where?: RoomMock): Promise<string[]> {
    const to = where?.id ?? from.id;
    const before = this.said.length;
    const handled = routerActivity(this.bot).finished;
    from.say(FileBox.fromBase64("iVBORw0KGgo=", "photo.png")).to(where ?? this.botUser);
    await this.routerDone(handled);
    return this.said
      .slice(before)
      .filter((s) => s.to === to)
      .map((s) => s.text);
  }

  /** Waits until the bot has been quiet for a moment, then returns what it said to `to`. */
  async repliesSince(before: number, to?: string, quietMs = 150, maxMs = 5000): Promise<string[]> {
    const started = Date.now();
    let seen = this.said.length;
    let quietSince = Date.now();
    while (Date.now() - started < maxMs) {
      await pause(20);
      if (this.said.length !== seen) {
        seen = this.said.length;
        quietSince = Date.now();
      } else if (Date.now() - quietSince >= quietMs && (this.said.length > before || Date.now() - started >= quietMs * 2)) {
        break;
      }
    }
    return this.said
      .slice(before)
      .filter((s) => !to || s.to === to)
      .map((s) => s.text);
  }

  saidTo(id: string): string[] {
    return this.said.filter((s) => s.to === id).map((s) => s.text);
  }

  /** Links a demo staff account's WeChat to a new mock contact, the way staff do it. */
  async linkStaff(username: string, name: string): Promise<ContactMock> {
    const token = await this.sys.tokenFor(username);
    const res = await this.sys.request().post("/api/bot/link-code").set("authorization", `Bearer ${token}`);
    if (res.status !== 201) throw new Error(`link code: ${res.status} ${JSON.stringify(res.body)}`);
    const contact = this.person(name);
    const replies = await this.ask(contact, `绑定账号 ${res.body.code}`);
    if (!replies.some((r) => r.includes("已关联"))) throw new Error(`link failed: ${replies.join(" / ")}`);
    return contact;
  }

  async areaOf(username: string): Promise<string> {
    return (await findAccountByUsername(this.sys.deps.db, username))!.areaCode!;
  }

  async stop(): Promise<void> {
    await this.bot.stop();
    await this.sys.close();
  }
}
