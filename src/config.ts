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
  // address to listen on: 127.0.0.1 (this machine only) unless set; 0.0.0.0 for every interface
  HOST: z.string().min(1).optional(),
  // addresses of reverse proxies whose X-Forwarded-For is believed (comma-separated); none by default
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((a) => a.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.union([z.ipv4(), z.ipv6()]))),
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
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24 * 7),
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
  RHYTHM_GRACE_HOURS: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 14)
    .default(24),
  // run the cron ticks (reminders, escalations, screening calendar) in this process
  CRON: z.enum(["on", "off"]).default("on"),
  // this instance's name as a holder of county leases (docs/scale.md section 4); unset: a random id for the process's life
  CRON_INSTANCE_ID: z.string().min(1).max(64).optional(),
  // pino log level
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

/** In production the built-in development secrets must not be used. */
const PRODUCTION_SECRETS = ["WECHAT_APP_ID", "WECHAT_APP_SECRET", "SESSION_SECRET", "FIELD_ENCRYPTION_KEY"] as const;

/** Values published in this repository (defaults, README, .env.example): never secret. */
const PUBLISHED_VALUES = new Set(
  [
    "wx-demo-app-id",
    DEMO_WECHAT_APP_SECRET,
    "dev-only-session-secret-change-me-0000",
    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
    "yijian-demo-2026",
    "touristappid",
  ].map((v) => v.toLowerCase()),
);

/** Secrets guessed by trying a few values: one character repeated, a short pattern repeated, too few distinct characters. */
function weakSecretProblem(value: string): string | null {
  if (PUBLISHED_VALUES.has(value.toLowerCase())) return "is a published development value; generate a new one (openssl rand -hex 32)";
  const distinct = new Set(value.toLowerCase()).size;
  if (distinct < 8) return `has only ${distinct} different characters; generate a random one (openssl rand -hex 32)`;
  for (let period = 1; period <= value.length / 2; period++) {
    if (
      value ===
      value
        .slice(0, period)
        .repeat(Math.ceil(value.length / period))
        .slice(0, value.length)
    ) {
      return "is a short pattern repeated; generate a random one (openssl rand -hex 32)";
    }
  }
  return null;
}

/** Secrets whose guessing breaks the system: these get the strength check (app id is public). */
const STRONG_SECRETS = ["WECHAT_APP_SECRET", "SESSION_SECRET", "FIELD_ENCRYPTION_KEY"] as const;

export type Config = z.infer<typeof ConfigSchema> & { demoData: boolean; host: string };

/** Thrown when the environment is wrong; its message names every bad variable. */
export class ConfigError extends Error {}

/** Parses a config from an environment; throws ConfigError naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = ConfigSchema.safeParse(env);
  const problems = result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  if (env.NODE_ENV === "production") {
    for (const key of PRODUCTION_SECRETS) if (!env[key]) problems.push(`${key}: is required in production`);
    if (env.WECHAT_APP_ID && PUBLISHED_VALUES.has(env.WECHAT_APP_ID.toLowerCase()))
      problems.push("WECHAT_APP_ID: is the development value; use the mini-program's AppID");
    for (const key of STRONG_SECRETS) {
      const problem = env[key] ? weakSecretProblem(env[key]) : null;
      if (problem) problems.push(`${key}: ${problem}`);
    }
    if (env.DEMO_DATA === "on") problems.push("DEMO_DATA: demo data is not allowed in production");
  }
  if (!result.success || problems.length) {
    throw new ConfigError(`invalid configuration:\n${problems.map((p) => `  ${p}`).join("\n")}`);
  }
  const c = result.data;
  // Outside production a server listens on this machine only unless told otherwise.
  const host = c.HOST ?? (c.NODE_ENV === "production" ? "0.0.0.0" : "127.0.0.1");
  return { ...c, demoData: c.NODE_ENV !== "production" && c.DEMO_DATA !== "off", host };
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
