import pino from "pino";

/**
 * Log lines never carry a household's phone, ID number or name: these keys are
 * censored wherever they appear, and callers log ids, not people.
 */
const PERSONAL_KEYS = ["phone", "idNumber", "name", "password", "code", "authorization", "session_key", "openid"];

export function createLogger(level: string, destination?: pino.DestinationStream) {
  return pino(
    {
      level,
      redact: {
        paths: [...PERSONAL_KEYS, ...PERSONAL_KEYS.map((k) => `*.${k}`), ...PERSONAL_KEYS.map((k) => `*.*.${k}`), "req.headers.authorization"],
        censor: "[masked]",
      },
    },
    destination,
  );
}

export type Logger = ReturnType<typeof createLogger>;

/**
 * An error's message fit for a log line. Database errors echo the row they refused
 * ("Duplicate entry '张三…'"): quoted values and long digit runs (phones, ID numbers) are cut.
 */
export function loggableMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/'[^']*'|"[^"]*"|`[^`]*`/g, "'[masked]'").replace(/\d{7,}[\dXx]?/g, "[masked]");
}

/** An error's stack without its first line, which repeats the message. */
export const loggableStack = (err: unknown): string | undefined => (err instanceof Error ? err.stack?.split("\n").slice(1).join("\n") : undefined);
