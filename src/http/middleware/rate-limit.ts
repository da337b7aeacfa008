import type { Context, Next } from "koa";
import type { Clock } from "../../clock.js";
import { tooManyRequests } from "../../errors.js";

/** A fixed-window limit per key (by default the client address, see client-address.ts), in this process. */
export function rateLimit(opts: { clock: Clock; windowMs: number; max: number; key?: (ctx: Context) => string }) {
  const hits = new Map<string, { windowStart: number; count: number }>();
  return async (ctx: Context, next: Next) => {
    const now = opts.clock.now().getTime();
    const key = opts.key?.(ctx) ?? (ctx.state.clientAddress as string);
    const entry = hits.get(key);
    if (!entry || now - entry.windowStart >= opts.windowMs) {
      if (hits.size > 10_000) hits.clear();
      hits.set(key, { windowStart: now, count: 1 });
    } else if (++entry.count > opts.max) {
      throw tooManyRequests("rate_limited", "操作太频繁了，请稍等一会儿再试", Math.ceil((entry.windowStart + opts.windowMs - now) / 1000));
    }
    await next();
  };
}
