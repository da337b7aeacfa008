import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import v8 from "node:v8";
import vm from "node:vm";
import { FakeClock } from "../src/clock.js";
import { parseConfig } from "../src/config.js";
import { ReportEntity, type Report } from "../src/db/entities/report.js";
import { insertRows } from "../src/db/insert-rows.js";
import { AreaEntity } from "../src/db/entities/area.js";
import { createLogger } from "../src/logger.js";
import type { Deps } from "../src/services/deps.js";
import { writeLedger } from "../src/services/ledger-service.js";
import { startSystem } from "../src/system.js";
import { fmt } from "./stats.js";

const MB = 1024 * 1024;

// Garbage between collections says nothing about what streaming holds on to: collect before each sample.
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;
const retained = () => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

/** Inserts `count` reports spread over the county's villages and the year, in big batches. */
async function loadReports(deps: Deps, count: number, now: Date): Promise<void> {
  const villages = (await deps.db.getRepository(AreaEntity).findBy({ level: "village" })).map((a) => a.code).filter((c) => c.startsWith("231226"));
  const phone = deps.crypto.encrypt("13800000000");
  const id = deps.crypto.encrypt("231226198001011234");
  for (let done = 0; done < count; done += 1000) {
    const rows: Report[] = [];
    for (let i = done; i < Math.min(count, done + 1000); i++) {
      const received = new Date(now.getTime() - (i % 360) * 86_400_000 - (i % 997) * 1000);
      const answered = i % 3 !== 0;
      rows.push({
        id: randomUUID(),
        number: `L${String(i).padStart(10, "0")}`,
        villageCode: villages[i % villages.length],
        householdId: randomUUID(),
        householdName: "李桂兰",
        phoneSealed: phone,
        idNumberSealed: id,
        riskTypes: i % 2 ? ",illness," : ",housing,drinking_water,",
        description: "",
        relation: "self",
        channel: "miniprogram",
        reporterAccountId: null,
        consentGiven: true,
        consentTextVersion: "2024-1",
        status: answered ? "opinion_given" : "received",
        openKey: null,
        receivedAt: received,
        dueAt: new Date(received.getTime() + 6 * 86_400_000),
        deadlineBasis: "statutory",
        acceptedAt: answered ? received : null,
        visitedAt: null,
        opinionAt: answered ? new Date(received.getTime() + 3 * 86_400_000) : null,
        opinionKind: answered ? "not_eligible" : null,
        opinionReason: answered ? "家庭收入高于监测线" : null,
        opinionPolicyRef: null,
        overdueAt: null,
        closedAt: null,
        transferredTo: null,
        updatedAt: received,
      });
    }
    await deps.db.transaction((tx) => insertRows(tx, ReportEntity, rows));
  }
}

/** A sink that counts bytes and throws them away, as a slow client's socket would eventually. */
const countingSink = () => {
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done();
    },
  });
  return { sink, bytes: () => bytes };
};

/**
 * Streams the ledger of `reports` reports (SQLite) into a sink and reports the peak RSS growth
 * and the peak of what stays reachable after a collection (heap + buffers) while streaming,
 * rows per second and the file size. Neither should grow with the row count.
 */
export async function streamLedgerOf(
  reports: number,
): Promise<{ reports: number; peakRssGrowthMb: number; peakRetainedGrowthMb: number; rowsPerSecond: number; fileMb: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), "yijian-bench-ledger-"));
  const clock = new FakeClock("2026-12-30T02:00:00Z");
  const config = parseConfig({ NODE_ENV: "test", DATABASE_URL: `sqlite:${path.join(dir, "bench.sqlite")}`, CRON: "off", LOG_LEVEL: "silent" });
  const deps = await startSystem(config, { clock, log: createLogger("silent") });
  try {
    await loadReports(deps, reports, clock.now());
    const baseHeld = retained();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    let peakHeld = baseHeld;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
      peakHeld = Math.max(peakHeld, retained());
    }, 100);
    const { sink, bytes } = countingSink();
    const started = performance.now();
    const rows = await writeLedger(
      deps,
      { areaCode: "231226000000", from: new Date("2026-01-01T00:00:00+08:00"), to: new Date("2027-01-01T00:00:00+08:00") },
      clock.now(),
      { title: "bench", full: false, reason: null },
      sink,
    );
    const ms = performance.now() - started;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    if (rows !== reports) throw new Error(`ledger wrote ${rows} rows, expected ${reports}`);
    return {
      reports,
      peakRssGrowthMb: (peak - baseline) / MB,
      peakRetainedGrowthMb: (peakHeld - baseHeld) / MB,
      rowsPerSecond: (rows / ms) * 1000,
      fileMb: bytes() / MB,
    };
  } finally {
    await deps.db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `npm run bench ledger`: a small and a ten-times-bigger ledger; the RSS growth should stay about the same. */
export async function benchLedger(): Promise<void> {
  const big = Number(process.env.BENCH_LEDGER_REPORTS ?? 100_000);
  for (const n of [Math.round(big / 10), big]) {
    const r = await streamLedgerOf(n);
    console.log(
      `ledger of ${r.reports} reports: peak RSS growth ${fmt(r.peakRssGrowthMb, 1)} MB, retained after GC +${fmt(r.peakRetainedGrowthMb, 1)} MB, ${fmt(r.rowsPerSecond, 0)} rows/s, file ${fmt(r.fileMb, 1)} MB`,
    );
  }
}
