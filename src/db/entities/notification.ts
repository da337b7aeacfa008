import { EntitySchema } from "typeorm";

export type NotificationChannel = "wechat_subscribe" | "bot" | "log";
/** pending (a claimed one has lease_until set) → sent | failed | skipped */
export type NotificationStatus = "pending" | "sent" | "failed" | "skipped";

/** The transactional outbox: a message to send, written with the change that causes it. */
export interface Notification {
  id: number;
  dedupeKey: string;
  channel: NotificationChannel;
  kind: string;
  recipientType: "account" | "village_group";
  recipientId: string;
  payload: string;
  dueAt: Date;
  status: NotificationStatus;
  attempts: number;
  nextAttemptAt: Date;
  leaseUntil: Date | null;
  /** Who holds the lease: only the holder may acknowledge the row. */
  leaseToken?: string | null;
  sentAt: Date | null;
  lastError: string | null;
  createdAt: Date;
}

const dt = (name: string, nullable = false) => ({ name, type: "datetime" as const, precision: 3, nullable });

export const NotificationEntity = new EntitySchema<Notification>({
  name: "Notification",
  tableName: "notification",
  columns: {
    id: { type: "integer", primary: true, generated: "increment" },
    dedupeKey: { name: "dedupe_key", type: "varchar", length: 191, unique: true },
    channel: { type: "varchar", length: 24 },
    kind: { type: "varchar", length: 48 },
    recipientType: { name: "recipient_type", type: "varchar", length: 16 },
    recipientId: { name: "recipient_id", type: "varchar", length: 64 },
    payload: { type: "text" },
    dueAt: dt("due_at"),
    status: { type: "varchar", length: 16 },
    attempts: { type: "int", default: 0 },
    nextAttemptAt: dt("next_attempt_at"),
    leaseUntil: dt("lease_until", true),
    leaseToken: { name: "lease_token", type: "varchar", length: 36, nullable: true },
    sentAt: dt("sent_at", true),
    lastError: { name: "last_error", type: "varchar", length: 500, nullable: true },
    createdAt: dt("created_at"),
  },
});
