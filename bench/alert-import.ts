import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { FakeClock } from "../src/clock.js";
import { parseConfig } from "../src/config.js";
import { idNumberCheckChar } from "../src/domain/id-number.js";
import { createLogger } from "../src/logger.js";
import { findAccountByUsername } from "../src/repositories/accounts.js";
import { actorOf } from "../src/services/auth-service.js";
import { inTransaction } from "../src/db/transaction.js";
import type { Actor } from "../src/domain/access.js";
import type { Deps } from "../src/services/deps.js";
import {
  alertFileHash,
  checkedAlertPages,
  closeAlertBatch,
  commitAlertChunk,
  finishAlertCheck,
  MAX_ALERT_ROWS,
  nextAlertChunk,
  openAlertBatch,
  stageAlertRows,
} from "../src/services/department-alerts.js";
import { startSystem } from "../src/system.js";
import { freshDatabase } from "./databases.js";
import { benchFigure, fmt, note } from "./stats.js";

/**
 * The department-alert import on MySQL/MariaDB (or SQLite, BENCH_ALERT_ENGINE=sqlite), as the console's upload reaches it (the
 * route's steps: open the batch, check and write the rows a page at a time, file them 500 a transaction, close): a file of BENCH_ALERT_ROWS rows
 * (default 10 000, the upload limit) and one a tenth of it, each into a fresh database.
 * Prints rows per second of the big one and how much more memory it held at its peak than
 * the small one did (the goal: growth that does not follow the file's size).
 */
const ROWS = Number(process.env.BENCH_ALERT_ROWS ?? 10_000);
/** BENCH_ALERT_ENGINE=sqlite runs the import on a fresh SQLite file instead of the MySQL/MariaDB bench server. */
const ENGINE = process.env.BENCH_ALERT_ENGINE === "sqlite" ? "sqlite" : "mysql";
const MB = 1024 * 1024;

// What stays reachable after a collection, not garbage between collections. A collection
// costs tens of milliseconds (taken off the import's time below), so the import is sampled every 250 ms.
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;
const retained = () => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};
// SQLite answers without giving the event loop a turn, so a timer never fires during the import:
// the import's own steps also sample, between transactions (what is held from one to the next)
let peak = 0;
/** Time spent sampling (a forced collection each time): taken off the import's own time, it is the bench's cost, not the import's. */
let samplingMs = 0;
const sample = () => {
  const started = performance.now();
  peak = Math.max(peak, retained());
  samplingMs += performance.now() - started;
};

/** A distinct valid ID number per row: a birth day per row (from 1950) and a fixed sequence. */
function idNumberOf(row: number): string {
  const born = new Date(Date.UTC(1950, 0, 1) + row * 86_400_000).toISOString().slice(0, 10).replaceAll("-", "");
  const first17 = `231226${born}417`;
  return first17 + idNumberCheckChar(first17);
}

/** A department's list as a UTF-8 CSV, rows [from, to) spread over the county's villages (by 12-digit code). */
function alertFile(from: number, to: number, villages: string[]): Uint8Array {
  const lines = ["姓名,身份证号,村,风险类型,备注"];
  for (let i = from; i < to; i++) lines.push(`李桂兰,${idNumberOf(i)},${villages[i % villages.length]},因病、住房安全,医保系统预警：自付费用超过2万元`);
  return new TextEncoder().encode(lines.join("\n"));
}

/** What POST /api/department-alerts/commit does with the file (its answer's rows, read page by page, aside). */
async function commitList(deps: Deps, actor: Actor, file: Uint8Array): Promise<{ created: number }> {
  const plan = await inTransaction(deps.db, (tx) => openAlertBatch(deps, tx, actor, { fileHash: alertFileHash(file), fileName: null }));
  for await (const page of checkedAlertPages(deps, actor, file)) {
    await inTransaction(deps.db, (tx) => stageAlertRows(deps, tx, actor, plan, page));
    sample();
  }
  await inTransaction(deps.db, (tx) => finishAlertCheck(deps, tx, actor, plan));
  for (
    let chunk = await inTransaction(deps.db, (tx) => nextAlertChunk(tx, plan));
    chunk;
    chunk = await inTransaction(deps.db, (tx) => nextAlertChunk(tx, plan))
  ) {
    await inTransaction(deps.db, (tx) => commitAlertChunk(deps, tx, actor, plan, chunk!));
    sample();
  }
  return inTransaction(deps.db, (tx) => closeAlertBatch(deps, tx, actor, plan));
}

/** A throwaway database for one run, on the engine BENCH_ALERT_ENGINE names. */
async function throwawayDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (ENGINE === "mysql") return freshDatabase("alerts");
  const dir = mkdtempSync(path.join(tmpdir(), "yijian-bench-alerts-"));
  return { url: `sqlite:${path.join(dir, "bench.sqlite")}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function importOnce(rows: number): Promise<{ rowsPerSecond: number; peakGrowthMb: number }> {
  const db = await throwawayDatabase();
  const clock = new FakeClock("2026-03-05T02:00:00Z");
  const config = parseConfig({ NODE_ENV: "test", DATABASE_URL: db.url, CRON: "off", LOG_LEVEL: "silent" });
  const deps = await startSystem(config, { clock, log: createLogger("silent") });
  try {
    const county = actorOf((await findAccountByUsername(deps.db, "demo-county"))!);
    const villages: string[] = (await deps.db.query("SELECT code FROM area WHERE level = 'village' AND code LIKE '231226%' ORDER BY code")).map(
      (r: { code: string }) => r.code,
    );
    // while the service takes fewer rows than asked for in one upload, the rows go in as several files
    const perFile = Math.min(rows, MAX_ALERT_ROWS);
    const base = retained();
    peak = base;
    const sampler = setInterval(sample, 250);
    const started = performance.now();
    samplingMs = 0;
    let created = 0;
    for (let from = 0; from < rows; from += perFile) {
      const result = await commitList(deps, county, alertFile(from, Math.min(rows, from + perFile), villages));
      created += result.created;
    }
    clearInterval(sampler);
    const ms = performance.now() - started - samplingMs;
    if (created !== rows) throw new Error(`alert import created ${created} of ${rows} rows`);
    if (perFile < rows) note(`the service takes at most ${MAX_ALERT_ROWS} rows an upload: ${rows} rows went in as ${Math.ceil(rows / perFile)} files`);
    return { rowsPerSecond: (rows / ms) * 1000, peakGrowthMb: (peak - base) / MB };
  } finally {
    await deps.db.destroy();
    await db.drop();
  }
}

export async function benchAlertImport(): Promise<void> {
  // memory held swings by a few MB within each chunk (a 500-row INSERT being built and sent), and a
  // short import has few samples: its peak is the highest of three imports, so both sizes' peaks
  // include a mid-chunk moment (with one, the ratio swung from 1.1 to 4.5 between runs)
  const tenths = [];
  for (let i = 0; i < 3; i++) tenths.push(await importOnce(Math.max(1, Math.round(ROWS / 10))));
  const tenth = { rowsPerSecond: tenths[0].rowsPerSecond, peakGrowthMb: Math.max(...tenths.map((t) => t.peakGrowthMb)) };
  const full = await importOnce(ROWS);
  note(
    `${Math.round(ROWS / 10)} rows: ${fmt(tenth.rowsPerSecond, 0)} rows/s, peak +${fmt(tenth.peakGrowthMb, 1)} MB; ${ROWS} rows: ${fmt(full.rowsPerSecond, 0)} rows/s, peak +${fmt(full.peakGrowthMb, 1)} MB (retained after GC; the time the samples themselves took is left out of rows/s)`,
  );
  benchFigure("alert_import_rows_per_s", full.rowsPerSecond, ">=", 2000, 0);
  // below 1 MB the small run's growth is sampling noise; count it as 1 MB so the ratio means something
  benchFigure("alert_import_mem_ratio", full.peakGrowthMb / Math.max(1, tenth.peakGrowthMb), "<=", 1.5);
}
