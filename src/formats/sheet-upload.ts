import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { AppError } from "../errors.js";
import type { Table } from "./sheet-reader.js";

export type { Table } from "./sheet-reader.js";

/** A file still unread after this long is given up (the limits make a good one far quicker). */
const READ_TIMEOUT_MS = 30_000;

const tooComplex = () => new AppError(422, "alert_file_too_complex", "这个文件太复杂，读不完，请另存为 .csv 或分成几个文件后再上传");

type Reply = { id: number; rows?: Table; done?: boolean; error?: { status: number; code: string; message: string } };
type Page = { rows: Table; done: boolean };

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
 * file that outlasts READ_TIMEOUT_MS (a page of it, when read by pages) or crashes it costs
 * only that thread, which is replaced.
 */
class SheetReaderThread {
  private worker: Worker | null = null;
  private next = 1;
  private pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: AppError) => void; timer: NodeJS.Timeout }>();

  /** The file's rows, `pageRows` at a time; the thread reads the next page only when asked for it. */
  async *pages(bytes: Uint8Array, pageRows: number): AsyncGenerator<Table> {
    const worker = this.current();
    const id = this.next++;
    let page: Page = await this.ask(worker, id, { id, bytes, pageRows }).then(pageOf);
    try {
      for (;;) {
        yield page.rows;
        if (page.done) return;
        // a thread replaced since the file was begun no longer has it
        if (this.worker !== worker) throw tooComplex();
        page = await this.ask(worker, id, { id, more: true }).then(pageOf);
      }
    } finally {
      if (!page.done && this.worker === worker) worker.postMessage({ id, stop: true });
    }
  }

  private current(): Worker {
    return (this.worker ??= this.spawn());
  }

  private ask(worker: Worker, id: number, message: object): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.restart(), READ_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage(message);
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
      else job.resolve(m);
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

const pageOf = (r: Reply): Page => ({ rows: r.rows ?? [], done: r.done ?? true });

const thread = new SheetReaderThread();

/**
 * Reads an uploaded CSV or XLSX (src/formats/sheet-reader.ts, within SHEET_LIMITS) in a worker
 * thread with its own memory ceiling, so neither a big nor a hostile file stalls other requests,
 * `pageRows` rows at a time: the caller holds one page, and the thread reads on only when asked.
 * A limit the file breaks (rows, columns) is met when the read reaches it, after the pages before it.
 */
export function readTablePages(bytes: Uint8Array, pageRows: number): AsyncGenerator<Table> {
  return thread.pages(bytes, pageRows);
}
