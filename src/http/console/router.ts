import Router from "@koa/router";
import { chinaDay } from "../../domain/china-time.js";
import { MOVES } from "../../domain/report/lifecycle.js";
import { ROLE_LABELS } from "../../domain/roles.js";
import { DEMO_ACCOUNTS } from "../../seed/demo.js";
import type { Deps } from "../../services/deps.js";
import { defineRoute } from "../api-route.js";
import { CONSOLE_ROLES } from "../../domain/roles.js";

/**
 * What the console needs before anyone signs in: the server's time and today's date in China, the report's moves and, while
 * demo data is on, the demo accounts to pick.
 */
export function consoleRouter(deps: Deps): Router {
  const router = new Router();
  defineRoute(
    router,
    deps,
    {
      method: "get",
      path: "/api/console/config",
      summary: "Today's date (China) and the demo accounts the console may offer",
      tag: "console",
      access: "public",
    },
    async (ctx) => {
      ctx.body = {
        now: deps.clock.now().toISOString(),
        today: chinaDay(deps.clock.now()),
        consoleRoles: CONSOLE_ROLES,
        // the report's state machine, so the console offers the moves the server allows without a copy of it
        reportMoves: MOVES,
        demoAccounts: deps.config.demoData
          ? DEMO_ACCOUNTS.map((a) => ({
              username: a.username,
              displayName: a.displayName,
              role: a.role,
              roleLabel: ROLE_LABELS[a.role],
              // a department has its own workspace in the console (its transfers and its alert lists' results)
              mayUseConsole: a.role === "department" || (CONSOLE_ROLES as readonly string[]).includes(a.role),
            }))
          : [],
      };
    },
  );
  return router;
}
