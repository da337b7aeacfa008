import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

/** Debian's Chromium (.ci/run installs it when tests/console/.needs-chromium exists). */
export const CHROMIUM = "/usr/bin/chromium";
export const haveChromium = existsSync(CHROMIUM);
export const inCi = process.env.CI === "true";

export interface ConsoleBrowser {
  context: BrowserContext;
  page: Page;
  /** Script errors the pages threw; a test asserts there were none. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** Headless Chromium on a throwaway profile, one page, 10 s waits; nothing downloads a browser. */
export async function openConsoleBrowser(opts: { acceptDownloads?: boolean; viewport?: { width: number; height: number } } = {}): Promise<ConsoleBrowser> {
  if (!haveChromium) throw new Error(`CI=true but ${CHROMIUM} is missing: the console browser test must run in CI`);
  const profile = mkdtempSync(path.join(tmpdir(), "yijian-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    ...opts,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on("pageerror", (err) => pageErrors.push(err.message));
  page.setDefaultTimeout(10_000);
  return {
    context,
    page,
    pageErrors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
