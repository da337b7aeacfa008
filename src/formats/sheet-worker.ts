import { parentPort } from "node:worker_threads";
import { AppError } from "../errors.js";
import { readTableHere } from "./sheet-reader.js";

// Runs in a worker thread: the request's event loop stays free while a file is read.
parentPort!.on("message", ({ id, bytes }: { id: number; bytes: Uint8Array }) => {
  readTableHere(bytes).then(
    (table) => parentPort!.postMessage({ id, table }),
    (err: unknown) =>
      parentPort!.postMessage({
        id,
        error:
          err instanceof AppError
            ? { status: err.status, code: err.code, message: err.message }
            : { status: 400, code: "alert_file_unreadable", message: "这个文件打不开，请另存为 .xlsx 或 .csv 后再上传" },
      }),
  );
});
