import type { Context, Next } from "koa";
import { AppError } from "../../errors.js";
import { SHEET_LIMITS } from "../../formats/sheet-limits.js";

const tooLarge = () => new AppError(413, "upload_too_large", "文件太大了（不能超过5MB），请分成几个文件上传");

/**
 * The raw request body (the file itself, any content type), at most 5 MB. Routes call it after
 * the caller is authenticated, so an anonymous caller's body is never read.
 */
export async function readUpload(ctx: Context, limit: number = SHEET_LIMITS.fileBytes): Promise<Buffer> {
  if (Number(ctx.get("content-length") || 0) > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** For the listed POST paths the body is a file the route reads itself: the JSON parser leaves it alone. */
export function uploadPaths(paths: readonly string[]) {
  return async (ctx: Context, next: Next) => {
    if (ctx.method === "POST" && paths.includes(ctx.path)) ctx.state.ownBodyParser = true;
    await next();
  };
}
