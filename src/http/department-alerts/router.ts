import Router from "@koa/router";
import type { Context } from "koa";
import { badRequest } from "../../errors.js";
import { alertBatchResults, commitAlerts, previewAlerts } from "../../services/department-alerts.js";
import type { Deps } from "../../services/deps.js";
import { defineRoute } from "../api-route.js";
import { readUpload } from "../middleware/upload-body.js";
import { AlertUploadQuerySchema } from "../../contracts/department-alerts.js";

/** Paths whose body is a file, read by the upload middleware instead of the JSON parser. */
export const ALERT_UPLOAD_PATHS = ["/api/department-alerts/preview", "/api/department-alerts/commit"] as const;

const UPLOADERS = ["department", "county", "admin"] as const;

/** The uploaded file, read only now that the caller is known to be allowed. */
async function uploadOf(ctx: Context): Promise<Uint8Array> {
  const file = await readUpload(ctx);
  if (file.length === 0) throw badRequest("alert_file_empty", "请选择要上传的文件（CSV 或 Excel .xlsx）");
  return file;
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
      access: UPLOADERS,
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
      summary: "File the good rows of the same list as reports (channel department); the same file again creates nothing",
      tag: "department-alerts",
      access: UPLOADERS,
      query: AlertUploadQuerySchema,
    },
    async (ctx, { actor, query }) => {
      ctx.body = await commitAlerts(deps, actor, await uploadOf(ctx), query.fileName ?? null);
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
      access: UPLOADERS,
    },
    async (ctx, { actor }) => {
      ctx.body = await alertBatchResults(deps, actor);
    },
  );
  return router;
}
