import { get } from "../api.js";
import { chinaTime, html } from "../dom.js";
import { dueBadge } from "./reports.js";

const TABS = [
  ["cases", "认定中的申报"],
  ["register", "监测对象名册"],
];
const REGISTER_STATUSES = [
  ["monitored", "监测中"],
  ["risk_cleared", "已风险消除"],
];

/** "2026-06-16" → "6月16日" */
const monthDay = (day) => (day ? `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日` : "");

/** One clock in a few words: done in time or late, overdue, running until its last day, or not started. */
function clockWords(c) {
  // the notice is a window, not a duty: once its 5 days have run it is simply over
  if (c.doneAt && c.name === "notice_5_days") return html`<span class="muted">已期满（${monthDay(c.doneAt)}）</span>`;
  if (c.doneAt) return c.met === false ? html`<span class="badge due-overdue">逾期完成</span>` : html`<span class="badge green">按期完成</span>`;
  if (!c.lastDay) return html`<span class="muted">未开始</span>`;
  if (c.overdue) return html`<span class="badge due-overdue">已超期</span> <span class="muted">应于${monthDay(c.lastDay)}前</span>`;
  return html`<span class="muted">${monthDay(c.lastDay)}24时前</span>`;
}

const clockList = (clocks) =>
  html`<ul class="clocks">
    ${clocks.map((c) => html`<li data-clock="${c.name}">${c.label}：${clockWords(c)}</li>`)}
  </ul>`;

/** The 监测认定 page: open cases by stage with their clocks (overdue first), and the register of monitored households. */
export async function identificationPage(main, { params }) {
  const tab = params.get("tab") === "register" ? "register" : "cases";
  main.innerHTML = html`<h1>监测认定</h1>
    <p class="filters" id="tabs">
      ${TABS.map(([key, label]) =>
        key === tab
          ? html`<b data-tab="${key}">${label}</b>`
          : html`<a href="#/identification${key === "cases" ? "" : `?tab=${key}`}" data-tab="${key}">${label}</a>`,
      )}
    </p>
    <div id="tab-body"><p class="muted">正在加载…</p></div>`;
  const body = main.querySelector("#tab-body");
  if (tab === "cases") await casesTab(body);
  else await registerTab(body, params);
}

async function casesTab(body) {
  const d = await get("/api/identification/cases");
  body.innerHTML = html`<div class="cards" id="stages">
      <div class="card ${d.overdue ? "bad" : "good"}" data-kpi="overdue"><b>${d.overdue}</b><span>超期</span><small>共 ${d.total} 件在认定中</small></div>
      ${d.stages
        .filter((s) => s.count > 0)
        .map(
          (s) =>
            html`<div class="card ${s.overdue ? "bad" : ""}" data-stage="${s.stage}">
              <b>${s.count}</b><span>${s.label}</span>${s.overdue ? html`<small>其中超期 ${s.overdue} 件</small>` : ""}
            </div>`,
        )}
    </div>
    <section class="panel">
      <h2>认定中的申报 <small class="muted">超期的排在最前；时限按本县办理期限规则计算，截至 ${chinaTime(d.generatedAt)}</small></h2>
      ${
        d.items.length
          ? html`<table class="grid" id="cases">
                <thead>
                  <tr>
                    <th>编号</th>
                    <th>村</th>
                    <th>户主</th>
                    <th>风险类型</th>
                    <th>当前阶段</th>
                    <th>下一步</th>
                    <th>由谁办理</th>
                    <th>期限</th>
                    <th>各项时限</th>
                  </tr>
                </thead>
                <tbody>
                  ${d.items.map(
                    (c) =>
                      html`<tr class="${c.overdue ? "overdue" : ""}" data-id="${c.id}" data-number="${c.number}">
                        <td><a href="#/reports/${c.id}" class="number">${c.number}</a></td>
                        <td data-label="村">${c.village.name}</td>
                        <td data-label="户主">${c.household.name}</td>
                        <td data-label="风险">${c.riskTypeLabels.join("、")}</td>
                        <td data-label="阶段">${c.stageLabel}</td>
                        <td>${c.next.label ? `下一步：${c.next.label}` : ""}</td>
                        <td data-label="办理">${c.next.holderLabel ?? ""}</td>
                        <td data-label="期限">${c.next.clock ? html`${c.next.clock.label}<br />${dueBadge(c.next.clock)}` : ""}</td>
                        <td data-label="各项时限">${clockList(c.clocks)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
              ${d.total > d.items.length ? html`<p class="muted">只显示前 ${d.items.length} 件（共 ${d.total} 件），超期的都在其中。</p>` : ""}`
          : html`<p class="muted">没有正在认定中的申报。</p>`
      }
    </section>`;
}

async function registerTab(body, params) {
  const status = params.get("status") === "risk_cleared" ? "risk_cleared" : "monitored";
  const after = params.get("after") ?? "";
  const d = await get("/api/households", { status, ...(after ? { after } : {}), pageSize: 50 });
  const link = (q) => `#/identification?${new URLSearchParams({ tab: "register", ...q })}`;
  body.innerHTML = html`<p class="filters" id="register-status">
      ${REGISTER_STATUSES.map(([key, label]) => (key === status ? html`<b>${label}</b>` : html`<a href="${link({ status: key })}">${label}</a>`))}
    </p>
    <section class="panel">
      <h2>监测对象名册 <small class="muted">按认定日期从新到旧；姓名已隐去</small></h2>
      ${
        d.items.length
          ? html`<table class="grid" id="register">
                <thead>
                  <tr>
                    <th>户主</th>
                    <th>村</th>
                    <th>监测对象类型</th>
                    <th>认定日期</th>
                    <th>风险类型</th>
                    <th>帮扶措施</th>
                    <th>录入与帮扶计划时限</th>
                    ${status === "risk_cleared" ? html`<th>风险消除日期</th>` : ""}
                  </tr>
                </thead>
                <tbody>
                  ${d.items.map(
                    (m) =>
                      html`<tr data-household="${m.householdId}" class="${m.clocks.some((c) => c.overdue) ? "overdue" : ""}">
                        <td data-label="户主"><a href="#/reports/${m.reportId}">${m.household.name}</a></td>
                        <td data-label="村">${m.village.name}</td>
                        <td data-label="类型">${m.kindLabel}</td>
                        <td data-label="认定日期">${m.identifiedOn}</td>
                        <td data-label="风险">${m.riskTypeLabels.join("、")}</td>
                        <td data-label="措施">
                          ${m.measures.length ? m.measures.map((x) => `${x.label}：${x.text}`).join("；") : html`<span class="muted">尚未制定帮扶计划</span>`}
                        </td>
                        <td data-label="时限">${clockList(m.clocks)}</td>
                        ${status === "risk_cleared" ? html`<td data-label="风险消除">${m.clearedOn ?? ""}</td>` : ""}
                      </tr>`,
                  )}
                </tbody>
              </table>
              ${d.next ? html`<p><a href="${link({ status, after: d.next })}" id="register-next">下一页</a></p>` : ""}`
          : html`<p class="muted">${status === "monitored" ? "还没有监测对象。" : "还没有风险消除的监测对象。"}</p>`
      }
    </section>`;
}
