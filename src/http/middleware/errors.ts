import type { Context, Next } from "koa";
import { AppError, TooManyRequests } from "../../errors.js";
import { loggableMessage, loggableStack, type Logger } from "../../logger.js";

/** The one place errors become HTTP: AppErrors keep their code; anything else is a logged 500. */
export function errorMiddleware(log: Logger) {
  return async (ctx: Context, next: Next) => {
    try {
      await next();
    } catch (err) {
      if (err instanceof AppError) {
        ctx.status = err.status;
        if (err instanceof TooManyRequests) ctx.set("Retry-After", String(err.retryAfterSeconds));
        ctx.body = { error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } };
        return;
      }
      // Only the message and stack, scrubbed: an error object may carry the request body, a database error the row.
      log.error({ error: loggableMessage(err), stack: loggableStack(err), requestId: ctx.state.requestId, path: ctx.path }, "unhandled error");
      ctx.status = 500;
      ctx.body = { error: { code: "internal_error", message: "系统出了点问题，请稍后再试；如果一直不行，请联系村委会" } };
    }
  };
}
