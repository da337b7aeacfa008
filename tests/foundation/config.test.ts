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
      WECHAT_APP_SECRET: "s",
      SESSION_SECRET: "x".repeat(40),
      FIELD_ENCRYPTION_KEY: "ab".repeat(32),
    });
    expect(c.demoData).toBe(false);
  });
});
