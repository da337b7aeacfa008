import Router from "@koa/router";
import { changePassword, describeMe, linkWechat, staffWechatSession } from "../../services/auth-service.js";
import type { Deps } from "../../services/deps.js";
import { grantSubscriptions, subscriptionQuota } from "../../services/subscriptions.js";
import { jsonRoutes } from "../api-route.js";
import { PasswordChangeSchema, PhoneVerificationSchema, SubscriptionSchema, WechatLinkSchema } from "../../contracts/me.js";
import { inTransaction } from "../../db/transaction.js";
import { linkByVerifiedPhone } from "../../services/household-link.js";

export function meRouter(deps: Deps): Router {
  const router = new Router();
  const { read, write } = jsonRoutes(router, deps, { tag: "auth", access: "signed_in" });
  read({ method: "get", path: "/api/me", summary: "The signed-in account, its role and area", beforePasswordChange: true }, ({ actor }) =>
    describeMe(deps, actor),
  );
  read(
    { method: "get", path: "/api/me/subscriptions", summary: "The subscribe messages the farmer still allows, per template", access: ["farmer"] },
    ({ actor }) => subscriptionQuota(deps, actor),
  );
  write(
    {
      method: "post",
      path: "/api/me/subscriptions",
      summary: "Record the subscribe-message templates the farmer just allowed (wx.requestSubscribeMessage)",
      access: ["farmer"],
      body: SubscriptionSchema,
    },
    (tx, { body, actor }) => grantSubscriptions(deps, tx, actor, body.templateIds),
  );
  read(
    { method: "post", path: "/api/me/wechat", summary: "Link a staff account to the WeChat it signs in from", body: WechatLinkSchema },
    async ({ actor, body }) => {
      const session = await staffWechatSession(deps, actor, body.code);
      return inTransaction(deps.db, (tx) => linkWechat(deps, tx, actor, session.openid));
    },
  );
  read(
    {
      method: "post",
      path: "/api/me/phone",
      summary: "A farmer proves their phone with WeChat's getPhoneNumber code; the household registered with it becomes theirs",
      access: ["farmer"],
      body: PhoneVerificationSchema,
    },
    async ({ actor, body }) => {
      // WeChat is asked before the transaction opens: no network wait holds a database lock
      const phone = await deps.wechat.verifiedPhoneNumber(body.code);
      return inTransaction(deps.db, (tx) => linkByVerifiedPhone(deps, tx, actor, phone));
    },
  );
  write(
    {
      method: "post",
      path: "/api/me/password",
      summary: "A staff member replaces their password (required after a one-time password); other sessions end, a new token is returned",
      body: PasswordChangeSchema,
      beforePasswordChange: true,
    },
    (tx, { actor, body }) => changePassword(deps, tx, actor, body.currentPassword, body.newPassword),
  );
  return router;
}
