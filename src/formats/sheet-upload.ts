import { Worker } from "node:worker_threads";
import { AppError } from "../errors.js";
import type { Table } from "./sheet-reader.js";

export type { Table } from "./sheet-reader.js";

/** A file still unread after this long is given up (the limits make a good one far quicker). */
const READ_TIMEOUT_MS = 30_000;

const workerFile = new URL(`./sheet-worker${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url);
// From TypeScript sources (tsx, vitest) the worker needs tsx's loader; a build runs the .js.
const execArgv = workerFile.pathname.endsWith(".ts") ? ["--import", "tsx"] : [];

/**
 * Reads an uploaded CSV or XLSX (src/formats/sheet-reader.ts, SHEET_LIMITS) in a worker thread
 * with its own memory ceiling, so neither a big nor a hostile file stalls other requests.
 */
export function readTable(bytes: Uint8Array): Promise<Table> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile, { workerData: bytes, execArgv, resourceLimits: { maxOldGenerationSizeMb: 256 } });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new AppError(422, "alert_file_too_complex", "这个文件太复杂，读不完，请另存为 .csv 或分成几个文件后再上传"));
    }, READ_TIMEOUT_MS);
    worker.once("message", (m: { table?: Table; error?: { status: number; code: string; message: string } }) => {
      clearTimeout(timer);
      void worker.terminate();
      if (m.error) reject(new AppError(m.error.status, m.error.code, m.error.message));
      else resolve(m.table!);
    });
    worker.once("exit", () => {
      clearTimeout(timer);
      reject(new AppError(422, "alert_file_too_complex", "这个文件太复杂，读不完，请另存为 .csv 或分成几个文件后再上传"));
    });
    worker.once("error", () => {
      clearTimeout(timer);
      reject(new AppError(422, "alert_file_too_complex", "这个文件太复杂，读不完，请另存为 .csv 或分成几个文件后再上传"));
    });
  });
}
