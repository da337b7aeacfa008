/**
 * `npm test`: the type check, eslint and prettier --check, then every vitest suite, then a check that nothing the tests
 * started is still running (a server a test forgot to kill keeps its port and its database).
 * Arguments go to vitest: `npm test -- tests/reports/crash.test.ts`.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";

/** Every process the tests start inherits this mark in its environment; that is how we find them afterwards. */
const MARK = "YIJIAN_TEST_RUN";

function run(command: string, args: string[], env: NodeJS.ProcessEnv): number {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  return result.status ?? 1;
}

interface Leftover {
  pid: number;
  command: string;
}

/** Live processes (not zombies) whose environment carries this run's mark, this script excepted. */
function processesMarked(runId: string): Leftover[] {
  const found: Leftover[] = [];
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const env = readFileSync(`/proc/${pid}/environ`, "latin1").split("\0");
      if (!env.includes(`${MARK}=${runId}`)) continue;
      const state = readFileSync(`/proc/${pid}/stat`, "latin1").replace(/^.*\) /, "")[0];
      if (state === "Z") continue;
      found.push({ pid, command: readFileSync(`/proc/${pid}/cmdline`, "latin1").split("\0").join(" ").trim() });
    } catch {
      // the process ended while we looked, or is not ours to read
    }
  }
  return found;
}

function main(): number {
  const vitestArgs = process.argv.slice(2);
  console.log("[yijian] tsc --noEmit");
  if (run(process.execPath, ["node_modules/typescript/bin/tsc", "--noEmit"], process.env) !== 0) {
    console.error("[yijian] the type check failed; tests not run");
    return 1;
  }
  console.log("[yijian] eslint, prettier --check");
  if (run(process.execPath, ["node_modules/eslint/bin/eslint.js", "."], process.env) !== 0) {
    console.error("[yijian] eslint found problems; tests not run");
    return 1;
  }
  if (run(process.execPath, ["node_modules/prettier/bin/prettier.cjs", "--check", "--log-level", "warn", "."], process.env) !== 0) {
    console.error("[yijian] some files are not formatted (npx prettier --write .); tests not run");
    return 1;
  }

  const runId = randomBytes(8).toString("hex");
  const status = run(process.execPath, ["node_modules/vitest/vitest.mjs", "run", ...vitestArgs], { ...process.env, [MARK]: runId });

  // vitest has exited; anything still carrying the mark was started by a test and never stopped.
  const leftovers = processesMarked(runId);
  if (leftovers.length > 0) {
    console.error(`[yijian] FAILED: ${leftovers.length} process(es) started by the tests are still running:`);
    for (const p of leftovers) console.error(`  pid ${p.pid}: ${p.command}`);
    // Stop them so they do not hold ports and databases for the next run; the run still fails.
    for (const p of leftovers) {
      try {
        process.kill(p.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    return 1;
  }
  console.log("[yijian] no process started by the tests is left running");
  return status;
}

process.exitCode = main();
