import type { Clock } from "../../src/clock.js";
import { isExpired, type ReportConversation } from "./report-conversation.js";

/**
 * Private report conversations, in memory: a half-filled report holds a name and a phone
 * number, and keeping it out of the database means a cancelled or abandoned one leaves
 * nothing behind. A restart ends conversations under way (the person starts again).
 */
export class ConversationStore {
  private readonly byContact = new Map<string, ReportConversation>();

  constructor(private readonly clock: Clock) {}

  /** Whether a live (not idle-expired) conversation exists. */
  has(contactId: string): boolean {
    const s = this.byContact.get(contactId);
    return Boolean(s && !isExpired(s, this.clock.now()));
  }

  /** The conversation, or `expired: true` once when it ran out of time (and is dropped). */
  current(contactId: string): { state: ReportConversation | null; expired: boolean } {
    const s = this.byContact.get(contactId);
    if (!s) return { state: null, expired: false };
    if (isExpired(s, this.clock.now())) {
      this.byContact.delete(contactId);
      return { state: null, expired: true };
    }
    return { state: s, expired: false };
  }

  put(contactId: string, state: ReportConversation | null): void {
    if (state) this.byContact.set(contactId, state);
    else this.byContact.delete(contactId);
  }

  /** Drops conversations idle for too long; returns the contacts whose conversation ended. */
  sweep(): string[] {
    const now = this.clock.now();
    const ended: string[] = [];
    for (const [id, s] of this.byContact) {
      if (isExpired(s, now)) {
        this.byContact.delete(id);
        ended.push(id);
      }
    }
    return ended;
  }
}
