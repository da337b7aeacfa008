import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Context, Next } from "koa";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".csv": "text/csv; charset=utf-8",
};

/**
 * Serves the console's static files under `prefix` (GET and HEAD only); unknown paths
 * without an extension get index.html, so the page's own links can be reloaded.
 */
export function consoleStatic(prefix: string, root: string) {
  const base = path.resolve(root);
  return async (ctx: Context, next: Next) => {
    if (!["GET", "HEAD"].includes(ctx.method) || (ctx.path !== prefix && !ctx.path.startsWith(`${prefix}/`))) return next();
    let rel: string;
    try {
      rel = decodeURIComponent(ctx.path.slice(prefix.length)).replace(/^\/+/, "");
    } catch {
      return next();
    }
    if (!path.extname(rel)) rel = "index.html";
    const file = path.resolve(base, rel);
    if (!file.startsWith(base + path.sep) || !TYPES[path.extname(file)]) return next();
    try {
      ctx.body = await readFile(file);
    } catch {
      return next();
    }
    ctx.type = TYPES[path.extname(file)];
    // small files, changed with each release: always revalidate
    ctx.set("Cache-Control", "no-cache");
    ctx.set("X-Content-Type-Options", "nosniff");
    if (file.endsWith(".html"))
      ctx.set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'");
  };
}
