import type { DataSource } from "typeorm";
import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import type { FieldCrypto } from "../security/field-crypto.js";
import type { WechatApi } from "../wechat/wechat-api.js";
import type { HolidayCalendarStore } from "./holiday-calendar.js";
import type { PolicyLibrary } from "./policy-library.js";

/** What services need from the outside world, handed in once at start. */
export interface Deps {
  db: DataSource;
  clock: Clock;
  config: Config;
  crypto: FieldCrypto;
  log: Logger;
  wechat: WechatApi;
  /** The system-owned holiday calendar, reloaded within a minute of another instance's entry. */
  holidays: HolidayCalendarStore;
  /** Policy sheets and their answer index, built at start (absent in systems that do not answer questions). */
  policies?: PolicyLibrary;
}
