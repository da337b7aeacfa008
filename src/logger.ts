import pino from "pino";

/**
 * Log lines never carry a household's phone, ID number or name: these keys are
 * censored wherever they appear, and callers log ids, not people.
 */
const PERSONAL_KEYS = ["phone", "idNumber", "name", "password", "code", "authorization", "session_key", "openid"];

export function createLogger(level: string, destination?: pino.DestinationStream) {
  return pino({
    level,
    redact: {
      paths: [...PERSONAL_KEYS, ...PERSONAL_KEYS.map((k) => `*.${k}`), ...PERSONAL_KEYS.map((k) => `*.*.${k}`), "req.headers.authorization"],
      censor: "[masked]",
    },
  }, destination);
}

export type Logger = ReturnType<typeof createLogger>;
