import { randomUUID } from "node:crypto";
import { createConnection } from "mysql2/promise";
import { FakeClock } from "../src/clock.js";
import { parseConfig } from "../src/config.js";
import { createLogger } from "../src/logger.js";
import { claimNotifications } from "../src/outbox/outbox.js";
import { actorOf } from "../src/services/auth-service.js";
import type { Deps } from "../src/services/deps.js";
import { markOverdueReports } from "../src/cron/report-clock.js";
import { decodeCursor } from "../src/domain/report/queue-order.js";
import { rebuildQueueCounts } from "../src/repositories/report-queue.js";
import { listQueue, receiptStatus, submitReport } from "../src/services/report-service.js";
import { inTransactionOnce } from "../src/db/idempotent.js";
import { findAccountByUsername } from "../src/repositories/accounts.js";
import { startSystem } from "../src/system.js";
import { buildReport } from "../tests/helpers/factories.js";
import { freshDatabase } from "./databases.js";
import { benchFigure, fmt, note, percentile, timed } from "./stats.js";

/**
 * Report benchmarks on MySQL/MariaDB (BENCH_MYSQL_URL): intake throughput against a bare
 * INSERT of the same row, the queue page p99 and the overdue sweep with 10 k open reports
 * and with BENCH_REPORTS (default 1 M) open. The `_1m` figure names the big size whatever it is.
 */
const BIG = Number(process.env.BENCH_REPORTS ?? 1_000_000);
const SMALL = Math.min(10_000, BIG);
const CONCURRENCY = 16;

async function runConcurrently(total: number, work: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total) await work(next++);
    }),
  );
  return (total / (performance.now() - started)) * 1000;
}

/** Bulk-loads reports numbered from `from`, spread over the county's villages, due in the future; `open` or closed history. */
async function loadReports(deps: Deps, url: string, from: number, count: number, villages: string[], now: Date, open: boolean) {
  const conn = await createConnection(url);
  const sealed = deps.crypto.encrypt("13800000000");
  const batch = 2000;
  for (let done = from; done < from + count; done += batch) {
    const rows = [];
    for (let i = done; i < Math.min(from + count, done + batch); i++) {
      const received = new Date(now.getTime() - (open ? i % 5 : 5 + (i % 360)) * 86_400_000);
      rows.push([
        randomUUID(),
        `B${String(i).padStart(10, "0")}`,
        villages[i % villages.length],
        randomUUID(),
        "李桂兰",
        sealed,
        null,
        ",illness,",
        "bench",
        "self",
        "miniprogram",
        null,
        1,
        "2024-1",
        open ? "received" : "closed",
        null,
        received,
        new Date(now.getTime() + 30 * 86_400_000 + (i % 1000) * 60_000),
        null,
        null,
        open ? null : received,
        null,
        null,
        null,
        null,
        open ? null : received,
        null,
        received,
      ]);
    }
    await conn.query(
      `INSERT INTO report (id, number, village_code, household_id, household_name, phone_sealed, id_number_sealed, risk_types, description, relation, channel, reporter_account_id, consent_given, consent_text_version,
        status, open_key, received_at, due_at, accepted_at, visited_at, opinion_at, opinion_kind, opinion_reason, opinion_policy_ref, overdue_at, closed_at, transferred_to, updated_at) VALUES ?`,
      [rows],
    );
  }
  await conn.end();
}

/** Intake of `count` reports filed by the county, spread over its villages, into a fresh database: reports/s. */
async function intakeOverVillages(count: number): Promise<number> {
  const db = await freshDatabase("intake");
  const config = parseConfig({ NODE_ENV: "test", DATABASE_URL: db.url, CRON: "off", LOG_LEVEL: "silent" });
  const deps = await startSystem(config, { clock: new FakeClock("2026-03-02T02:00:00Z"), log: createLogger("silent") });
  try {
    const county = actorOf((await findAccountByUsername(deps.db, "demo-county"))!);
    const villages: string[] = (await deps.db.query("SELECT code FROM area WHERE level = 'village' AND code LIKE '231226%'")).map(
      (r: { code: string }) => r.code,
    );
    return await runConcurrently(count, (i) =>
      inTransactionOnce(
        deps.db,
        undefined,
        (tx) => submitReport(deps, tx, county, buildReport(villages[i % villages.length], { relation: "cadre" })),
        receiptStatus,
      ),
    );
  } finally {
    await deps.db.destroy();
    await db.drop();
  }
}

export async function benchReports(): Promise<void> {
  const db = await freshDatabase("reports");
  const clock = new FakeClock("2026-03-02T02:00:00Z");
  const config = parseConfig({ NODE_ENV: "test", DATABASE_URL: db.url, CRON: "off", LOG_LEVEL: "silent" });
  const deps = await startSystem(config, { clock, log: createLogger("silent") });
  try {
    const cadre = actorOf((await findAccountByUsername(deps.db, "demo-cadre"))!);
    const township = actorOf((await findAccountByUsername(deps.db, "demo-township"))!);
    const villages: string[] = (await deps.db.query("SELECT code FROM area WHERE level = 'village' AND code LIKE '231226%'")).map(
      (r: { code: string }) => r.code,
    );

    // 1. intake: the whole service (validation, household, report, lead, event, audit, outbox) vs one bare INSERT
    const N = 2000;
    const bare = await createConnection(db.url);
    const sealed = deps.crypto.encrypt("13800000000");
    await bare.query("CREATE TABLE bare_report LIKE report");
    const bareRate = await runConcurrently(N, async (i) => {
      const r = buildReport(cadre.areaCode!, { relation: "cadre" });
      await bare.execute(
        `INSERT INTO bare_report (id, number, village_code, household_id, household_name, phone_sealed, risk_types, description, relation, channel, consent_given, consent_text_version, status, received_at, due_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          randomUUID(),
          `X${i}`,
          r.villageCode,
          randomUUID(),
          r.household.name,
          sealed,
          ",illness,",
          r.description,
          r.relation,
          "in_person",
          1,
          "2024-1",
          "received",
          clock.now(),
          clock.now(),
          clock.now(),
        ],
      );
    });
    await bare.end();
    // as the route runs it: a report number drawn twice (a few times in 2,000 reports of one day) runs the transaction again
    const intakeRate = await runConcurrently(N, () =>
      inTransactionOnce(deps.db, undefined, (tx) => submitReport(deps, tx, cadre, buildReport(cadre.areaCode!, { relation: "cadre" })), receiptStatus),
    );
    note(`intake ${fmt(intakeRate, 0)} reports/s, bare INSERT ${fmt(bareRate, 0)} rows/s (${CONCURRENCY} concurrent, ${N} each)`);
    benchFigure("intake_ratio", intakeRate / bareRate, ">=", 0.5);
    // the reports above all go to one village, so each waits for the one before it to commit (its queue counter row);
    // a screening week's reports come from many villages at once: the same intake over the county's villages, in a database of its own
    const spreadRate = await intakeOverVillages(N);
    note(
      `intake over the county's villages ${fmt(spreadRate, 0)} reports/s: ${fmt(spreadRate / bareRate, 2)} of a bare INSERT (one village: ${fmt(intakeRate / bareRate, 2)})`,
    );

    // queue pages and the sweep with SMALL open reports, then with BIG open: five pages deep by cursor, as a cadre scrolls
    // a first pass after a bulk write warms the caches and lets InnoDB's purge of that write settle; the second is measured
    const measure = async (label: string) => {
      await pass();
      const result = await pass();
      note(`${label}: queue page p50 ${fmt(result.p50)} ms, p99 ${fmt(result.p99)} ms; sweep median ${fmt(result.sweep)} ms`);
      return result;
    };
    const pass = async () => {
      const pages: number[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 200; i++) {
        const actor = Math.floor(i / 5) % 2 ? cadre : township;
        if (i % 5 === 0) cursor = null;
        pages.push(
          await timed(async () => {
            const page = await listQueue(deps, deps.db.manager, actor, {
              page: 1 + (i % 5),
              pageSize: 20,
              statuses: ["received", "accepted", "visited"],
              cursor: cursor ? (decodeCursor(cursor) ?? undefined) : undefined,
            });
            cursor = page.nextCursor;
          }),
        );
      }
      const sweeps: number[] = [];
      for (let i = 0; i < 20; i++) {
        sweeps.push(
          await timed(async () => {
            await markOverdueReports(deps);
            await claimNotifications(deps.db, clock, { channel: "log", limit: 50, leaseMs: 60_000 });
          }),
        );
      }
      return { p50: percentile(pages, 50), p99: percentile(pages, 99), sweep: percentile(sweeps, 50) };
    };
    await loadReports(deps, db.url, 0, SMALL, villages, clock.now(), true);
    // the bulk load writes rows, not moves: the counters are counted once after it
    await rebuildQueueCounts(deps.db);
    const small = await measure(`${SMALL} open`);
    if (BIG > SMALL) {
      const t = performance.now();
      await loadReports(deps, db.url, SMALL, BIG - SMALL, villages, clock.now(), false);
      await rebuildQueueCounts(deps.db);
      note(`loaded ${BIG - SMALL} closed reports in ${fmt((performance.now() - t) / 1000, 0)} s`);
      await measure(`${BIG} in the table, ${SMALL} open`);
    }
    const reopened = performance.now();
    await deps.db.query("UPDATE report SET status = 'received', opinion_at = NULL, closed_at = NULL WHERE status = 'closed'");
    await rebuildQueueCounts(deps.db);
    note(`reopened every report and recounted in ${fmt((performance.now() - reopened) / 1000, 0)} s`);
    const allOpen = await measure(`${BIG} open`);
    benchFigure("queue_p99_ratio", allOpen.p99 / small.p99, "<=", 1.5);
    benchFigure("queue_p99_ms_1m", allOpen.p99, "<=", 20, 1);
    benchFigure("sweep_ratio", allOpen.sweep / small.sweep, "<=", 1.5);
  } finally {
    await deps.db.destroy();
    await db.drop();
  }
}
