import { parentPort, workerData } from "node:worker_threads";
import { AppError } from "../errors.js";
import { readTableHere } from "./sheet-reader.js";

// Runs in a worker thread: the request's event loop stays free while a file is read.
const bytes = workerData as Uint8Array;
readTableHere(bytes).then(
  (table) => parentPort!.postMessage({ table }),
  (err: unknown) =>
    parentPort!.postMessage(
      err instanceof AppError ? { error: { status: err.status, code: err.code, message: err.message } } : { error: { status: 400, code: "alert_file_unreadable", message: "这个文件打不开，请另存为 .xlsx 或 .csv 后再上传" } },
    ),
);
