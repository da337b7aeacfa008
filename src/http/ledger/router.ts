import { PassThrough } from "node:stream";
import Router from "@koa/router";
import type { Deps } from "../../services/deps.js";
import { inTransaction } from "../../db/transaction.js";
import { prepareLedger } from "../../services/ledger-service.js";
import { defineRoute } from "../api-route.js";
import { CONSOLE_ROLES } from "../../domain/roles.js";
import { LedgerQuerySchema } from "../../contracts/ledger.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function ledgerRouter(deps: Deps): Router {
  const router = new Router();
  defineRoute(
    router,
    deps,
    {
      method: "get",
      path: "/api/ledger.xlsx",
      summary:
        "The ledger (台账) of an area and period as an Excel file, streamed; names and numbers masked, or in full for the county with full=true and a reason; every export is audited",
      tag: "console",
      access: CONSOLE_ROLES,
      query: LedgerQuerySchema,
      produces: XLSX,
      labels: { full: "导出完整信息", reason: "导出原因" },
    },
    async (ctx, { query, actor }) => {
      const ledger = await inTransaction(deps.db, (tx) => prepareLedger(deps, tx, actor, query));
      const body = new PassThrough();
      ctx.type = XLSX;
      ctx.set("Content-Disposition", `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(ledger.fileName)}`);
      ctx.set("Cache-Control", "no-store");
      ctx.body = body;
      // headers are gone by the time a page fails, so a failure can only cut the download short
      ledger.write(body).catch((err: unknown) => {
        deps.log.error({ requestId: ctx.state.requestId, err: (err as Error).message }, "ledger stream failed");
        body.destroy(err as Error);
      });
    },
  );
  return router;
}
