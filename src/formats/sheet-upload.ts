import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { AppError } from "../errors.js";
import type { Table } from "./sheet-reader.js";

export type { Table } from "./sheet-reader.js";

/** A file still unread after this long is given up (the limits make a good one far quicker). */
const READ_TIMEOUT_MS = 30_000;

const tooComplex = () => new AppError(422, "alert_file_too_complex", "这个文件太复杂，读不完，请另存为 .csv 或分成几个文件后再上传");

type Reply = { id: number; table?: Table; error?: { status: number; code: string; message: string } };

/** Starts the reader thread; from TypeScript sources (tsx, vitest) it first registers tsx's loader. */
function startWorker(): Worker {
  const fromSource = import.meta.url.endsWith(".ts");
  const entry = new URL(`./sheet-worker.${fromSource ? "ts" : "js"}`, import.meta.url).href;
  if (!fromSource) return new Worker(new URL(entry));
  const tsx = pathToFileURL(
    createRequire(import.meta.url)
      .resolve("tsx/esm/api")
      .replace(/\.cjs$/, ".mjs"),
  ).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`, {
    eval: true,
    resourceLimits: { maxOldGenerationSizeMb: 256 },
  });
}

/**
 * One long-lived reader thread, started on first use and kept (unref'd) for the next file; a
 * file that outlasts READ_TIMEOUT_MS or crashes it costs only that thread, which is replaced.
 */
class SheetReaderThread {
  private worker: Worker | null = null;
  private next = 1;
  private pending = new Map<number, { resolve: (t: Table) => void; reject: (e: AppError) => void; timer: NodeJS.Timeout }>();

  read(bytes: Uint8Array): Promise<Table> {
    const worker = (this.worker ??= this.spawn());
    const id = this.next++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.restart(), READ_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, bytes });
    });
  }

  private spawn(): Worker {
    const worker = startWorker();
    worker.unref();
    worker.on("message", (m: Reply) => {
      const job = this.pending.get(m.id);
      if (!job) return;
      this.pending.delete(m.id);
      clearTimeout(job.timer);
      if (m.error) job.reject(new AppError(m.error.status, m.error.code, m.error.message));
      else job.resolve(m.table!);
    });
    worker.on("error", () => this.restart());
    worker.on("exit", () => this.restart(worker));
    return worker;
  }

  /** Gives up every file in this thread and ends it; the next file starts a new one. */
  private restart(exited?: Worker) {
    if (exited && exited !== this.worker) return;
    const worker = this.worker;
    this.worker = null;
    for (const job of this.pending.values()) {
      clearTimeout(job.timer);
      job.reject(tooComplex());
    }
    this.pending.clear();
    if (worker && !exited) void worker.terminate();
  }
}

const thread = new SheetReaderThread();

/**
 * Reads an uploaded CSV or XLSX (src/formats/sheet-reader.ts, within SHEET_LIMITS) in a worker
 * thread with its own memory ceiling, so neither a big nor a hostile file stalls other requests.
 */
export function readTable(bytes: Uint8Array): Promise<Table> {
  return thread.read(bytes);
}
