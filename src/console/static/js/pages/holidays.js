import { api, get } from "../api.js";
import { $, chinaTime, formData, html, notice, showFormErrors } from "../dom.js";

/** "2027-01-01 2027-01-02，2027-01-03" or one per line → ["2027-01-01", …]. */
const daysOf = (text) =>
  String(text ?? "")
    .split(/[\s,，、;；]+/)
    .map((d) => d.trim())
    .filter(Boolean);

/**
 * The State Council's holiday arrangement per year, which the 5-day deadlines count on. Anyone
 * at the console can read it; an admin enters a year when it is published (kept as a new version).
 */
export async function holidaysPage(main, { me, config, params }) {
  // the server's day, not the desk computer's
  const thisYear = Number(config.today.slice(0, 4));
  const year = Number(params.get("year") ?? thisYear + 1);
  const y = await get(`/api/calendar/holidays/${year}`);
  const admin = me.role === "admin";
  // a county officer also sets how the county counts the 5 days and when night-time notices go out
  const settings = me.role === "county" ? await get("/api/county-settings") : null;
  main.innerHTML = html` <h1>节假日安排 <small class="muted">办理期限按此计算（最后一天遇法定节假日顺延）</small></h1>
    <p class="filters">
      <label
        >年份
        <select id="year">
          ${[thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((v) => html`<option value="${v}" ${v === year ? "selected" : ""}>${v}年</option>`)}
        </select></label
      >
    </p>
    <div id="msg"></div>
    <section class="panel" id="year-state" data-known="${y.known}">
      ${
        y.known
          ? html`<h2>${year}年：已录入 <small class="muted">第${y.version}版 · ${y.source} · ${y.enteredAt ? chinaTime(y.enteredAt) : ""}</small></h2>
              <p><b>放假日期（${y.restDays.length}天）</b></p>
              <p class="days" id="rest-days">${y.restDays.join("　")}</p>
              <p><b>调休上班日期（${y.workingDays.length}天）</b></p>
              <p class="days" id="working-days">${y.workingDays.join("　") || "无"}</p>`
          : html`<h2>${year}年：尚未录入</h2>
              <p class="notice warn">${year}年节假日安排尚未录入，最后一天落在这一年的期限暂按周末计算。国务院办公厅公布安排后，请系统管理员在这里录入。</p>`
      }
    </section>
    ${
      admin
        ? html`<section class="panel">
            <h2>${y.known ? "更正" : "录入"}${year}年安排 <small class="muted">保存为新版本，旧版本保留；已告知群众的期限只会顺延，不会提前</small></h2>
            <form id="enter" class="stack">
              <label
                >依据的通知
                <input
                  name="source"
                  required
                  maxlength="255"
                  placeholder="国务院办公厅关于${year}年部分节假日安排的通知（国办发明电〔${year - 1}〕…号）"
                  value="${y.known ? y.source : ""}"
              /></label>
              <label
                >放假日期（含放假期间的周末，一行一个或用空格分开，格式 ${year}-01-01）<textarea name="restDays" rows="5">${y.restDays.join("\n")}</textarea>
              </label>
              <label>调休上班日期（周六或周日）<textarea name="workingDays" rows="3">${y.workingDays.join("\n")}</textarea></label>
              <button type="submit" class="primary">保存${year}年安排</button>
            </form>
          </section>`
        : ""
    }
    ${
      settings
        ? html`<section class="panel" id="county-settings-panel">
            <h2>${settings.county.name}的设置 <small class="muted">改动留有审计记录</small></h2>
            <form id="county-settings" class="stack">
              <label
                >办理期限怎么算
                <select name="deadlineRule">
                  <option value="statutory" ${settings.deadlineRule === "statutory" ? "selected" : ""}>法定：第5天遇休息日顺延到下一个工作日（默认）</option>
                  <option value="calendar" ${settings.deadlineRule === "calendar" ? "selected" : ""}>自然日：第5天24时，不顺延</option>
                </select></label
              >
              <p class="muted">改了只对以后收到的申报有效，已告知群众的期限不变。</p>
              <label
                >夜里到点的提醒改在早上几点发（21时到次日8时不发任何消息）
                <input name="noticeTime" type="time" min="08:00" max="20:59" required value="${settings.noticeTime}"
              /></label>
              <button type="submit" class="primary">保存本县设置</button>
            </form>
          </section>`
        : ""
    }`;
  $("#county-settings")?.addEventListener("submit", async (e) => {
    e.preventDefault();
    const form = e.target;
    const f = formData(form);
    try {
      const saved = await api("PUT", "/api/county-settings", { body: { deadlineRule: f.deadlineRule, noticeTime: f.noticeTime } });
      await holidaysPage(main, { me, config, params });
      notice(
        $("#msg"),
        "ok",
        `已保存：期限按${saved.deadlineRule === "statutory" ? "法定（遇休息日顺延）" : "自然日"}计算，夜里的提醒改在${saved.noticeTime}发`,
      );
    } catch (err) {
      showFormErrors(form, $("#msg"), err);
    }
  });
  $("#year").addEventListener("change", (e) => (location.hash = `#/holidays?year=${e.target.value}`));
  $("#enter")?.addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = formData(e.target);
    try {
      const saved = await api("PUT", `/api/calendar/holidays/${year}`, {
        body: { source: f.source, restDays: daysOf(f.restDays), workingDays: daysOf(f.workingDays) },
      });
      await holidaysPage(main, { me, config, params });
      notice($("#msg"), "ok", `已保存${year}年安排（第${saved.version}版）${saved.deadlinesMoved ? `，${saved.deadlinesMoved}条申报的办理期限已顺延` : ""}`);
    } catch (err) {
      notice($("#msg"), "error", err.message);
    }
  });
}
