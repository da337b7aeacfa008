import { get } from "../api.js";
import { areaPicker } from "../areas.js";
import { $, chinaDate, chinaTime, formData, html } from "../dom.js";
import { AWAITING_OPINION, CHANNEL_LABELS, OPEN_STATUSES, REPORT_STATUSES } from "../generated/constants.js";

/** 全部 is every report in work (not closed or withdrawn): the set the dashboard's 在办 card counts. */
export const IN_WORK = OPEN_STATUSES.join(",");
const STATUSES = [
  ["", "全部（在办）"],
  [AWAITING_OPINION.join(","), "等待办理意见"],
  ["received", "待受理"],
  ["accepted", "已受理"],
  ["visited", "已上门核查"],
  ["transferred", "已转交"],
  ["opinion_given", "已提出办理意见"],
  ["closed", "已办结"],
  ["withdrawn", "已撤回"],
  [REPORT_STATUSES.join(","), "全部（含已办结、已撤回）"],
];

let riskTypes = null;

/** The report list with filters; the filters live in the address so links and reloads keep them. */
export async function reportsPage(main, { me, params }) {
  riskTypes ??= (await get("/api/risk-types")).items;
  const p = Object.fromEntries(params.entries());
  main.innerHTML = html` <h1>申报</h1>
    <form id="filters" class="filters">
      <span id="area"></span>
      <label
        >状态
        <select name="status">
          ${STATUSES.map(([v, l]) => html`<option value="${v}" ${p.status === v ? "selected" : ""}>${l}</option>`)}
        </select></label
      >
      <label
        >超期
        <select name="overdue">
          <option value="">全部</option>
          <option value="true" ${p.overdue === "true" ? "selected" : ""}>仅超期</option>
          <option value="false" ${p.overdue === "false" ? "selected" : ""}>未超期</option>
        </select></label
      >
      <label
        >风险类型
        <select name="riskType">
          <option value="">全部</option>
          ${riskTypes.map((r) => html`<option value="${r.code}" ${p.riskType === r.code ? "selected" : ""}>${r.label}</option>`)}
        </select></label
      >
      <label>收到日期 <input type="date" name="from" value="${p.from ?? ""}" /> 至 <input type="date" name="to" value="${p.to ?? ""}" /></label>
      <button type="submit" class="primary">筛选</button>
    </form>
    <div id="list"><p class="muted">正在加载…</p></div>`;
  const picker = await areaPicker($("#area"), me.area.code, { selected: p.villageCode ?? p.areaCode ?? "" });
  $("#filters").addEventListener("submit", (e) => {
    e.preventDefault();
    const f = formData(e.target);
    const area = picker.value();
    const next = new URLSearchParams();
    if (area !== me.area.code) next.set(area.endsWith("000") ? "areaCode" : "villageCode", area);
    for (const k of ["status", "overdue", "riskType", "from", "to"]) if (f[k]) next.set(k, f[k]);
    location.hash = `#/reports?${next}`;
  });

  const page = Number(p.page ?? 1);
  const query = { ...p, status: p.status || IN_WORK, page, pageSize: 20 };
  const res = await get("/api/queue", query);
  $("#list").innerHTML = res.items.length
    ? html`<p class="muted">${res.total === null ? "" : `共 ${res.total} 条，`}按办理期限排序</p>
        <table class="grid" id="reports">
          <thead>
            <tr>
              <th>编号</th>
              <th>村</th>
              <th>户主</th>
              <th>电话</th>
              <th>风险类型</th>
              <th>渠道</th>
              <th>状态</th>
              <th>收到</th>
              <th>期限</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            ${res.items.map(
              (r) =>
                html`<tr class="${r.overdue ? "overdue" : ""}" data-id="${r.id}">
                  <td><a href="#/reports/${r.id}" class="number">${r.number}</a></td>
                  <td data-label="村">${r.village.name}</td>
                  <td data-label="户主">${r.household.name}</td>
                  <td data-label="电话">${r.household.phone}</td>
                  <td data-label="风险">${r.riskTypeLabels.join("、")}</td>
                  <td data-label="渠道">${CHANNEL_LABELS[r.channel] ?? r.channel}</td>
                  <td data-label="状态">${r.statusLabel}</td>
                  <td data-label="收到">
                    ${chinaTime(r.receivedAt)}${r.enteredAt ? html`<br /><span class="badge" title="录入于${chinaTime(r.enteredAt)}">补录 ${chinaTime(r.enteredAt)}</span>` : ""}
                  </td>
                  <td data-label="期限">${chinaDate(new Date(Date.parse(r.dueAt) - 1).toISOString())}</td>
                  <td>${dueBadge(r)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
        ${queuePager(params, res)}`
    : html`<p class="muted">没有符合条件的申报。</p>`;
}

/**
 * 下一页 continues after the last row shown (the server's cursor: the same cost on page 500 as on
 * page 2); 上一页 and a reload count pages from the start. Without a total (a risk type or a
 * date narrows the list) the pager shows the page and whether another follows.
 */
function queuePager(params, res) {
  const link = (n, cursor) => {
    const q = new URLSearchParams(params);
    q.set("page", String(n));
    if (cursor) q.set("cursor", cursor);
    else q.delete("cursor");
    return `#/reports?${q}`;
  };
  const pages = res.total === null ? "" : `/${Math.max(1, Math.ceil(res.total / res.pageSize))}`;
  return html`<p class="pager">
    ${res.page > 1 ? html`<a href="${link(res.page - 1)}">上一页</a>` : ""} 第 ${res.page}${pages} 页
    ${res.nextCursor ? html`<a href="${link(res.page + 1, res.nextCursor)}">下一页</a>` : ""}
  </p>`;
}

/** The deadline badge in the server's words and tone (dueWords): the same on every screen. */
export const dueBadge = (r) => (r.due.tone === "answered" ? "" : html`<span class="badge due-${r.due.tone}">${r.due.text}</span>`);
