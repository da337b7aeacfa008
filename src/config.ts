import { z } from "zod";

/** The app secret a demo runs with; WeChat itself would refuse it (see src/wechat/demo-wechat.ts). */
export const DEMO_WECHAT_APP_SECRET = "demo-app-secret";
/** WeChat's own server API. */
export const WECHAT_API_URL = "https://api.weixin.qq.com";

/** Environment variables, parsed once at start. Every one is documented in .env.example. */
const ConfigSchema = z.object({
    // production turns off demo data and demo sign-in and makes every secret required
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    // HTTP port
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    // sqlite:<path> (embedded default) or mysql://user:pass@host:3306/db
    DATABASE_URL: z
      .string()
      .regex(/^(sqlite:.+|mysql:\/\/.+)$/, "must be sqlite:<path> or mysql://user:pass@host:port/db")
      .default("sqlite:./data/yijian.sqlite"),
    // the mini-program's app id and secret, for code2Session and subscribe messages
    WECHAT_APP_ID: z.string().min(1).default("wx-demo-app-id"),
    WECHAT_APP_SECRET: z.string().min(1).default(DEMO_WECHAT_APP_SECRET),
    // base URL of WeChat's server API; tests point it at a local fake server
    WECHAT_API_BASE_URL: z.url().default(WECHAT_API_URL),
    // subscribe-message template for "your report was accepted / answered" (mini-program console)
    WECHAT_TEMPLATE_REPORT_PROGRESS: z.string().min(1).default("demo-template-report-progress"),
    // signs session tokens (at least 32 characters)
    SESSION_SECRET: z.string().min(32).default("dev-only-session-secret-change-me-0000"),
    // how long a session token lives, in hours
    SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(24 * 7),
    // AES-256 key for ID and phone numbers at rest: 64 hex characters
    FIELD_ENCRYPTION_KEY: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, "must be 64 hex characters (32 bytes)")
      .default("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"),
    // seed the pilot county and demo accounts (default: on unless production)
    DEMO_DATA: z.enum(["on", "off"]).optional(),
    // the county the demo data is seeded for
    DEMO_COUNTY: z.enum(["231226", "430503"]).default("231226"),
    // subscribe-message template for "a screening is coming to your village" (mini-program console)
    WECHAT_TEMPLATE_SCREENING_NOTICE: z.string().min(1).default("demo-template-screening-notice"),
    // reminders missed by downtime are still sent within this many hours; older ones are recorded as missed
    RHYTHM_GRACE_HOURS: z.coerce.number().int().min(0).max(24 * 14).default(24),
    // run the cron ticks (reminders, escalations, screening calendar) in this process
    CRON: z.enum(["on", "off"]).default("on"),
    // pino log level
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

/** In production the built-in development secrets must not be used. */
const PRODUCTION_SECRETS = ["WECHAT_APP_ID", "WECHAT_APP_SECRET", "SESSION_SECRET", "FIELD_ENCRYPTION_KEY"] as const;

export type Config = z.infer<typeof ConfigSchema> & { demoData: boolean };

/** Thrown when the environment is wrong; its message names every bad variable. */
export class ConfigError extends Error {}

/** Parses a config from an environment; throws ConfigError naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = ConfigSchema.safeParse(env);
  const problems = result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  if (env.NODE_ENV === "production") {
    for (const key of PRODUCTION_SECRETS) if (!env[key]) problems.push(`${key}: is required in production`);
    if (env.DEMO_DATA === "on") problems.push("DEMO_DATA: demo data is not allowed in production");
  }
  if (!result.success || problems.length) {
    throw new ConfigError(`invalid configuration:\n${problems.map((p) => `  ${p}`).join("\n")}`);
  }
  const c = result.data;
  return { ...c, demoData: c.NODE_ENV !== "production" && c.DEMO_DATA !== "off" };
}

let cached: Config | undefined;

/** The process's config, parsed from process.env on first use. */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Forgets the cached config (tests). */
export function resetConfig(): void {
  cached = undefined;
}
