/**
 * Compiles the mini-program's TypeScript to CommonJS in miniprogram/dist, copies its
 * wxml/wxss/json beside it, and keeps project.config.json's appid equal to config.ts.
 * Tests render dist with miniprogram-simulate; WeChat DevTools compiles src itself.
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";

export const MINIPROGRAM_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../miniprogram");
export const DIST_DIR = path.join(MINIPROGRAM_DIR, "dist");
const SRC_DIR = path.join(MINIPROGRAM_DIR, "src");

function copyAssets(dir: string) {
  for (const name of readdirSync(dir)) {
    const from = path.join(dir, name);
    if (statSync(from).isDirectory()) copyAssets(from);
    else if (!name.endsWith(".ts")) cpSync(from, path.join(DIST_DIR, path.relative(SRC_DIR, from)));
  }
}

function compile() {
  const configPath = path.join(MINIPROGRAM_DIR, "tsconfig.json");
  const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, MINIPROGRAM_DIR);
  const program = ts.createProgram(parsed.fileNames, { ...parsed.options, outDir: DIST_DIR, noEmit: false });
  const result = program.emit();
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...result.diagnostics];
  if (diagnostics.length > 0) {
    const host = { getCanonicalFileName: (f: string) => f, getCurrentDirectory: () => MINIPROGRAM_DIR, getNewLine: () => "\n" };
    throw new Error(`mini-program TypeScript errors:\n${ts.formatDiagnostics(diagnostics, host)}`);
  }
}

/** The 同声传译 plugin's line in app.json; WeChat refuses an app declaring a plugin it has not added. */
export const SPEECH_PLUGIN = { WechatSI: { version: "0.3.5", provider: "wx069ba97219f66d99" } };

interface BuildSettings {
  appId: string;
  speechPlugin: boolean;
}

const readSettings = async () => ((await import(pathToFileURL(path.join(SRC_DIR, "config.ts")).href)) as { config: BuildSettings }).config;

/** app.json declares the speech plugin exactly when config.ts's speechPlugin is on. */
export function syncPlugins(speechPlugin: boolean, appJsonPath = path.join(SRC_DIR, "app.json")): void {
  const text = readFileSync(appJsonPath, "utf8");
  const app = JSON.parse(text) as Record<string, unknown>;
  const declared = app.plugins !== undefined;
  if (declared === speechPlugin) return;
  if (speechPlugin) app.plugins = SPEECH_PLUGIN;
  else delete app.plugins;
  writeFileSync(appJsonPath, `${JSON.stringify(app, null, 2)}\n`);
}

/** project.config.json is what DevTools reads; its appid follows config.ts. */
async function syncAppId() {
  const config = await readSettings();
  syncPlugins(config.speechPlugin);
  const projectPath = path.join(MINIPROGRAM_DIR, "project.config.json");
  const project = JSON.parse(readFileSync(projectPath, "utf8")) as { appid: string };
  if (project.appid !== config.appId) {
    project.appid = config.appId;
    writeFileSync(projectPath, `${JSON.stringify(project, null, 2)}\n`);
  }
}

export async function buildMiniprogram(): Promise<string> {
  if (existsSync(DIST_DIR)) rmSync(DIST_DIR, { recursive: true });
  await syncAppId();
  compile();
  copyAssets(SRC_DIR);
  // The repository is an ES module package; the compiled pages are CommonJS, as WeChat runs them.
  writeFileSync(path.join(DIST_DIR, "package.json"), `${JSON.stringify({ type: "commonjs" })}\n`);
  return DIST_DIR;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  buildMiniprogram().then(
    (dir) => console.log(`mini-program built in ${path.relative(process.cwd(), dir)}`),
    (err: Error) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}
