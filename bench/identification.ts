import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { FakeClock } from "../src/clock.js";
import { parseConfig } from "../src/config.js";
import { AreaEntity } from "../src/db/entities/area.js";
import { IdentificationStepEntity, type IdentificationStepRow } from "../src/db/entities/identification.js";
import { ReportEntity, type Report } from "../src/db/entities/report.js";
import { createLogger } from "../src/logger.js";
import type { Deps } from "../src/services/deps.js";
import { enqueueIdentificationReminders } from "../src/cron/steps.js";
import { startSystem } from "../src/system.js";
import { benchFigure, fmt, note, percentile, timed } from "./stats.js";

/**
 * The identification clocks' sweep (the cron step that reminds and escalates) with BENCH_IDENTIFICATION_CASES
 * open cases (default 100 k) against a tenth of them (10 k), on SQLite. The clocks are computed
 * when read, so the sweep reads every open case: its time should grow no faster than the cases do.
 */
const BIG = Number(process.env.BENCH_IDENTIFICATION_CASES ?? 100_000);
const SMALL = Math.max(1, Math.round(BIG / 10));
const BATCH = 1000;
const RUNS = 3;

/**
 * Open cases proposed for monitoring over the last four days, each with its consent signed:
 * none has a reminder due yet, so the sweep's time is the reading and the clocks, not the sending.
 */
async function loadCases(deps: Deps, count: number, now: Date): Promise<void> {
  const villages = (await deps.db.getRepository(AreaEntity).findBy({ level: "village" })).map((a) => a.code).filter((c) => c.startsWith("231226"));
  const phone = deps.crypto.encrypt("13800000000");
  for (let done = 0; done < count; done += BATCH) {
    const reports: Report[] = [];
    const steps: Array<Omit<IdentificationStepRow, "id">> = [];
    for (let i = done; i < Math.min(count, done + BATCH); i++) {
      const received = new Date(now.getTime() - (i % 4) * 86_400_000 - (i % 997) * 1000);
      const id = randomUUID();
      reports.push({
        id,
        number: `I${String(i).padStart(10, "0")}`,
        villageCode: villages[i % villages.length]!,
        householdId: randomUUID(),
        householdName: "李桂兰",
        phoneSealed: phone,
        idNumberSealed: null,
        riskTypes: ",illness,",
        description: "",
        relation: "self",
        channel: "miniprogram",
        reporterAccountId: null,
        consentGiven: true,
        consentTextVersion: "2024-1",
        status: "opinion_given",
        openKey: null,
        receivedAt: received,
        dueAt: new Date(received.getTime() + 6 * 86_400_000),
        deadlineBasis: "statutory",
        acceptedAt: received,
        visitedAt: null,
        opinionAt: received,
        opinionKind: "propose_monitoring",
        opinionReason: null,
        opinionPolicyRef: null,
        overdueAt: null,
        closedAt: null,
        transferredTo: null,
        updatedAt: received,
      });
      const day = new Date(received.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
      steps.push({
        reportId: id,
        step: "consent",
        day,
        fields: '{"signed":true}',
        recordedBy: "bench",
        recordedRole: "village_cadre",
        recordedAt: received,
        onceKey: `${id}:consent`,
      });
    }
    await deps.db.transaction(async (tx) => {
      // without reading back defaults and generated ids (a 1000-term OR that SQLite refuses)
      await tx.createQueryBuilder().insert().into(ReportEntity).values(reports).updateEntity(false).execute();
      await tx.createQueryBuilder().insert().into(IdentificationStepEntity).values(steps).updateEntity(false).execute();
    });
  }
}

/** The sweep's median time with `cases` open cases on a fresh SQLite file. */
async function sweepWith(cases: number): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), "yijian-bench-identification-"));
  const clock = new FakeClock("2026-06-10T02:00:00Z");
  const config = parseConfig({ NODE_ENV: "test", DATABASE_URL: `sqlite:${path.join(dir, "bench.sqlite")}`, CRON: "off", LOG_LEVEL: "silent" });
  const deps = await startSystem(config, { clock, log: createLogger("silent") });
  try {
    await loadCases(deps, cases, clock.now());
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      let sent = 0;
      times.push(await timed(async () => (sent = await enqueueIdentificationReminders(deps))));
      if (sent !== 0) throw new Error(`the sweep sent ${sent} reminders; the bench's cases should owe none`);
    }
    return percentile(times, 50);
  } finally {
    await deps.db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `npm run bench identification`: the sweep with a tenth of the cases, then with all of them. */
export async function benchIdentificationSweep(): Promise<void> {
  const small = await sweepWith(SMALL);
  note(`identification sweep with ${SMALL} open cases: median ${fmt(small)} ms`);
  const big = await sweepWith(BIG);
  note(`identification sweep with ${BIG} open cases: median ${fmt(big)} ms (${fmt((big / BIG) * 1000, 3)} ms per 1000 cases)`);
  // ten times the cases: at most ten times the time, with room for noise (no worse than linear)
  benchFigure("identification_sweep_ratio", big / small, "<=", (1.5 * BIG) / SMALL);
}
