import type { Wechaty } from "wechaty";
import type { Clock } from "../src/clock.js";
import { loggableMessage, loggableStack } from "../src/logger.js";
import { dispatchChannel, type SendOutcome } from "../src/outbox/dispatcher.js";
import type { ClaimedNotification } from "../src/outbox/outbox.js";
import { contactOfAccount } from "../src/services/bot-service.js";
import { groupsOfVillage } from "../src/services/places.js";
import type { Deps } from "../src/services/deps.js";

/** WeChat blocks accounts that send fast: at least this long between two messages. */
export const DEFAULT_SEND_SPACING_MS = 3000;

export interface NoticeSenderOptions {
  bot: Wechaty;
  deps: Deps;
  /** Defaults to `deps.clock`; spacing is measured on it. */
  clock?: Clock;
  /** Waits; tests pass one that moves a fake clock. */
  sleep?: (ms: number) => Promise<void>;
  sendSpacingMs?: number;
  batchSize?: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** An 11-digit mobile or an 18-character ID number must never reach a group. */
export const holdsPersonalData = (text: string): boolean => /(^|\D)1[3-9]\d{9}(\D|$)/.test(text) || /(^|\D)\d{17}[\dXx](\D|$)/.test(text);

export interface SendCounts {
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
}

/**
 * Delivers the bot channel of the outbox: new reports and deadline reminders to the linked
 * WeChat of village cadres, escalations to township staff, screening posts to village
 * groups. The outbox dispatcher claims under a lease and acknowledges each notice only
 * after WeChat took it (retrying with back-off otherwise), so after a restart mid-batch the
 * sent ones stay sent and only the rest go out, once their lease has run out.
 */
export class NoticeSender {
  private readonly clock: Clock;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly spacingMs: number;
  private readonly batchSize: number;
  private lastSendAt: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<SendCounts> | null = null;

  constructor(private readonly o: NoticeSenderOptions) {
    this.clock = o.clock ?? o.deps.clock;
    this.sleep = o.sleep ?? realSleep;
    this.spacingMs = o.sendSpacingMs ?? DEFAULT_SEND_SPACING_MS;
    this.batchSize = o.batchSize ?? 20;
  }

  /** Claims one batch and sends it, spaced; one batch at a time. */
  runOnce(): Promise<SendCounts> {
    this.running ??= dispatchChannel(this.o.deps, "bot", (n) => this.send(n), this.batchSize).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Polls the outbox every `intervalMs` while the bot is logged in. */
  start(intervalMs = 15_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (!this.o.bot.isLoggedIn) return;
      this.runOnce().catch((error) => this.o.deps.log.error({ error: loggableMessage(error), stack: loggableStack(error) }, "bot notice batch failed"));
    }, intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async waitForTurn(): Promise<void> {
    if (this.lastSendAt !== null) {
      const wait = this.lastSendAt + this.spacingMs - this.clock.now().getTime();
      if (wait > 0) await this.sleep(wait);
    }
    this.lastSendAt = this.clock.now().getTime();
  }

  private async targets(n: ClaimedNotification): Promise<Array<{ say: (text: string) => Promise<unknown> }>> {
    const { bot, deps } = this.o;
    if (n.recipientType === "account") {
      const contactId = await contactOfAccount(deps, n.recipientId);
      const contact = contactId ? await bot.Contact.find({ id: contactId }) : undefined;
      return contact ? [contact] : [];
    }
    const rooms = [];
    for (const g of await groupsOfVillage(deps, n.recipientId)) {
      const room = await bot.Room.find({ id: g.roomId });
      if (room) rooms.push(room);
    }
    return rooms;
  }

  private async send(n: ClaimedNotification): Promise<SendOutcome> {
    const text = typeof n.payload.text === "string" ? n.payload.text : "";
    if (!text) return { kind: "failed", error: "no_text" };
    if (n.recipientType === "village_group" && holdsPersonalData(text)) return { kind: "failed", error: "personal_data_in_group_notice" };
    const targets = await this.targets(n);
    // A village without a bound group does not use the bot: its posts have nobody to reach.
    if (targets.length === 0 && n.recipientType === "village_group") return { kind: "skipped", reason: "no_bound_group" };
    // A staff member may link their WeChat soon: retry with back-off (the outbox gives up after its attempts).
    if (targets.length === 0) return { kind: "retry", error: "no_linked_wechat" };
    for (const target of targets) {
      await this.waitForTurn();
      await target.say(text);
    }
    return { kind: "sent" };
  }
}
