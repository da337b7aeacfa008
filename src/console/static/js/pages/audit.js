import { get } from "../api.js";
import { $, chinaTime, formData, html, pager } from "../dom.js";

/**
 * 审计日志: who did or read what, when, in the county. Filters go in the address (#/audit?…),
 * so a page of results can be shared and reloaded. Household names come masked from the server.
 */
export async function auditPage(main, { params }) {
  const p = Object.fromEntries(params.entries());
  const page = Number(p.page ?? 1);
  const res = await get("/api/audit", { ...p, page, pageSize: 50 });
  main.innerHTML = html` <h1>审计日志 <small class="muted">谁在什么时间查看或办理了哪一户的申报</small></h1>
    <form id="filters" class="filters">
      <label>人员 <input name="person" value="${p.person ?? ""}" placeholder="姓名中的字" maxlength="32" /></label>
      <label>申报编号 <input name="report" value="${p.report ?? ""}" placeholder="260302-48173" pattern="\\d{6}-\\d{5}" /></label>
      <label><input type="checkbox" name="wholeHousehold" value="true" ${p.wholeHousehold === "true" ? "checked" : ""} /> 这一户的全部申报</label>
      <label
        >操作
        <select name="action">
          <option value="">全部</option>
          ${res.actions.map((a) => html`<option value="${a.code}" ${p.action === a.code ? "selected" : ""}>${a.label}</option>`)}
        </select></label
      >
      <label>日期 <input type="date" name="from" value="${p.from ?? ""}" /> 至 <input type="date" name="to" value="${p.to ?? ""}" /></label>
      <button type="submit" class="primary">筛选</button>
    </form>
    <div id="list"></div>`;
  $("#filters").addEventListener("submit", (e) => {
    e.preventDefault();
    const f = formData(e.target);
    const next = new URLSearchParams();
    for (const k of ["person", "report", "wholeHousehold", "action", "from", "to"]) if (f[k]) next.set(k, f[k]);
    location.hash = `#/audit?${next}`;
  });
  $("#list").innerHTML = res.items.length
    ? html`<p class="muted">共 ${res.total} 条，最新的在前</p>
        <table class="grid" id="audit">
          <thead>
            <tr>
              <th>时间</th>
              <th>人员</th>
              <th>操作</th>
              <th>申报</th>
              <th>户主</th>
            </tr>
          </thead>
          <tbody>
            ${res.items.map(
              (e) =>
                html`<tr data-action="${e.action}">
                  <td data-label="时间">${chinaTime(e.at)}</td>
                  <td data-label="人员">${e.person.name}${e.person.roleLabel ? html` <span class="muted">${e.person.roleLabel}</span>` : ""}</td>
                  <td data-label="操作">${e.actionLabel}</td>
                  <td data-label="申报">${e.report?.number ?? ""}</td>
                  <td data-label="户主">${e.report?.household ?? ""}</td>
                </tr>`,
            )}
          </tbody>
        </table>
        ${pager("audit", params, res)}`
    : html`<p class="muted">没有符合条件的记录。</p>`;
}
