import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

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

/** A test system's app on a free local port, for the browser to open; close() stops it. */
export async function serveConsole(app: { listen(port: number): import("node:http").Server }): Promise<{ base: string; close(): Promise<void> }> {
  const server = app.listen(0);
  await new Promise((r) => server.once("listening", r));
  const { port } = server.address() as import("node:net").AddressInfo;
  return { base: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Signs in with a demo account's button and waits until the new account's page and menu are shown. */
export async function signInWithDemo(page: Page, base: string, username: string): Promise<void> {
  await page.goto(`${base}/console/#/signin`);
  await page.click(`button.demo[data-username="${username}"]`);
  await page.waitForFunction(() => !location.hash.startsWith("#/signin"));
  await page.waitForSelector("#nav:not([hidden])");
}

/** What a browser suite works with once its beforeAll has run. */
export interface ConsoleSuite<S> {
  sys: S;
  base: string;
  page: Page;
  browser: ConsoleBrowser;
  signInAs(username: string): Promise<void>;
}

/**
 * Registers a suite's beforeAll/afterAll: starts the system (`start`), serves its console, opens
 * Chromium; closes all three after. Read the fields inside tests, not at describe time.
 */
export function useConsoleBrowser<S extends { app: { listen(port: number): import("node:http").Server } }>(
  start: () => Promise<S>,
  stop: (sys: S) => Promise<void>,
  opts: Parameters<typeof openConsoleBrowser>[0] = { viewport: { width: 1366, height: 768 } },
): ConsoleSuite<S> {
  let served: Awaited<ReturnType<typeof serveConsole>> | undefined;
  const suite = {
    signInAs: (username: string) => signInWithDemo(suite.page, suite.base, username),
  } as ConsoleSuite<S>;
  beforeAll(async () => {
    if (!haveChromium) throw new Error(`CI=true but ${CHROMIUM} is missing`);
    suite.sys = await start();
    served = await serveConsole(suite.sys.app);
    suite.base = served.base;
    suite.browser = await openConsoleBrowser(opts);
    suite.page = suite.browser.page;
  }, 90_000);
  afterAll(async () => {
    await suite.browser?.close();
    await served?.close();
    if (suite.sys) await stop(suite.sys);
  });
  return suite;
}
