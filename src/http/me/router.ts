import Router from "@koa/router";
import { changePassword, describeMe, linkWechat, staffWechatSession } from "../../services/auth-service.js";
import type { Deps } from "../../services/deps.js";
import { grantSubscriptions, subscriptionQuota } from "../../services/subscriptions.js";
import { defineRoute } from "../api-route.js";
import { PasswordChangeSchema, PhoneVerificationSchema, SubscriptionSchema, WechatLinkSchema } from "../../contracts/me.js";
import { inTransaction } from "../../db/transaction.js";
import { linkByVerifiedPhone } from "../../services/household-link.js";

export function meRouter(deps: Deps): Router {
  const router = new Router();
  defineRoute(
    router,
    deps,
    { method: "get", path: "/api/me", summary: "The signed-in account, its role and area", tag: "auth", access: "signed_in", beforePasswordChange: true },
    async (ctx, { actor }) => {
      ctx.body = await describeMe(deps, actor);
    },
  );
  defineRoute(
    router,
    deps,
    { method: "get", path: "/api/me/subscriptions", summary: "The subscribe messages the farmer still allows, per template", tag: "auth", access: ["farmer"] },
    async (ctx, { actor }) => {
      ctx.body = await subscriptionQuota(deps, actor);
    },
  );
  defineRoute(
    router,
    deps,
    {
      method: "post",
      path: "/api/me/subscriptions",
      summary: "Record the subscribe-message templates the farmer just allowed (wx.requestSubscribeMessage)",
      tag: "auth",
      access: ["farmer"],
      body: SubscriptionSchema,
    },
    async (ctx, { body, actor }) => {
      ctx.body = await inTransaction(deps.db, (tx) => grantSubscriptions(deps, tx, actor, body.templateIds));
    },
  );
  defineRoute(
    router,
    deps,
    {
      method: "post",
      path: "/api/me/wechat",
      summary: "Link a staff account to the WeChat it signs in from",
      tag: "auth",
      access: "signed_in",
      body: WechatLinkSchema,
    },
    async (ctx, { actor, body }) => {
      const session = await staffWechatSession(deps, actor, body.code);
      ctx.body = await inTransaction(deps.db, (tx) => linkWechat(deps, tx, actor, session.openid));
    },
  );
  defineRoute(
    router,
    deps,
    {
      method: "post",
      path: "/api/me/phone",
      summary: "A farmer proves their phone with WeChat's getPhoneNumber code; the household registered with it becomes theirs",
      tag: "auth",
      access: ["farmer"],
      body: PhoneVerificationSchema,
    },
    async (ctx, { actor, body }) => {
      // WeChat is asked before the transaction opens: no network wait holds a database lock
      const phone = await deps.wechat.verifiedPhoneNumber(body.code);
      ctx.body = await inTransaction(deps.db, (tx) => linkByVerifiedPhone(deps, tx, actor, phone));
    },
  );
  defineRoute(
    router,
    deps,
    {
      method: "post",
      path: "/api/me/password",
      summary: "A staff member replaces their password (required after a one-time password); other sessions end, a new token is returned",
      tag: "auth",
      access: "signed_in",
      body: PasswordChangeSchema,
      beforePasswordChange: true,
    },
    async (ctx, { actor, body }) => {
      ctx.body = await inTransaction(deps.db, (tx) => changePassword(deps, tx, actor, body.currentPassword, body.newPassword));
    },
  );
  return router;
}
