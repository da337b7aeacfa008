import type { Context, Next } from "koa";
import { AppError } from "../../errors.js";

/** Uploaded files (CSV, XLSX) may be up to 5 MB; JSON bodies keep their own 64 KB limit. */
export const UPLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

async function readLimited(ctx: Context, limit: number): Promise<Buffer> {
  const declared = Number(ctx.get("content-length") || 0);
  if (declared > limit) throw new AppError(413, "upload_too_large", "文件太大了（不能超过5MB），请分成几个文件上传");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new AppError(413, "upload_too_large", "文件太大了（不能超过5MB），请分成几个文件上传");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * For the listed POST paths, reads the raw request body (the file itself, any content type)
 * into `ctx.state.upload` and tells the JSON body parser to leave it alone. Runs before it.
 */
export function uploadBody(paths: readonly string[], limit = UPLOAD_LIMIT_BYTES) {
  return async (ctx: Context, next: Next) => {
    if (ctx.method === "POST" && paths.includes(ctx.path)) {
      ctx.state.ownBodyParser = true;
      ctx.state.upload = await readLimited(ctx, limit);
    }
    await next();
  };
}
