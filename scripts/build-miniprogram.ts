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

/** project.config.json is what DevTools reads; its appid follows config.ts. */
async function syncAppId() {
  const { config } = (await import(pathToFileURL(path.join(SRC_DIR, "config.ts")).href)) as { config: { appId: string } };
  const projectPath = path.join(MINIPROGRAM_DIR, "project.config.json");
  const project = JSON.parse(readFileSync(projectPath, "utf8")) as { appid: string };
  if (project.appid !== config.appId) {
    project.appid = config.appId;
    writeFileSync(projectPath, `${JSON.stringify(project, null, 2)}\n`);
  }
}

export async function buildMiniprogram(): Promise<string> {
  if (existsSync(DIST_DIR)) rmSync(DIST_DIR, { recursive: true });
  compile();
  copyAssets(SRC_DIR);
  // The repository is an ES module package; the compiled pages are CommonJS, as WeChat runs them.
  writeFileSync(path.join(DIST_DIR, "package.json"), `${JSON.stringify({ type: "commonjs" })}\n`);
  await syncAppId();
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
