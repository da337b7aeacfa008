import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { DIST_DIR, MINIPROGRAM_DIR, SPEECH_PLUGIN, syncPlugins } from "../../scripts/build-miniprogram.js";
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

  it("app.json declares the WechatSI plugin only when config.ts turns speech on (off as cloned)", () => {
    // fails if: the plugin line is committed, so DevTools refuses to open the project without the plugin added
    expect(config.speechPlugin).toBe(false);
    expect(app.plugins).toBeUndefined();
    const file = path.join(mkdtempSync(path.join(tmpdir(), "yijian-app-")), "app.json");
    writeFileSync(file, JSON.stringify({ pages: ["pages/home/home"] }));
    syncPlugins(true, file);
    expect(readJson(file).plugins).toEqual(SPEECH_PLUGIN);
    syncPlugins(false, file);
    expect(readJson(file).plugins).toBeUndefined();
    expect(readJson(file).pages).toEqual(["pages/home/home"]);
  });
});
