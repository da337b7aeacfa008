import { get } from "../api.js";
import { chinaDate, chinaTime, html } from "../dom.js";
import { AWAITING_OPINION } from "../generated/constants.js";
import { dueBadge } from "./reports.js";

/** Waiting for the department's opinion: the statuses its queue lists. */
const AWAITING = AWAITING_OPINION.join(",");

/**
 * A department's workspace (issue 14 item 4): the reports transferred to it, each with the
 * 5-day clock that started at the transfer, and what became of its uploaded alert lists (结果反馈).
 * The server decides what the department sees; this page only lays it out.
 */
export async function workspacePage(main, { me }) {
  const [queue, batches] = await Promise.all([get("/api/queue", { status: AWAITING, pageSize: 100 }), get("/api/department-alerts/batches")]);
  // the queue holds the department's transfers and its own alerts still with the villages; here, the transfers
  const mine = queue.items.filter((r) => r.transferredTo === me.department);
  main.innerHTML = html`<h1>部门工作台</h1>
    <section class="panel">
      <h2>转交本部门办理的申报</h2>
      <p class="muted">转交之日起5天内（遇节假日顺延）请核查并提出办理意见；超期的会上报县农业农村局督办。</p>
      ${
        mine.length
          ? html`<table class="grid" id="transfers">
              <thead>
                <tr>
                  <th>编号</th>
                  <th>村</th>
                  <th>户主</th>
                  <th>风险类型</th>
                  <th>转交日期</th>
                  <th>办理期限</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                ${mine.map(
                  (r) =>
                    html`<tr class="${r.overdue ? "overdue" : ""}" data-id="${r.id}">
                      <td><a href="#/reports/${r.id}" class="number">${r.number}</a></td>
                      <td data-label="村">${r.village.name}</td>
                      <td data-label="户主">${r.household.name}</td>
                      <td data-label="风险">${r.riskTypeLabels.join("、")}</td>
                      <td data-label="转交日期">${r.transferredAt ? chinaDate(r.transferredAt) : ""}</td>
                      <td data-label="期限">${chinaDate(new Date(Date.parse(r.dueAt) - 1).toISOString())} 24:00 前</td>
                      <td>${dueBadge(r)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p class="muted" id="transfers-empty">目前没有转交本部门、等待办理意见的申报。</p>`
      }
    </section>
    <section class="panel">
      <h2>预警名单办理结果（结果反馈）</h2>
      <p class="muted">本部门导入的每份预警名单：生成了多少条申报，村里受理了多少、提出办理意见多少，各是什么意见。<a href="#/alerts">导入新的预警名单</a></p>
      ${
        batches.items.length
          ? html`<table class="grid" id="batches">
              <thead>
                <tr>
                  <th>名单</th>
                  <th>导入时间</th>
                  <th class="num">申报数</th>
                  <th class="num">已受理</th>
                  <th class="num">已提出意见</th>
                  <th>办理意见</th>
                </tr>
              </thead>
              <tbody>
                ${batches.items.map(
                  (b) =>
                    html`<tr data-id="${b.id}">
                      <td data-label="名单">${b.fileName ?? "（未命名）"}</td>
                      <td data-label="导入时间">${chinaTime(b.uploadedAt)}</td>
                      <td data-label="申报数" class="num">${b.reports}</td>
                      <td data-label="已受理" class="num">${b.accepted}</td>
                      <td data-label="已提出意见" class="num">${b.answered}</td>
                      <td data-label="办理意见">
                        ${b.byOpinion.length ? b.byOpinion.map((o) => html`<span class="badge" title="${o.title}">${o.label} ${o.count}</span> `) : html`<span class="muted">尚无</span>`}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p class="muted" id="batches-empty">本部门还没有导入过预警名单。</p>`
      }
    </section>`;
}
