import parse from "co-body";
import type { Context, Next } from "koa";
import { AppError } from "../../errors.js";

/** JSON bodies only, at most 64 KB. */
export const BODY_LIMIT = "64kb";

export function jsonBody() {
  return async (ctx: Context, next: Next) => {
    const hasBody = Number(ctx.get("content-length") || 0) > 0 || ctx.get("transfer-encoding") !== "";
    if (hasBody && !["GET", "HEAD", "DELETE"].includes(ctx.method) && !ctx.state.ownBodyParser) {
      if (!ctx.is("application/json")) throw new AppError(415, "unsupported_media_type", "请用 JSON 格式提交（Content-Type: application/json）");
      try {
        (ctx.request as { body?: unknown }).body = await parse.json(ctx.req, { limit: BODY_LIMIT, strict: true });
      } catch (err) {
        const status = (err as { status?: number }).status;
        if (status === 413) throw new AppError(413, "body_too_large", "提交的内容太大了（不能超过64KB），请删减后再提交");
        if (status === 400) throw new AppError(400, "malformed_json", "提交的内容格式不对（不是有效的JSON）");
        throw err;
      }
    }
    await next();
  };
}
