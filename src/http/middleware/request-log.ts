import { performance } from "node:perf_hooks";
import type { Context, Next } from "koa";
import type { Logger } from "../../logger.js";

/**
 * One JSON line per request with its final status. Only the path (never the query string,
 * body or headers), so no phone, ID number or name reaches the log.
 */
export function requestLog(log: Logger) {
  return async (ctx: Context, next: Next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      log.info(
        { requestId: ctx.state.requestId, method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(performance.now() - started) },
        "request",
      );
    }
  };
}
