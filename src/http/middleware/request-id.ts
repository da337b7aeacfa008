import { randomUUID } from "node:crypto";
import type { Context, Next } from "koa";

/** Every response carries X-Request-Id (the caller's, if it sent a sane one). */
export async function requestId(ctx: Context, next: Next) {
  const given = ctx.get("x-request-id");
  ctx.state.requestId = /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
  ctx.set("X-Request-Id", ctx.state.requestId);
  await next();
}
