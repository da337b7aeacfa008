import Router from "@koa/router";
import type { Context } from "koa";
import type { EntityManager } from "typeorm";
import { inTransaction } from "../../db/transaction.js";
import { RISK_TYPES } from "../../domain/risk-types.js";
import { badRequest } from "../../errors.js";
import type { Deps } from "../../services/deps.js";
import { acceptReport, addComment, closeReport, giveOpinion, recordVisit, sendBackReport, takeOverReport, transferReport, withdrawReport } from "../../services/report-moves.js";
import { confirmReporterHousehold } from "../../services/household-link.js";
import { listMyReports, listQueue, receiptStatus, reportDetail, submitReport } from "../../services/report-service.js";
import { inTransactionOnce } from "../../db/idempotent.js";
import { defineRoute } from "../api-route.js";
import {
  AcceptSchema,
  CloseSchema,
  CommentSchema,
  OpinionSchema,
  QueueQuerySchema,
  ReportCreateSchema,
  ReportDetailQuerySchema,
  ReportIdParamsSchema,
  SendBackSchema,
  TakeOverSchema,
  TransferSchema,
  VisitSchema,
  WithdrawSchema,
} from "../../contracts/reports.js";

const STAFF = ["grid_worker", "village_cadre", "township", "county", "department", "admin"] as const;
const SUBMITTERS = ["farmer", "grid_worker", "village_cadre", "township", "county", "department", "admin"] as const;

/** Channels over a weak network must name each attempt, so a retry never makes a second report. */
function idempotencyKeyOf(ctx: Context, channel: string): string | undefined {
  const key = ctx.get("idempotency-key");
  if (!key) {
    if (channel === "miniprogram" || channel === "bot") throw badRequest("idempotency_key_required", "缺少提交编号（Idempotency-Key），请更新小程序后再试");
    return undefined;
  }
  if (!/^[\w.:-]{8,128}$/.test(key)) throw badRequest("idempotency_key_invalid", "提交编号（Idempotency-Key）格式不对");
  return key;
}

export function reportsRouter(deps: Deps): Router {
  const router = new Router();

  defineRoute(router, deps, { method: "get", path: "/api/risk-types", summary: "Risk types with their Chinese labels and a plain explanation", tag: "reports", access: "public" }, async (ctx) => {
    ctx.body = { items: RISK_TYPES };
  });

  defineRoute(
    router,
    deps,
    {
      method: "post",
      path: "/api/reports",
      summary:
        "Submit a report for a household (yourself or someone else; Idempotency-Key required for the mini-program and bot channels): 201 a new case, 200 added to the household's open report",
      tag: "reports",
      access: SUBMITTERS,
      body: ReportCreateSchema,
    },
    async (ctx, { body, actor }) => {
      const key = idempotencyKeyOf(ctx, body.channel);
      const attempt = key ? { scope: `report:${actor.accountId}`, key, body, now: deps.clock.now() } : undefined;
      const { result } = await inTransactionOnce(deps.db, attempt, (tx) => submitReport(deps, tx, actor, body), receiptStatus);
      ctx.status = receiptStatus(result);
      ctx.body = result;
    },
  );

  defineRoute(router, deps, { method: "get", path: "/api/me/reports", summary: "My household's reports (status, opinion, reason) and those I reported for someone else (how far they got)", tag: "reports", access: "signed_in" }, async (ctx, { actor }) => {
    ctx.body = await listMyReports(deps, deps.db.manager, actor);
  });

  defineRoute(router, deps, { method: "get", path: "/api/queue", summary: "The queue of the signed-in staff member's area, awaiting an opinion first, then soonest deadline first (default: reports still awaiting an opinion); pass nextCursor back as ?cursor= for the next page, total from the village counters", tag: "reports", access: STAFF, query: QueueQuerySchema }, async (ctx, { query, actor }) => {
    ctx.body = await listQueue(deps, deps.db.manager, actor, { ...query, statuses: query.status });
  });

  defineRoute(
    router,
    deps,
    { method: "get", path: "/api/reports/:id", summary: "A report with its timeline; ?reveal=true shows full numbers to village staff (audited)", tag: "reports", access: "signed_in", params: ReportIdParamsSchema, query: ReportDetailQuerySchema },
    async (ctx, { params, query, actor }) => {
      ctx.body = await inTransaction(deps.db, (tx) => reportDetail(deps, tx, actor, params.id, { reveal: query.reveal, recordRead: true }));
    },
  );

  defineRoute(
    router,
    deps,
    {
      method: "post",
      path: "/api/reports/:id/confirm-household",
      summary: "The village cadre confirms that the account which reported for itself belongs to the household the report names (audited)",
      tag: "reports",
      access: ["village_cadre"],
      params: ReportIdParamsSchema,
    },
    async (ctx, { params, actor }) => {
      ctx.body = await inTransaction(deps.db, async (tx) => {
        await confirmReporterHousehold(deps, tx, actor, params.id);
        return reportDetail(deps, tx, actor, params.id);
      });
    },
  );

  const moves = [
    ["accept", "Accept a report (受理)", AcceptSchema, acceptReport],
    ["visit", "Record a visit (上门核查)", VisitSchema, recordVisit],
    ["opinion", "Give the handling opinion (办理意见); stops the clock", OpinionSchema, giveOpinion],
    ["transfer", "Transfer to the township or a department, which gets its own new 5-day clock", TransferSchema, transferReport],
    ["take-over", "The county takes over a report whose clock ran out (the village's or a receiver's), to answer it itself", TakeOverSchema, takeOverReport],
    ["send-back", "The county sends a report whose township or department let its clock run out back to the village, with a new 5-day clock", SendBackSchema, sendBackReport],
    ["withdraw", "The reporter withdraws the report", WithdrawSchema, withdrawReport],
    ["close", "Close a report after its opinion", CloseSchema, closeReport],
    ["comments", "A staff-internal comment", CommentSchema, addComment],
  ] as const;
  for (const [name, summary, schema, apply] of moves) {
    defineRoute(router, deps, { method: "post", path: `/api/reports/:id/${name}`, summary, tag: "reports", access: "signed_in", params: ReportIdParamsSchema, body: schema }, async (ctx, { params, body, actor }) => {
      const run = apply as (d: Deps, tx: EntityManager, a: typeof actor, id: string, b: typeof body) => Promise<unknown>;
      ctx.body = await inTransaction(deps.db, async (tx) => {
        await run(deps, tx, actor, params.id, body);
        return reportDetail(deps, tx, actor, params.id);
      });
    });
  }
  return router;
}
