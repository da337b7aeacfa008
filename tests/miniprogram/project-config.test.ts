import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DIST_DIR, MINIPROGRAM_DIR } from "../../scripts/build-miniprogram.js";
import { config } from "../../miniprogram/src/config.js";

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));

describe("the mini-program project as WeChat DevTools opens it", () => {
  const project = readJson(path.join(MINIPROGRAM_DIR, "project.config.json"));
  const srcRoot = path.join(MINIPROGRAM_DIR, project.miniprogramRoot);
  const app = readJson(path.join(srcRoot, "app.json"));

  it("compiles TypeScript with the DevTools plugin and takes its app id from config.ts", () => {
    expect(project.compileType).toBe("miniprogram");
    expect(project.setting.useCompilerPlugins).toContain("typescript");
    expect(project.appid).toBe(config.appId);
    expect(existsSync(path.join(srcRoot, "app.ts"))).toBe(true);
  });

  it("every page in app.json is a four-file folder, and the build compiled it", () => {
    expect(app.pages.length).toBeGreaterThanOrEqual(10);
    for (const page of app.pages as string[]) {
      for (const ext of ["ts", "json", "wxml", "wxss"]) expect(existsSync(path.join(srcRoot, `${page}.${ext}`)), `${page}.${ext}`).toBe(true);
      for (const ext of ["js", "json", "wxml", "wxss"]) expect(existsSync(path.join(DIST_DIR, `${page}.${ext}`)), `dist ${page}.${ext}`).toBe(true);
    }
  });

  it("no page talks to wx.request itself: they all go through utils/api", () => {
    for (const page of app.pages as string[]) {
      expect(readFileSync(path.join(srcRoot, `${page}.ts`), "utf8")).not.toContain("wx.request");
    }
  });
});
