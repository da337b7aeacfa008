import Router from "@koa/router";
import { ALERT_UPLOADER_ROLES } from "../../domain/roles.js";
import type { Context } from "koa";
import { badRequest } from "../../errors.js";
import { Readable } from "node:stream";
import { AppError } from "../../errors.js";
import {
  abandonAlertCheck,
  alertBatchResults,
  alertCommitRows,
  alertFileHash,
  alertSkippedRows,
  checkedAlertPages,
  closeAlertBatch,
  commitAlertChunk,
  finishAlertCheck,
  nextAlertChunk,
  openAlertBatch,
  previewAlerts,
  stageAlertRows,
  type AlertCommitPlan,
} from "../../services/department-alerts.js";
import { inTransaction } from "../../db/transaction.js";
import type { Deps } from "../../services/deps.js";
import type { Actor } from "../../domain/access.js";
import { defineRoute } from "../api-route.js";
import { readUpload } from "../middleware/upload-body.js";
import { AlertUploadQuerySchema } from "../../contracts/department-alerts.js";

/** Paths whose body is a file, read by the upload middleware instead of the JSON parser. */
export const ALERT_UPLOAD_PATHS = ["/api/department-alerts/preview", "/api/department-alerts/commit"] as const;

/** The uploaded file, read only now that the caller is known to be allowed. */
async function uploadOf(ctx: Context): Promise<Uint8Array> {
  const file = await readUpload(ctx);
  if (file.length === 0) throw badRequest("alert_file_empty", "请选择要上传的文件（CSV 或 Excel .xlsx）");
  return file;
}

/**
 * Files an alert list: its rows are read, checked and written to the batch a page at a time,
 * then its good rows are filed from there, 500 a transaction. Resumable: the same file committed
 * again continues after its last committed chunk and files no row twice.
 */
/** The commit's steps up to filing: open (or find) the list's batch, and check and write its rows a page at a time. */
export async function openAndCheckAlertList(deps: Deps, actor: Actor, file: Uint8Array, fileName: string | null = null) {
  const plan = await inTransaction(deps.db, (tx) => openAlertBatch(deps, tx, actor, { fileHash: alertFileHash(file), fileName }));
  if (!plan.checked) {
    try {
      for await (const page of checkedAlertPages(deps, actor, file)) await inTransaction(deps.db, (tx) => stageAlertRows(deps, tx, actor, plan, page));
      await inTransaction(deps.db, (tx) => finishAlertCheck(deps, tx, actor, plan));
    } catch (err) {
      // a refused file is refused the same way whoever reads it: nothing of it stays
      if (err instanceof AppError) await inTransaction(deps.db, (tx) => abandonAlertCheck(deps, tx, actor, plan));
      throw err;
    }
  }
  return plan;
}

export async function commitAlertList(deps: Deps, actor: Actor, file: Uint8Array, fileName: string | null = null) {
  const plan = await openAndCheckAlertList(deps, actor, file, fileName);
  for (
    let chunk = await inTransaction(deps.db, (tx) => nextAlertChunk(tx, plan));
    chunk;
    chunk = await inTransaction(deps.db, (tx) => nextAlertChunk(tx, plan))
  )
    await inTransaction(deps.db, (tx) => commitAlertChunk(deps, tx, actor, plan, chunk!));
  return { plan, summary: await inTransaction(deps.db, (tx) => closeAlertBatch(deps, tx, actor, plan)) };
}

/** The commit's answer as JSON, its rows read a page at a time: the summary, the skipped rows, every filed row, the message. */
async function* commitBody(deps: Deps, plan: AlertCommitPlan, summary: Awaited<ReturnType<typeof closeAlertBatch>>): AsyncGenerator<string> {
  const { skipped: _skipped, message, ...counts } = summary;
  const list = async function* <T>(pages: AsyncGenerator<T[]>) {
    let first = true;
    for await (const page of pages) {
      if (page.length === 0) continue;
      yield (first ? "" : ",") + page.map((r) => JSON.stringify(r)).join(",");
      first = false;
    }
  };
  yield `${JSON.stringify(counts).slice(0, -1)},"skipped":[`;
  yield* list(alertSkippedRows(deps, plan));
  yield '],"rows":[';
  yield* list(alertCommitRows(deps, plan));
  yield `],"message":${JSON.stringify(message)}}`;
}

export function departmentAlertsRouter(deps: Deps): Router {
  const router = new Router();
  defineRoute(
    router,
    deps,
    {
      method: "post",
      path: ALERT_UPLOAD_PATHS[0],
      summary: "Check a department alert list (CSV or XLSX as the raw body): per-row results, nothing saved",
      tag: "department-alerts",
      access: ALERT_UPLOADER_ROLES,
      query: AlertUploadQuerySchema,
    },
    async (ctx, { actor }) => {
      ctx.body = await previewAlerts(deps, actor, await uploadOf(ctx));
    },
  );
  defineRoute(
    router,
    deps,
    {
      method: "post",
      path: ALERT_UPLOAD_PATHS[1],
      summary:
        "File the good rows of the same list as reports (channel department), 500 rows a transaction; the same file again continues where it stopped and files no row twice",
      tag: "department-alerts",
      access: ALERT_UPLOADER_ROLES,
      query: AlertUploadQuerySchema,
    },
    async (ctx, { actor, query }) => {
      const { plan, summary } = await commitAlertList(deps, actor, await uploadOf(ctx), query.fileName ?? null);
      ctx.type = "application/json";
      ctx.body = Readable.from(commitBody(deps, plan, summary));
    },
  );
  defineRoute(
    router,
    deps,
    {
      method: "get",
      path: "/api/department-alerts/batches",
      summary: "Results of the uploaded alert lists (结果反馈): per list, how many reports were accepted, answered, and by which opinion",
      tag: "department-alerts",
      access: ALERT_UPLOADER_ROLES,
    },
    async (ctx, { actor }) => {
      ctx.body = await alertBatchResults(deps, actor);
    },
  );
  return router;
}
