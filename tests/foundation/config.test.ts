import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config.js";

describe("configuration", () => {
  it("starts with no configuration at all on the embedded SQLite default, demo data on", () => {
    const c = parseConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_URL).toBe("sqlite:./data/yijian.sqlite");
    expect(c.demoData).toBe(true);
  });

  it("names every bad variable in one message", () => {
    try {
      parseConfig({ PORT: "seventy", DATABASE_URL: "postgres://x", FIELD_ENCRYPTION_KEY: "short" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const message = (err as Error).message;
      for (const name of ["PORT", "DATABASE_URL", "FIELD_ENCRYPTION_KEY"]) expect(message).toContain(name);
    }
  });

  it("in production requires every secret and refuses demo data", () => {
    expect(() => parseConfig({ NODE_ENV: "production" })).toThrow(/SESSION_SECRET[\s\S]*|WECHAT_APP_SECRET/);
    const message = (() => {
      try {
        parseConfig({ NODE_ENV: "production", DEMO_DATA: "on" });
      } catch (err) {
        return (err as Error).message;
      }
    })();
    for (const name of ["WECHAT_APP_ID", "WECHAT_APP_SECRET", "SESSION_SECRET", "FIELD_ENCRYPTION_KEY", "DEMO_DATA"]) expect(message).toContain(name);
  });

  it("in production with every secret set there is no demo data", () => {
    const c = parseConfig({
      NODE_ENV: "production",
      WECHAT_APP_ID: "wx1",
      WECHAT_APP_SECRET: "9f2c4e7a1b3d5f60a8c2e4b6d8f01357",
      SESSION_SECRET: "Yq3vN8pLr2Xk7TzW5mHc9JbG4sDf6RaE",
      FIELD_ENCRYPTION_KEY: "3c9e1f7a2b8d4605e1c7a9f3b5d2e8c04a6f1b9d3e7c5a2f8b0d6e4c1a9f7b35",
    });
    expect(c.demoData).toBe(false);
  });
});
