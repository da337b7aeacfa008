import type Koa from "koa";
import supertest from "supertest";
import { FakeClock } from "../../src/clock.js";
import { parseConfig, type Config } from "../../src/config.js";
import { createApp } from "../../src/http/app.js";
import { createLogger, type Logger } from "../../src/logger.js";
import type { Deps } from "../../src/services/deps.js";
import { startSystem } from "../../src/system.js";
import { createTestDatabase, type Engine, type TestDatabase } from "./databases.js";
import { startFakeWechat, type FakeWechat } from "./fake-wechat.js";

/** A whole yijian on a throwaway database, with a fake clock and a fake WeChat. */
export interface TestSystem {
  deps: Deps;
  app: Koa;
  request: () => supertest.Agent;
  clock: FakeClock;
  wechat: FakeWechat;
  database: TestDatabase;
  /** A bearer token for a demo account. */
  tokenFor(username: string): Promise<string>;
  close(): Promise<void>;
}

export const TEST_START = "2026-03-02T02:00:00Z"; // a Monday, 10:00 in China

export async function startTestSystem(engine: Engine, opts: { env?: Record<string, string>; start?: string; log?: Logger } = {}): Promise<TestSystem> {
  const database = await createTestDatabase(engine);
  const wechat = await startFakeWechat();
  const clock = new FakeClock(opts.start ?? TEST_START);
  const config: Config = parseConfig({
    NODE_ENV: "test",
    DATABASE_URL: database.url,
    WECHAT_API_BASE_URL: wechat.baseUrl,
    CRON: "off",
    LOG_LEVEL: "silent",
    ...opts.env,
  });
  const deps = await startSystem(config, { clock, log: opts.log ?? createLogger("silent") });
  const app = createApp(deps);
  const server = app.callback();
  const request = () => supertest.agent(server);
  return {
    deps,
    app,
    request,
    clock,
    wechat,
    database,
    async tokenFor(username) {
      const res = await request().post("/api/auth/demo").send({ username });
      if (res.status !== 200) throw new Error(`demo sign-in for ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token as string;
    },
    async close() {
      await deps.db.destroy();
      await wechat.close();
      await database.drop();
    },
  };
}
