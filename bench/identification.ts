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
import { caseReminders, nextReminderAt } from "../src/domain/identification/clocks.js";
import { contextsOf } from "../src/services/identification-service.js";
import { LessThanOrEqual } from "typeorm";
import { benchFigure, fmt, note, percentile, timed } from "./stats.js";

/**
 * The identification clocks' sweep (the cron step that reminds and escalates) with BENCH_IDENTIFICATION_CASES
 * open cases (default 100 k) against a tenth of them (10 k), on SQLite. Each case stores the instant
 * its next reminder is due (`next_reminder_at`, computed by the domain), and the sweep reads only the
 * cases due: with the same DUE cases owing something at both sizes, its time should not grow with
 * the open cases (flat, like the report deadline sweep's `sweep_ratio`).
 */
const BIG = Number(process.env.BENCH_IDENTIFICATION_CASES ?? 100_000);
const SMALL = Math.max(1, Math.round(BIG / 10));
/** Cases owing reminders at each size: read, computed and enqueued (once) by every run. */
const DUE = Math.min(100, SMALL);
const BATCH = 1000;
const RUNS = 3;

/**
 * Open cases with their consent signed: the first DUE were proposed 40 days ago, so their 15 days
 * have run out and the sweep escalates them; the rest over the last four days, so none owes a
 * reminder yet. Each stores the instant the domain computes, as a proposal and a step would.
 */
async function loadCases(deps: Deps, count: number, now: Date): Promise<Map<string, Date>> {
  const contextOf = contextsOf(deps, deps.db.manager);
  const due = new Map<string, Date>();
  const villages = (await deps.db.getRepository(AreaEntity).findBy({ level: "village" })).map((a) => a.code).filter((c) => c.startsWith("231226"));
  const phone = deps.crypto.encrypt("13800000000");
  for (let done = 0; done < count; done += BATCH) {
    const reports: Report[] = [];
    const steps: Array<Omit<IdentificationStepRow, "id">> = [];
    for (let i = done; i < Math.min(count, done + BATCH); i++) {
      const received = new Date(now.getTime() - (i < DUE ? 40 : i % 4) * 86_400_000 - (i % 997) * 1000);
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
      const report = reports[reports.length - 1]!;
      report.nextReminderAt = nextReminderAt(caseReminders(id, received, [{ step: "consent", date: day, signed: true }], await contextOf(report), now), false);
      if (report.nextReminderAt && report.nextReminderAt.getTime() <= now.getTime()) due.set(id, report.nextReminderAt);
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
  if (due.size !== DUE) throw new Error(`${due.size} cases owe a reminder; the bench meant ${DUE}`);
  return due;
}

/** The due cases owe their reminders again (the outbox's keys keep the sends to the first run; the reading and computing repeat). */
async function markDue(deps: Deps, due: Map<string, Date>): Promise<void> {
  await deps.db.transaction(async (tx) => {
    for (const [id, at] of due) await tx.getRepository(ReportEntity).update({ id }, { nextReminderAt: at });
  });
}

/** The sweep's median time with `cases` open cases on a fresh SQLite file. */
async function sweepWith(cases: number): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), "yijian-bench-identification-"));
  const clock = new FakeClock("2026-06-10T02:00:00Z");
  const config = parseConfig({ NODE_ENV: "test", DATABASE_URL: `sqlite:${path.join(dir, "bench.sqlite")}`, CRON: "off", LOG_LEVEL: "silent" });
  const deps = await startSystem(config, { clock, log: createLogger("silent") });
  try {
    const due = await loadCases(deps, cases, clock.now());
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      await markDue(deps, due);
      let sent = 0;
      times.push(await timed(async () => (sent = await enqueueIdentificationReminders(deps))));
      if (run === 0 && sent === 0) throw new Error("the sweep sent nothing; the due cases should owe escalations");
      const left = await deps.db.getRepository(ReportEntity).countBy({ nextReminderAt: LessThanOrEqual(clock.now()) });
      if (left !== 0) throw new Error(`${left} cases still due after the sweep`);
    }
    return percentile(times, 50);
  } finally {
    await deps.db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `npm run bench identification`: the sweep with a tenth of the cases, then with all of them, the same cases due in each. */
export async function benchIdentificationSweep(): Promise<void> {
  await sweepWith(SMALL); // warm-up: the first sweep of a process pays for loading and compiling its code
  const small = await sweepWith(SMALL);
  note(`identification sweep with ${SMALL} open cases, ${DUE} due: median ${fmt(small)} ms`);
  const big = await sweepWith(BIG);
  note(`identification sweep with ${BIG} open cases, ${DUE} due: median ${fmt(big)} ms`);
  // ten times the open cases, the same cases due: the same time, with room for noise (flat)
  benchFigure("identification_sweep_ratio", big / small, "<=", 1.5);
}
