import Router from "@koa/router";
import type { Deps } from "../../services/deps.js";
import { createStaff, listStaff, updateStaff } from "../../services/staff-service.js";
import { jsonRoutes } from "../api-route.js";
import { CONSOLE_ROLES } from "../../domain/roles.js";
import { StaffCreateSchema, StaffIdParamsSchema, StaffListQuerySchema, StaffPatchSchema } from "../../contracts/staff.js";

export function staffRouter(deps: Deps): Router {
  const router = new Router();
  const { read, write } = jsonRoutes(router, deps, { tag: "staff", access: CONSOLE_ROLES });
  read({ method: "get", path: "/api/staff", summary: "Staff accounts of the caller's area", query: StaffListQuerySchema }, ({ query, actor }) =>
    listStaff(deps, actor, query),
  );
  write(
    {
      method: "post",
      path: "/api/staff",
      summary: "Create a staff account within the caller's area (role not above the caller's); returns a one-time password",
      status: 201,
      body: StaffCreateSchema,
    },
    (tx, { body, actor }) => createStaff(deps, tx, actor, body),
  );
  write(
    {
      method: "patch",
      path: "/api/staff/:id",
      summary: "Rename, re-scope, reset the password of (one-time password), lock or unlock a staff account",
      params: StaffIdParamsSchema,
      body: StaffPatchSchema,
    },
    (tx, { params, body, actor }) => updateStaff(deps, tx, actor, params.id, body),
  );
  return router;
}
