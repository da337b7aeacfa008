import { EntitySchema } from "typeorm";

/** Wrong passwords typed for one phone number (staff or not), shared by every instance. */
export interface SignInThrottle {
  phoneHash: string;
  failures: number;
  windowStart: Date;
  blocks: number;
  blockedUntil: Date | null;
}

export const SignInThrottleEntity = new EntitySchema<SignInThrottle>({
  name: "SignInThrottle",
  tableName: "sign_in_throttle",
  columns: {
    phoneHash: { name: "phone_hash", type: "varchar", length: 64, primary: true },
    failures: { type: "int", default: 0 },
    windowStart: { name: "window_start", type: "datetime", precision: 3 },
    blocks: { type: "int", default: 0 },
    blockedUntil: { name: "blocked_until", type: "datetime", precision: 3, nullable: true },
  },
});
