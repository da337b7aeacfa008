import Router from "@koa/router";
import { rateLimit } from "../middleware/rate-limit.js";
import { checkStaffPassword, recordStaffSignIn, signInDemo, signInWithWechat } from "../../services/auth-service.js";
import { inTransaction } from "../../db/transaction.js";
import type { Deps } from "../../services/deps.js";
import { defineRoute } from "../api-route.js";
import { DemoSignInSchema, StaffSignInSchema, WechatSignInSchema } from "../../contracts/auth.js";

export function authRouter(deps: Deps): Router {
  const router = new Router();
  // Guessing passwords costs time: ten tries a minute per address.
  router.use("/api/auth/staff", rateLimit({ clock: deps.clock, windowMs: 60_000, max: 10 }));
  router.use("/api/auth/wechat", rateLimit({ clock: deps.clock, windowMs: 60_000, max: 30 }));

  defineRoute(
    router,
    deps,
    {
      method: "post",
      path: "/api/auth/wechat",
      summary: "Sign in from the mini-program with a wx.login code",
      tag: "auth",
      access: "public",
      body: WechatSignInSchema,
    },
    async (ctx, { body }) => {
      // WeChat is asked before the transaction opens: no network wait holds a database lock
      const session = await deps.wechat.code2Session(body.code);
      ctx.body = await inTransaction(deps.db, (tx) => signInWithWechat(deps, tx, session.openid));
    },
  );
  defineRoute(
    router,
    deps,
    { method: "post", path: "/api/auth/staff", summary: "Staff sign in with phone and password", tag: "auth", access: "public", body: StaffSignInSchema },
    async (ctx, { body }) => {
      const check = await checkStaffPassword(deps, body.phone, body.password);
      const outcome = await inTransaction(deps.db, (tx) => recordStaffSignIn(deps, tx, check));
      // a refusal is thrown only now, so the counted failure is committed
      if ("refused" in outcome) throw outcome.refused;
      ctx.body = outcome;
    },
  );
  defineRoute(
    router,
    deps,
    {
      method: "post",
      path: "/api/auth/demo",
      summary: "Demo sign-in by username (only while demo data is on)",
      tag: "auth",
      access: "public",
      body: DemoSignInSchema,
    },
    async (ctx, { body }) => {
      ctx.body = await signInDemo(deps, body.username);
    },
  );
  return router;
}
