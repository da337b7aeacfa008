import type { Context, Next } from "koa";

const bare = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");

/**
 * The address a request came from, in `ctx.state.clientAddress`. X-Forwarded-For is believed
 * only when the connection comes from one of `trustedProxies`, and then read from the right,
 * skipping the trusted proxies, so a client cannot choose its own address to dodge the limits.
 */
export function clientAddress(trustedProxies: readonly string[]) {
  const trusted = new Set(trustedProxies.map(bare));
  return async (ctx: Context, next: Next) => {
    let address = bare(ctx.req.socket.remoteAddress ?? "");
    if (trusted.has(address)) {
      const hops = ctx
        .get("x-forwarded-for")
        .split(",")
        .map((h) => bare(h.trim()))
        .filter(Boolean);
      while (hops.length && trusted.has(address)) address = hops.pop()!;
    }
    ctx.state.clientAddress = address;
    await next();
  };
}
