import Router from "@koa/router";
import { inTransaction } from "../../db/transaction.js";
import type { Deps } from "../../services/deps.js";
import { createStaff, listStaff, updateStaff } from "../../services/staff-service.js";
import { defineRoute } from "../api-route.js";
import { CONSOLE_ROLES } from "../../domain/roles.js";
import { StaffCreateSchema, StaffIdParamsSchema, StaffListQuerySchema, StaffPatchSchema } from "../../contracts/staff.js";

export function staffRouter(deps: Deps): Router {
  const router = new Router();
  defineRoute(
    router,
    deps,
    { method: "get", path: "/api/staff", summary: "Staff accounts of the caller's area", tag: "staff", access: CONSOLE_ROLES, query: StaffListQuerySchema },
    async (ctx, { query, actor }) => {
      ctx.body = await listStaff(deps, actor, query);
    },
  );
  defineRoute(
    router,
    deps,
    {
      method: "post",
      path: "/api/staff",
      summary: "Create a staff account within the caller's area (role not above the caller's); returns a one-time password",
      tag: "staff",
      access: CONSOLE_ROLES,
      body: StaffCreateSchema,
    },
    async (ctx, { body, actor }) => {
      ctx.status = 201;
      ctx.body = await inTransaction(deps.db, (tx) => createStaff(deps, tx, actor, body));
    },
  );
  defineRoute(
    router,
    deps,
    {
      method: "patch",
      path: "/api/staff/:id",
      summary: "Rename, re-scope, reset the password of (one-time password), lock or unlock a staff account",
      tag: "staff",
      access: CONSOLE_ROLES,
      params: StaffIdParamsSchema,
      body: StaffPatchSchema,
    },
    async (ctx, { params, body, actor }) => {
      ctx.body = await inTransaction(deps.db, (tx) => updateStaff(deps, tx, actor, params.id, body));
    },
  );
  return router;
}
