import { parentPort } from "node:worker_threads";
import { AppError } from "../errors.js";
import { readRows } from "./sheet-reader.js";

type Request = { id: number; bytes: Uint8Array; pageRows: number } | { id: number; more: true } | { id: number; stop: true };

const errorOf = (err: unknown) =>
  err instanceof AppError
    ? { status: err.status, code: err.code, message: err.message }
    : { status: 400, code: "alert_file_unreadable", message: "这个文件打不开，请另存为 .xlsx 或 .csv 后再上传" };

/** Files read a page at a time: the rest of the file waits here until the caller asks for it. */
const open = new Map<number, { rows: AsyncGenerator<string[]>; pageRows: number }>();

async function sendPage(id: number): Promise<void> {
  const file = open.get(id);
  if (!file) return void parentPort!.postMessage({ id, error: errorOf(new Error("no such file")) });
  const rows: string[][] = [];
  try {
    while (rows.length < file.pageRows) {
      const next = await file.rows.next();
      if (next.done) {
        open.delete(id);
        return void parentPort!.postMessage({ id, rows, done: true });
      }
      rows.push(next.value);
    }
    parentPort!.postMessage({ id, rows, done: false });
  } catch (err) {
    open.delete(id);
    parentPort!.postMessage({ id, error: errorOf(err) });
  }
}

// Runs in a worker thread: the request's event loop stays free while a file is read.
parentPort!.on("message", (m: Request) => {
  if ("stop" in m) {
    void open.get(m.id)?.rows.return(undefined);
    open.delete(m.id);
  } else if ("more" in m) void sendPage(m.id);
  else {
    open.set(m.id, { rows: readRows(m.bytes), pageRows: Math.max(1, m.pageRows) });
    void sendPage(m.id);
  }
});
