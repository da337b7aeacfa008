// The console shell: who is signed in, the menu for their role, and a hash router.
import { get, session } from "./api.js";
import { $, $$, html, notice } from "./dom.js";
import { CONSOLE_ROLES, VILLAGE_STAFF_ROLES } from "./generated/constants.js";
import { alertsPage } from "./pages/alerts.js";
import { auditPage } from "./pages/audit.js";
import { dashboardPage } from "./pages/dashboard.js";
import { groupsPage } from "./pages/groups.js";
import { holidaysPage } from "./pages/holidays.js";
import { identificationPage } from "./pages/identification.js";
import { ledgerPage } from "./pages/ledger.js";
import { workspacePage } from "./pages/workspace.js";
import { policiesPage } from "./pages/policies.js";
import { reportPage } from "./pages/report.js";
import { reportsPage } from "./pages/reports.js";
import { rhythmPage } from "./pages/rhythm.js";
import { passwordPage } from "./pages/password.js";
import { signInPage } from "./pages/signin.js";
import { staffPage } from "./pages/staff.js";

/**
 * Roles that see only some pages: village staff work in the mini-program and see only their
 * village's 微信群 page (its bind code); a department works in its own workspace (its transfers and
 * its alert lists' results), its reports and its uploads. The first page is where they land.
 */
const LIMITED_PAGES = {
  ...Object.fromEntries(VILLAGE_STAFF_ROLES.map((role) => [role, ["groups", "password"]])),
  department: ["workspace", "reports", "alerts", "password"],
};

const PAGES = {
  dashboard: dashboardPage,
  workspace: workspacePage,
  reports: reportsPage,
  report: reportPage,
  identification: identificationPage,
  ledger: ledgerPage,
  alerts: alertsPage,
  rhythm: rhythmPage,
  policies: policiesPage,
  groups: groupsPage,
  holidays: holidaysPage,
  staff: staffPage,
  audit: auditPage,
  password: passwordPage,
};

/** The signed-in account (from /api/me), cached until sign-out. */
let me = null;
let config = null;

/** "#/reports?overdue=true" → { page: "reports", id: undefined, params } */
function parseHash() {
  const [path, q] = location.hash.replace(/^#\/?/, "").split("?");
  const [page, id] = path.split("/");
  return { page: page || "dashboard", id, params: new URLSearchParams(q ?? "") };
}

function showNav(show) {
  $("#nav").hidden = !show;
  $$("#nav a").forEach((a) => {
    const roles = a.dataset.roles?.split(" ");
    const limited = LIMITED_PAGES[me?.role];
    a.hidden = (!!roles && !roles.includes(me?.role)) || (!!limited && !limited.includes(a.dataset.page));
  });
  $("#who").innerHTML = me
    ? html`<span>${me.displayName}</span><span class="muted">${me.area?.name ?? ""}</span><a href="#/password" class="link">修改密码</a
        ><button type="button" id="sign-out" class="link">退出</button>`
    : "";
  $("#sign-out")?.addEventListener("click", () => {
    session.clear();
    me = null;
    location.hash = "#/signin";
  });
}

async function route() {
  // Each visit paints into a fresh view: a slower page still loading from an earlier click
  // then paints into a view no longer on screen instead of over the page asked for last.
  const main = document.createElement("div");
  main.className = "view";
  $("#main").replaceChildren(main);
  const { page, id, params } = parseHash();
  if (!config) {
    config = await get("/api/console/config").catch(() => ({ now: new Date().toISOString(), today: new Date().toISOString().slice(0, 10), demoAccounts: [] }));
    // times the console sends (a visit's time) follow the server's clock, not the desk computer's
    config.clockOffsetMs = Date.parse(config.now) - Date.now();
  }
  if (page === "signin" || !session.token) {
    me = null;
    showNav(false);
    return signInPage(main, config);
  }
  if (!me) {
    try {
      me = await get("/api/me");
    } catch {
      session.clear();
      location.hash = "#/signin";
      return;
    }
  }
  // A one-time password opens only the page that replaces it.
  if (me.mustChangePassword) {
    showNav(false);
    return passwordPage(main, {
      me,
      onChanged: () => {
        me = null;
        location.hash = "#/dashboard";
      },
    });
  }
  const limited = LIMITED_PAGES[me.role];
  if (limited && !limited.includes(page)) {
    location.hash = `#/${limited[0]}`;
    return;
  }
  if (!CONSOLE_ROLES.includes(me.role) && !limited) {
    showNav(false);
    $("#who").innerHTML = html`<button type="button" id="sign-out" class="link">退出</button>`;
    $("#sign-out").addEventListener("click", () => {
      session.clear();
      me = null;
      location.hash = "#/signin";
    });
    main.innerHTML = html`<section class="panel">
      <h1>这个账号不能使用工作台</h1>
      <p class="notice error" role="alert">工作台只对乡镇、县级和行业部门的工作人员开放（您的身份：${me.displayName}）。</p>
    </section>`;
    return;
  }
  showNav(true);
  const render = page === "reports" && id ? PAGES.report : PAGES[page];
  const link = $(`#nav a[data-page="${page}"]`);
  if (link?.hidden) {
    main.innerHTML = html`<p class="notice error" role="alert">您的账号不能使用这个页面。<a href="#/dashboard">回到总览</a></p>`;
    return;
  }
  $$("#nav a").forEach((a) => a.classList.toggle("active", a.dataset.page === page));
  if (!render) {
    main.innerHTML = html`<p>没有这个页面。<a href="#/dashboard">回到总览</a></p>`;
    return;
  }
  main.innerHTML = html`<p class="muted">正在加载…</p>`;
  try {
    await render(main, { me, config, id, params });
  } catch (err) {
    if (!main.isConnected) return;
    main.innerHTML = "";
    notice(main, "error", err.message || "出错了，请刷新后再试");
  }
}

window.addEventListener("hashchange", route);
route();
