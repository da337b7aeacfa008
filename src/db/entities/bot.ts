import { EntitySchema } from "typeorm";

/** A WeChat group bound to a village: the bot answers there with that village's region. */
export interface BotGroup {
  roomId: string;
  villageCode: string;
  /** The group's name when it was bound (WeChat may rename it later). */
  topic: string | null;
  boundBy: string;
  boundAt: Date;
  unboundAt: Date | null;
  unboundBy: string | null;
}

export const BotGroupEntity = new EntitySchema<BotGroup>({
  name: "BotGroup",
  tableName: "bot_group",
  columns: {
    roomId: { name: "room_id", type: "varchar", length: 128, primary: true },
    villageCode: { name: "village_code", type: "varchar", length: 12 },
    topic: { type: "varchar", length: 100, nullable: true },
    boundBy: { name: "bound_by", type: "varchar", length: 36 },
    boundAt: { name: "bound_at", type: "datetime", precision: 3 },
    unboundAt: { name: "unbound_at", type: "datetime", precision: 3, nullable: true },
    unboundBy: { name: "unbound_by", type: "varchar", length: 36, nullable: true },
  },
});

/** A WeChat contact the bot knows, linked to the account it acts as. */
export interface BotContact {
  contactId: string;
  accountId: string;
  linkedAt: Date;
}

export const BotContactEntity = new EntitySchema<BotContact>({
  name: "BotContact",
  tableName: "bot_contact",
  columns: {
    contactId: { name: "contact_id", type: "varchar", length: 128, primary: true },
    accountId: { name: "account_id", type: "varchar", length: 36, unique: true },
    linkedAt: { name: "linked_at", type: "datetime", precision: 3 },
  },
});

/** A one-time code a signed-in staff member sends the bot to link their WeChat. */
export interface BotLinkCode {
  codeHash: string;
  accountId: string;
  expiresAt: Date;
  usedAt: Date | null;
  /** Wrong codes tried while this one was live; past a limit it stops working. */
  failedGuesses: number;
}

export const BotLinkCodeEntity = new EntitySchema<BotLinkCode>({
  name: "BotLinkCode",
  tableName: "bot_link_code",
  columns: {
    codeHash: { name: "code_hash", type: "varchar", length: 64, primary: true },
    accountId: { name: "account_id", type: "varchar", length: 36 },
    expiresAt: { name: "expires_at", type: "datetime", precision: 3 },
    usedAt: { name: "used_at", type: "datetime", precision: 3, nullable: true },
    failedGuesses: { name: "failed_guesses", type: "int", default: 0 },
  },
});
