import type { Wechaty } from "wechaty";
import type { Clock } from "../src/clock.js";
import { activeGroupsOfVillage } from "../src/repositories/bot.js";
import { contactOfAccount } from "../src/services/bot-service.js";
import type { Deps } from "../src/services/deps.js";
import type { BotNotice, OutboxPort } from "./ports.js";

/** WeChat blocks accounts that send fast: at least this long between two messages. */
export const DEFAULT_SEND_SPACING_MS = 3000;

export interface NoticeSenderOptions {
  bot: Wechaty;
  deps: Deps;
  outbox: OutboxPort;
  clock?: Clock;
  /** Waits; tests pass one that moves a fake clock. */
  sleep?: (ms: number) => Promise<void>;
  sendSpacingMs?: number;
  batchSize?: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** 1 min, 2, 4 … capped at an hour. */
export const backoffMs = (attempts: number): number => Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 3600_000);

/** An 11-digit mobile or an 18-character ID number must never reach a group. */
export const holdsPersonalData = (text: string): boolean => /(^|\D)1[3-9]\d{9}(\D|$)/.test(text) || /(^|\d)\d{17}[\dXx](\D|$)/.test(text);

export interface SendResult {
  sent: number;
  failed: number;
}

/**
 * Delivers the bot channel of the outbox: new reports and deadline reminders to the linked
 * WeChat of staff, escalations to township staff, screening posts to village groups.
 * A notice is marked sent only after WeChat took it; the claim's lease runs out if the
 * process dies mid-batch, so the rest are claimed again and nothing is sent twice.
 */
export class NoticeSender {
  private readonly clock: Clock;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly spacingMs: number;
  private readonly batchSize: number;
  private lastSendAt: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<SendResult> | null = null;

  constructor(private readonly o: NoticeSenderOptions) {
    this.clock = o.clock ?? o.deps.clock;
    this.sleep = o.sleep ?? realSleep;
    this.spacingMs = o.sendSpacingMs ?? DEFAULT_SEND_SPACING_MS;
    this.batchSize = o.batchSize ?? 5;
  }

  /** Claims one batch and sends it, spaced; returns what happened. */
  runOnce(): Promise<SendResult> {
    this.running ??= this.sendBatch().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Polls the outbox every `intervalMs` while the bot is logged in. */
  start(intervalMs = 10_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (!this.o.bot.isLoggedIn) return;
      this.runOnce().catch((error) => this.o.deps.log.error({ err: String(error) }, "bot notice batch failed"));
    }, intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async sendBatch(): Promise<SendResult> {
    // The lease covers the whole batch, spacing included, with room for slow sends.
    const leaseMs = this.batchSize * (this.spacingMs + 30_000);
    const notices = await this.o.outbox.claim(this.batchSize, leaseMs);
    const result: SendResult = { sent: 0, failed: 0 };
    for (const notice of notices) {
      if ((await this.deliver(notice)) === "sent") result.sent++;
      else result.failed++;
    }
    return result;
  }

  private async waitForTurn(): Promise<void> {
    if (this.lastSendAt === null) return;
    const wait = this.lastSendAt + this.spacingMs - this.clock.now().getTime();
    if (wait > 0) await this.sleep(wait);
  }

  private async targets(notice: BotNotice): Promise<Array<{ say: (text: string) => Promise<unknown> }>> {
    const { bot, deps } = this.o;
    if (notice.recipientType === "account") {
      const contactId = await contactOfAccount(deps, notice.recipientId);
      const contact = contactId ? await bot.Contact.find({ id: contactId }) : undefined;
      return contact ? [contact] : [];
    }
    const rooms = [];
    for (const g of await activeGroupsOfVillage(deps.db, notice.recipientId)) {
      const room = await bot.Room.find({ id: g.roomId });
      if (room) rooms.push(room);
    }
    return rooms;
  }

  private async deliver(notice: BotNotice): Promise<"sent" | "failed"> {
    const { outbox } = this.o;
    const retryAt = () => new Date(this.clock.now().getTime() + backoffMs(notice.attempts + 1));
    try {
      if (notice.recipientType === "village_group" && holdsPersonalData(notice.text)) {
        await outbox.markFailed(notice.id, "personal_data_in_group_notice", retryAt());
        return "failed";
      }
      const targets = await this.targets(notice);
      if (targets.length === 0) {
        await outbox.markFailed(notice.id, "no_bound_wechat", retryAt());
        return "failed";
      }
      for (const target of targets) {
        await this.waitForTurn();
        this.lastSendAt = this.clock.now().getTime();
        await target.say(notice.text);
      }
    } catch (error) {
      await outbox.markFailed(notice.id, error instanceof Error ? error.message.slice(0, 200) : "send_failed", retryAt());
      return "failed";
    }
    await outbox.markSent(notice.id);
    return "sent";
  }
}
