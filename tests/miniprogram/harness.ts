import { request as httpRequest, createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createRequire } from "node:module";
import { DIST_DIR } from "../../scripts/build-miniprogram.js";
import type { Engine } from "../helpers/databases.js";
import { vi } from "vitest";
import { startTestSystem, TEST_START, type TestSystem } from "../helpers/test-system.js";

const require = createRequire(import.meta.url);

/** The compiled page as miniprogram-simulate's j-component sees it. */
export interface Rendered {
  dom: HTMLElement;
  data: Record<string, unknown>;
  instance: Record<string, unknown> & { setData(d: object): void };
  querySelector(selector: string): Rendered | null;
  querySelectorAll(selector: string): Rendered[];
  dispatchEvent(name: string, options?: { detail?: unknown }): void;
  attach(parent: Element): void;
  detach(): void;
  triggerPageLifeTime(name: string, ...args: unknown[]): void;
}

interface Simulate {
  load(componentPath: string, options?: { compiler?: string; rootPath?: string; usingComponents?: Record<string, string> }): string;
  load(definition: { id: string; tagName: string; template: string; properties: Record<string, unknown> }): string;
  render(id: string, properties?: Record<string, unknown>): Rendered;
  sleep(ms?: number): Promise<void>;
}

interface WxRequestOption {
  url: string;
  method?: string;
  data?: unknown;
  header?: Record<string, string>;
  success?: (res: { statusCode: number; data: unknown; header: Record<string, string> }) => void;
  fail?: (err: { errMsg: string }) => void;
  complete?: () => void;
}

/**
 * A mini-program "phone" for tests: the compiled pages rendered by miniprogram-simulate, and a
 * `wx` whose request goes over real HTTP to a whole yijian on a throwaway database.
 */
export interface Phone {
  system: TestSystem;
  /** Storage as the phone keeps it (survives a page being closed, like wx storage). */
  storage: Map<string, unknown>;
  /** Every URL a page navigated to, in order. */
  navigations: string[];
  toasts: string[];
  /** Every wx.pageScrollTo a page asked for (scrollTop or selector), in order. */
  scrolls: Array<{ scrollTop?: number; selector?: string }>;
  phoneCalls: string[];
  privacyRequests: number;
  /** Each subscribe-message request, and whether it came while a tap was being handled. */
  subscribeRequests: Array<{ tmplIds: string[]; duringTap: boolean }>;
  /** Every request a page made: what went, and what came back (null when nothing did). */
  requests: Array<{ method: string; path: string; headers: Record<string, string>; status: number | null; body: unknown }>;
  /** How many times a finger tapped, to count the taps a flow takes. */
  taps: number;
  /** The code wx.login hands out; the fake WeChat turns it into openid-<code>. */
  loginCode: string;
  /** The next request matching `pathPrefix` reaches the server but its answer is lost. */
  loseNextAnswer(pathPrefix: string): void;
  /** While true, every request fails at once without reaching the server. */
  offline: boolean;
  /** Renders a page by its app path ("/pages/home/home?x=1"), with the query as properties. */
  open(url: string): Promise<Rendered>;
  /** Taps an element, as a finger does, and lets the handler start. */
  tap(page: Rendered, selector: string): Promise<void>;
  /** Types into an input or textarea. */
  type(page: Rendered, selector: string, value: string): Promise<void>;
  /** Picks row `index` of a picker. */
  pick(page: Rendered, selector: string, index: number): Promise<void>;
  /** Moves the server's clock and the phone's together. */
  advance(ms: number): void;
  /**
   * Waits until every request and wx.login a page started has been answered. Call before a test
   * clears storage: a page left open by the previous test may still be signing in, and its late
   * answer would save that household's session into the next test's phone.
   */
  settle(): Promise<void>;
  /** A new phone (or the app reinstalled): settles, then empties storage. */
  clearStorage(): Promise<void>;
  /** Waits until `probe` returns a value (pages load over real HTTP). */
  waitFor<T>(probe: () => T | null | undefined | false, what: string): Promise<T>;
  text(page: Rendered, selector: string): string;
  close(): Promise<void>;
}

/**
 * miniprogram-simulate renders <input> and <textarea> with nothing of their value: a page that lost its
 * `value=` binding would look the same as one showing the draft. Every page gets these stand-ins for
 * them instead, which show their value as text, as the phone's screen does.
 */
const TEXT_FIELDS = { input: "stand-in-input", textarea: "stand-in-textarea" };
let textFieldsRegistered = false;
function registerTextFields(simulate: Simulate) {
  if (textFieldsRegistered) return;
  textFieldsRegistered = true;
  for (const id of Object.values(TEXT_FIELDS)) {
    simulate.load({ id, tagName: id, template: '<text class="shown-value">{{value}}</text>', properties: { value: { type: String, value: "" } } });
  }
}

function findGlobal<T>(name: string): T {
  return (globalThis as unknown as Record<string, T>)[name];
}

export async function startPhone(engine: Engine = "sqlite", opts: { env?: Record<string, string> } = {}): Promise<Phone> {
  const system = await startTestSystem(engine, opts);
  // The pages stamp times with the phone's clock (a visit's time): it shows the server's fake time.
  vi.useFakeTimers({ toFake: ["Date"], now: new Date(TEST_START) });
  const server: Server = createServer(system.app.callback());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { config } = require(path.join(DIST_DIR, "config.js")) as { config: { apiBaseUrl: string } };

  const simulate = require("miniprogram-simulate") as Simulate;
  registerTextFields(simulate);
  const lostAnswers: string[] = [];
  let tapping = 0;
  let unanswered = 0;

  const phone: Phone = {
    system,
    storage: new Map(),
    navigations: [],
    toasts: [],
    scrolls: [],
    phoneCalls: [],
    privacyRequests: 0,
    subscribeRequests: [],
    requests: [],
    taps: 0,
    loginCode: "household-1",
    offline: false,
    loseNextAnswer: (prefix) => void lostAnswers.push(prefix),
    async open(url) {
      const [pagePath, query = ""] = url.split("?");
      const props = Object.fromEntries(new URLSearchParams(query));
      // The official template compiler (wcc), given the whole app as its root: pages compiled one
      // folder at a time share wcc's globals and get each other's templates.
      const id = simulate.load(path.join(DIST_DIR, pagePath), { compiler: "official", rootPath: DIST_DIR, usingComponents: TEXT_FIELDS });
      const page = simulate.render(id, props);
      const parent = document.createElement("parent-wrapper");
      document.body.appendChild(parent);
      page.attach(parent);
      await simulate.sleep(0);
      return page;
    },
    async tap(page, selector) {
      const el = page.querySelector(selector);
      if (!el) throw new Error(`nothing to tap at ${selector}`);
      phone.taps += 1;
      tapping += 1;
      el.dispatchEvent("tap");
      // The handler starts in a microtask; a timer tick later the tap is over.
      await simulate.sleep(0);
      tapping -= 1;
    },
    async type(page, selector, value) {
      const el = page.querySelector(selector);
      if (!el) throw new Error(`nothing to type into at ${selector}`);
      // The keyboard puts the words on screen whatever the page does with them.
      if (el.data && "value" in el.data) el.instance.setData({ value });
      el.dispatchEvent("input", { detail: { value } });
      await simulate.sleep(0);
    },
    async pick(page, selector, index) {
      const el = page.querySelector(selector);
      if (!el) throw new Error(`no picker at ${selector}`);
      el.dispatchEvent("change", { detail: { value: index } });
      await simulate.sleep(0);
    },
    async settle() {
      for (let i = 0; unanswered > 0; i++) {
        if (i >= 3000) throw new Error(`${unanswered} requests still unanswered`);
        await simulate.sleep(10);
      }
    },
    async clearStorage() {
      await phone.settle();
      phone.storage.clear();
    },
    advance(ms) {
      system.clock.advance(ms);
      vi.setSystemTime(system.clock.now());
    },
    async waitFor(probe, what) {
      // generous: a loaded CI machine may take seconds for a page's requests; only a hang fails
      for (let i = 0; i < 1500; i++) {
        const value = probe();
        if (value) return value;
        await simulate.sleep(10);
      }
      throw new Error(`timed out waiting for ${what}`);
    },
    text(page, selector) {
      const el = page.querySelector(selector);
      if (!el) throw new Error(`no element at ${selector}`);
      return (el.dom.textContent ?? "").trim();
    },
    async close() {
      document.body.innerHTML = "";
      vi.useRealTimers();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await system.close();
    },
  };

  const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

  function wxRequest(opt: WxRequestOption) {
    const target = new URL(opt.url.replace(config.apiBaseUrl, serverUrl));
    const method = (opt.method ?? "GET").toUpperCase();
    const entry = { method, path: target.pathname + target.search, headers: { ...opt.header }, status: null as number | null, body: null as unknown };
    phone.requests.push(entry);
    unanswered += 1;
    const finish = (fn: () => void) =>
      setTimeout(() => {
        unanswered -= 1;
        fn();
        opt.complete?.();
      }, 0);
    if (phone.offline) return finish(() => opt.fail?.({ errMsg: "request:fail net::ERR_INTERNET_DISCONNECTED" }));
    const lost = lostAnswers.findIndex((p) => target.pathname.startsWith(p));
    if (lost >= 0) lostAnswers.splice(lost, 1);
    const payload = method === "GET" || opt.data === undefined ? undefined : JSON.stringify(opt.data);
    const req = httpRequest(target, { method, headers: { ...opt.header, ...(payload ? { "content-length": Buffer.byteLength(payload) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        entry.status = res.statusCode ?? 0;
        const text = Buffer.concat(chunks).toString("utf8");
        let data: unknown = text;
        try {
          data = text ? JSON.parse(text) : "";
        } catch {
          // wx.request hands over text it cannot parse as it is.
        }
        entry.body = data;
        if (lost >= 0) return finish(() => opt.fail?.({ errMsg: "request:fail timeout" }));
        finish(() => opt.success?.({ statusCode: res.statusCode ?? 0, data, header: res.headers as Record<string, string> }));
      });
    });
    req.on("error", (err) => finish(() => opt.fail?.({ errMsg: `request:fail ${err.message}` })));
    if (payload) req.write(payload);
    req.end();
  }

  const shims = {
    request: wxRequest,
    login: (o: { success?: (r: { code: string; errMsg: string }) => void }) => {
      unanswered += 1;
      setTimeout(() => {
        unanswered -= 1;
        o.success?.({ code: phone.loginCode, errMsg: "login:ok" });
      }, 0);
    },
    getStorageSync: (key: string) => (phone.storage.has(key) ? clone(phone.storage.get(key)) : ""),
    setStorageSync: (key: string, value: unknown) => void phone.storage.set(key, clone(value)),
    removeStorageSync: (key: string) => void phone.storage.delete(key),
    requirePrivacyAuthorize: (o: { success?: () => void }) => {
      phone.privacyRequests += 1;
      setTimeout(() => o.success?.(), 0);
    },
    requestSubscribeMessage: (o: { tmplIds: string[]; success?: (r: Record<string, string>) => void }) => {
      phone.subscribeRequests.push({ tmplIds: o.tmplIds, duringTap: tapping > 0 });
      setTimeout(() => o.success?.(Object.fromEntries(o.tmplIds.map((t) => [t, "accept"]))), 0);
    },
    navigateTo: (o: { url: string }) => void phone.navigations.push(o.url),
    redirectTo: (o: { url: string }) => void phone.navigations.push(o.url),
    reLaunch: (o: { url: string }) => void phone.navigations.push(o.url),
    makePhoneCall: (o: { phoneNumber: string }) => void phone.phoneCalls.push(o.phoneNumber),
    showToast: (o: { title: string }) => void phone.toasts.push(o.title),
    pageScrollTo: (o: { scrollTop?: number; selector?: string }) => void phone.scrolls.push({ scrollTop: o.scrollTop, selector: o.selector }),
    showModal: (o: { success?: (r: { confirm: boolean; cancel: boolean }) => void }) => setTimeout(() => o.success?.({ confirm: true, cancel: false }), 0),
  };
  Object.assign(findGlobal<object>("wx"), shims);
  return phone;
}
