import Router from "@koa/router";
import { ALERT_UPLOADER_ROLES } from "../../domain/roles.js";
import type { Context } from "koa";
import { badRequest } from "../../errors.js";
import {
  alertBatchResults,
  alertChunks,
  closeAlertBatch,
  commitAlertChunk,
  openAlertBatch,
  planAlertCommit,
  previewAlerts,
  type AlertRowOutcome,
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
 * Files an alert list's good rows, a chunk of 500 per transaction. Resumable: the same file
 * committed again continues after its last committed chunk and files no row twice.
 */
export async function commitAlertList(deps: Deps, actor: Actor, file: Uint8Array, fileName: string | null = null) {
  const plan = await planAlertCommit(deps, actor, file, fileName);
  const committed = await inTransaction(deps.db, (tx) => openAlertBatch(deps, tx, actor, plan));
  const filed: AlertRowOutcome[] = [];
  for (const chunk of alertChunks(plan, committed)) filed.push(...(await inTransaction(deps.db, (tx) => commitAlertChunk(deps, tx, actor, plan, chunk))));
  return inTransaction(deps.db, (tx) => closeAlertBatch(deps, tx, actor, plan, filed));
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
      ctx.body = await commitAlertList(deps, actor, await uploadOf(ctx), query.fileName ?? null);
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
