import { EntitySchema } from "typeorm";
import type { Role } from "../../domain/roles.js";

/** Anyone who signs in: a farmer through WeChat, staff by phone and password. */
export interface Account {
  id: string;
  role: Role;
  username: string | null;
  displayName: string;
  areaCode: string | null;
  department: string | null;
  householdId: string | null;
  phoneHash: string | null;
  phoneSealed: string | null;
  passwordHash: string | null;
  wechatOpenid: string | null;
  failedSignIns: number;
  lockedUntil: Date | null;
  disabled: boolean;
  /** Tokens carry the epoch they were issued under; raising it ends every session of the account. */
  sessionEpoch: number;
  /** Signed in with a one-time password: must choose a new one before anything else. */
  mustChangePassword: boolean;
  /** A one-time password stops working at this time. */
  passwordExpiresAt: Date | null;
  createdAt: Date;
}

export const AccountEntity = new EntitySchema<Account>({
  name: "Account",
  tableName: "account",
  columns: {
    id: { type: "varchar", length: 36, primary: true },
    role: { type: "varchar", length: 16 },
    username: { type: "varchar", length: 64, nullable: true, unique: true },
    displayName: { name: "display_name", type: "varchar", length: 64 },
    areaCode: { name: "area_code", type: "varchar", length: 12, nullable: true },
    department: { type: "varchar", length: 32, nullable: true },
    householdId: { name: "household_id", type: "varchar", length: 36, nullable: true },
    phoneHash: { name: "phone_hash", type: "varchar", length: 64, nullable: true, unique: true },
    phoneSealed: { name: "phone_sealed", type: "varchar", length: 255, nullable: true },
    passwordHash: { name: "password_hash", type: "varchar", length: 255, nullable: true },
    wechatOpenid: { name: "wechat_openid", type: "varchar", length: 64, nullable: true, unique: true },
    failedSignIns: { name: "failed_sign_ins", type: "int", default: 0 },
    lockedUntil: { name: "locked_until", type: "datetime", precision: 3, nullable: true },
    disabled: { type: "boolean", default: false },
    sessionEpoch: { name: "session_epoch", type: "int", default: 0 },
    mustChangePassword: { name: "must_change_password", type: "boolean", default: false },
    passwordExpiresAt: { name: "password_expires_at", type: "datetime", precision: 3, nullable: true },
    createdAt: { name: "created_at", type: "datetime", precision: 3 },
  },
});
