import type { DataSource } from "typeorm";
import { systemClock, type Clock } from "./clock.js";
import { ConfigError, type Config } from "./config.js";
import type { Server } from "node:http";
import { countDemoAccounts } from "./seed/demo-purge.js";
import { openDatabase } from "./db/data-source.js";
import { createLogger, type Logger } from "./logger.js";
import { FieldCrypto } from "./security/field-crypto.js";
import { seedAreas } from "./seed/areas.js";
import { seedDemo } from "./seed/demo.js";
import { seedHolidayCalendar } from "./seed/holiday-calendar.js";
import { seedDemoReports } from "./seed/demo-reports.js";
import { seedPolicies } from "./seed/policies.js";
import { seedRhythm } from "./seed/rhythm.js";
import type { Deps } from "./services/deps.js";
import { HolidayCalendarStore, logCalendarWarnings } from "./services/holiday-calendar.js";
import { reviseKnownYearDeadlines } from "./cron/steps.js";
import { PolicyLibrary } from "./services/policy-library.js";
import { DemoWechat, usesDemoWechat } from "./wechat/demo-wechat.js";
import { WechatApi } from "./wechat/wechat-api.js";

/**
 * Opens the database (migrating it), seeds areas, policy sheets and, while demo data is
 * on, the demo accounts, builds the policy answer index, and wires the dependencies every transport shares.
 */
export async function startSystem(config: Config, opts: { clock?: Clock; log?: Logger } = {}): Promise<Deps> {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? createLogger(config.LOG_LEVEL);
  const db: DataSource = await openDatabase(config.DATABASE_URL);
  if (config.NODE_ENV === "production") await refuseDemoAccounts(db);
  const crypto = new FieldCrypto(config.FIELD_ENCRYPTION_KEY);
  const wechat = usesDemoWechat(config)
    ? new DemoWechat()
    : new WechatApi(config.WECHAT_API_BASE_URL, config.WECHAT_APP_ID, config.WECHAT_APP_SECRET, () => clock.now());
  if (wechat instanceof DemoWechat) log.warn("demo data with the demo WeChat secret: WeChat sign-in and subscribe messages are simulated");
  await seedAreas(db);
  await seedHolidayCalendar(db, clock);
  const holidays = new HolidayCalendarStore(db, clock);
  if (config.demoData) {
    const places = await seedDemo(db, crypto, clock, config.DEMO_COUNTY);
    await seedRhythm(db, clock, config.DEMO_COUNTY);
    // tests build their own reports; a demo started by hand gets some to look at
    if (config.NODE_ENV !== "test") await seedDemoReports(db, crypto, clock, places, await holidays.current());
  }
  await seedPolicies(db, clock);
  const policies = await PolicyLibrary.load(db);
  const deps: Deps = { db, clock, config, crypto, log, wechat, policies, holidays };
  // a year the table knows now (a newer package seeded it) frees deadlines counted on weekends only
  await reviseKnownYearDeadlines(deps);
  await logCalendarWarnings(deps);
  return deps;
}

/** A production server must not keep the demo accounts and their published password. */
async function refuseDemoAccounts(db: DataSource): Promise<void> {
  const count = await countDemoAccounts(db);
  if (count > 0) {
    await db.destroy();
    throw new ConfigError(
      `the database holds ${count} demo account(s) whose password is published in the README; run \`npm run demo:purge\` against this DATABASE_URL before starting in production`,
    );
  }
}

/**
 * Time limits for slow or stalled clients, so a connection that trickles its headers or body
 * cannot hold the server: headers within 10 s, the whole request (a 5 MB upload on a slow
 * county line included) within 2 minutes, idle keep-alive connections closed after 5 s.
 */
export function applyServerTimeouts(server: Server): void {
  server.headersTimeout = 10_000;
  server.requestTimeout = 120_000;
  server.keepAliveTimeout = 5_000;
}
