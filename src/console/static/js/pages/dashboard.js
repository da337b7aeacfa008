import { get } from "../api.js";
import { children } from "../areas.js";
import { hbars, PALETTE, shareBar, vbars } from "../charts.js";
import { chinaTime, html, raw } from "../dom.js";
import { AWAITING_OPINION } from "../generated/constants.js";

const RED = "#c62828";
const AMBER = "#f9a825";
const GREY = "#90a4ae";
/** 等待办理意见; the 在办 card opens the list's 全部（在办）, the same set. */
const AWAITING = AWAITING_OPINION.join(",");
/** The chart shows this many risk types by name; the rest are added up as 其他. */
const TOP_RISKS = 5;

/** The five most reported risk types over the weeks shown, and 其他 for the rest (including the type 其他 itself). */
function topRiskSeries(d) {
  const total = (code) => d.weeks.reduce((s, w) => s + w.counts[code], 0);
  const ranked = d.riskTypes.filter((rt) => rt.code !== "other" && total(rt.code) > 0).sort((a, b) => total(b.code) - total(a.code));
  const top = ranked.slice(0, TOP_RISKS);
  const rest = d.riskTypes.filter((rt) => !top.includes(rt));
  const series = top.map((rt, i) => ({ name: rt.label, color: PALETTE[i], values: d.weeks.map((w) => w.counts[rt.code]) }));
  const others = d.weeks.map((w) => rest.reduce((s, rt) => s + w.counts[rt.code], 0));
  if (others.some((n) => n > 0)) series.push({ name: "其他", color: GREY, values: others });
  return series;
}

/** The at-a-glance page: overdue villages first, risk types per week, the share answered in time. */
export async function dashboardPage(main, { me, params }) {
  const areaCode = params.get("areaCode") ?? "";
  const d = await get("/api/dashboard", { areaCode });
  // a county officer may narrow the page to one township
  const townships = me.area?.code.endsWith("000000") ? await children(me.area.code) : [];
  const t = d.totals;
  const share = d.answeredInTime;
  const top = d.villages.slice(0, 15);
  const weekLabels = d.weeks.map((w) => w.week.slice(5));
  const series = topRiskSeries(d);
  const openLink = `#/reports${areaCode ? `?areaCode=${areaCode}` : ""}`;

  main.innerHTML = html` <h1>${d.area?.name ?? "全部地区"} · 总览 <small class="muted">截至 ${chinaTime(d.generatedAt)}</small></h1>
    ${(d.warnings ?? []).map((w) => html`<p class="notice warn" role="alert" data-warning="calendar">${w}${me.role === "admin" ? html` <a href="#/holidays">去录入</a>` : "（请系统管理员录入）"}</p>`)}
    ${
      townships.length
        ? html`<p class="filters">
            <label
              >范围
              <select id="scope">
                <option value="">全县</option>
                ${townships.map((t) => html`<option value="${t.code}" ${t.code === areaCode ? "selected" : ""}>${t.name}</option>`)}
              </select></label
            >
          </p>`
        : ""
    }
    <div class="cards">
      <a
        class="card ${t.overdue ? "bad" : "good"}"
        href="#/reports?status=${AWAITING}&overdue=true${areaCode ? `&areaCode=${areaCode}` : ""}"
        data-kpi="overdue"
        ><b>${t.overdue}</b><span>超期未办</span><small>${t.villagesOverdue} 个村</small></a
      >
      <a class="card" href="#/reports?status=${AWAITING}${areaCode ? `&areaCode=${areaCode}` : ""}" data-kpi="awaiting"
        ><b>${t.awaiting}</b><span>等待办理意见</span></a
      >
      <a class="card" href="${openLink}" data-kpi="open"><b>${t.open}</b><span>在办申报</span></a>
      <div class="card ${share.share === null ? "" : share.share >= 0.9 ? "good" : "bad"}" data-kpi="share">
        <b>${share.share === null ? "—" : `${Math.round(share.share * 100)}%`}</b><span>5日内答复率</span
        ><small>近30天到期 ${share.due} 条，按期 ${share.inTime} 条</small>
      </div>
      ${(d.identificationInTime ?? []).map(
        (r) =>
          html`<a class="card ${r.share === null ? "" : r.share >= 0.9 ? "good" : "bad"}" href="#/identification" data-kpi="${r.name}">
            <b>${r.share === null ? "—" : `${Math.round(r.share * 100)}%`}</b><span>${r.label}</span><small>近30天到期 ${r.due} 件，按期 ${r.inTime} 件</small>
          </a>`,
      )}
    </div>

    <section class="panel">
      <h2>各村待办与超期 <small class="muted">红色为超期，先看红的</small></h2>
      ${
        top.length
          ? raw(
              hbars(
                top.map((v) => ({
                  label: v.name.replace(/村民委员会|村委会|居委会/, ""),
                  parts: [
                    { name: "超期", value: v.overdue, color: RED },
                    { name: "待办理（未超期）", value: v.awaiting - v.overdue, color: AMBER },
                    { name: "已答复待办结", value: v.open - v.awaiting, color: GREY },
                  ],
                })),
              ),
            )
          : html`<p class="muted">没有在办的申报。</p>`
      }
      <p class="legend"><i class="sw red"></i>超期 <i class="sw amber"></i>待办理 <i class="sw grey"></i>已答复待办结</p>
      <table class="grid" id="villages">
        <thead>
          <tr>
            <th>村</th>
            <th>乡镇</th>
            <th class="num">超期</th>
            <th class="num">待办理</th>
            <th class="num">在办</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          ${d.villages.map(
            (v) =>
              html`<tr class="${v.overdue ? "overdue" : ""}" data-village="${v.code}">
                <td>${v.name}</td>
                <td>${v.township.name}</td>
                <td class="num">${v.overdue ? html`<span class="badge red">${v.overdue}</span>` : "0"}</td>
                <td class="num">${v.awaiting}</td>
                <td class="num">${v.open}</td>
                <td><a href="#/reports?villageCode=${v.code}">查看</a></td>
              </tr>`,
          )}
        </tbody>
      </table>
    </section>

    <section class="panel" id="overdue-weeks">
      <h2>近12周超期情况 <small class="muted">按办理期限届满的自然周：期限内没有提出办理意见的申报</small></h2>
      ${raw(
        vbars(
          d.overdueWeeks.map((w) => w.week.slice(5)),
          [{ name: "超期", color: RED, values: d.overdueWeeks.map((w) => w.overdue) }],
        ),
      )}
    </section>

    <section class="panel" id="risk-weeks">
      <h2>近8周各类风险申报数 <small class="muted">按收到时间的自然周（周一至周日）</small></h2>
      ${raw(vbars(weekLabels, series))}
      <p class="legend">${series.map((s) => html`<span><i class="sw" data-color="${s.color}"></i>${s.name}</span>`)}</p>
    </section>

    <section class="panel">
      <h2>5日内答复率（近30天）</h2>
      ${raw(shareBar(share.share))}
      <p class="muted">近30天内办理期限届满的申报 ${share.due} 条，其中在期限内提出办理意见 ${share.inTime} 条（已撤回的不计）。</p>
    </section>`;
  main.querySelector("#scope")?.addEventListener("change", (e) => (location.hash = e.target.value ? `#/dashboard?areaCode=${e.target.value}` : "#/dashboard"));
  // colours of the legend swatches come from the data; set through the DOM, which the page's CSP allows
  main.querySelectorAll("i.sw[data-color]").forEach((i) => (i.style.background = i.dataset.color));
}
