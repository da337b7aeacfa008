import { get, patch, post } from "../api.js";
import { children } from "../areas.js";
import { $, chinaDate, clearFormErrors, formData, html, notice, showFormErrors } from "../dom.js";
import { REMINDER_AUDIENCE_LABELS } from "../generated/constants.js";

/** Where the server's field names sit in the rule form (schedule.* are the period's inputs). */
const RULE_FIELDS = { audiences: "audience", schedule: "kind" };
const CAMPAIGN_FIELDS = { areaCodes: "area" };

const AUDIENCES = REMINDER_AUDIENCE_LABELS;
const RULE_AUDIENCES = Object.entries(AUDIENCES).filter(([a]) => a !== "farmers");
const LEDGER = { sent: "已发送", missed: "错过未发", cancelled: "已取消" };
const CAMPAIGN_STATUS = { active: "进行中/未开始", cancelled: "已取消" };

/** "每月1日（2日截止）" — a rule's schedule in words. */
function describeSchedule(s) {
  switch (s.kind) {
    case "monthly":
      return `每月${s.day}日${s.dueDay ? `（${s.dueDay}日截止）` : ""}`;
    case "monthly_window":
      return `每月${s.startDay}日至${s.endDay}日`;
    case "quarterly":
      return `每季度第${s.month}个月${s.day}日${s.dueDay ? `（${s.dueDay}日截止）` : ""}`;
    case "yearly":
      return `每年 ${s.dates.map((d) => `${d.on}${d.due ? `（${d.due}截止）` : ""}`).join("、")}`;
    default:
      return "";
  }
}

/** The schedule object from the rule form's fields. */
function scheduleFrom(f) {
  const n = (v) => (v === "" || v === undefined ? undefined : Number(v));
  switch (f.kind) {
    case "monthly":
      return { kind: "monthly", day: n(f.day), ...(f.dueDay ? { dueDay: n(f.dueDay) } : {}) };
    case "monthly_window":
      return { kind: "monthly_window", startDay: n(f.day), endDay: n(f.dueDay) };
    case "quarterly":
      return { kind: "quarterly", month: n(f.month), day: n(f.day), ...(f.dueDay ? { dueDay: n(f.dueDay) } : {}) };
    default:
      // "07-01>07-15, 12-01>12-15": a reminder day and, after ">", its deadline
      return {
        kind: "yearly",
        dates: f.dates
          .split(/[,，、\s]+/)
          .filter(Boolean)
          .map((d) => {
            const [on, due] = d.split(/[>＞]/);
            return due ? { on, due } : { on };
          }),
      };
  }
}

/** The county's rhythm: screening campaigns, recurring reminder rules and the coming calendar. */
export async function rhythmPage(main, { me, config }) {
  const townships = await children(me.area.code);
  main.innerHTML = html` <h1>排查与提醒</h1>
    <div id="msg"></div>
    <section class="panel">
      <h2>集中排查</h2>
      <div id="campaigns"></div>
      <form id="campaign" class="stack" novalidate>
        <h3 id="campaign-title">新建集中排查</h3>
        <label>名称 <input name="name" required maxlength="64" placeholder="例如：2026年下半年防止返贫集中排查" /></label>
        <div class="filters">
          <label>开始日期 <input type="date" name="firstDay" required /></label><label>结束日期 <input type="date" name="lastDay" required /></label>
        </div>
        <fieldset>
          <legend>范围（不选则为全县）</legend>
          <div class="checks">${townships.map((t) => html`<label><input type="checkbox" name="area" value="${t.code}" /> ${t.name}</label>`)}</div>
        </fieldset>
        <div class="buttons">
          <button type="submit" class="primary" id="campaign-save">创建</button><button type="button" id="campaign-cancel-edit" hidden>取消修改</button>
        </div>
      </form>
    </section>
    <section class="panel">
      <h2>定期提醒规则</h2>
      <div id="rules"></div>
      <form id="rule" class="stack" novalidate>
        <h3 id="rule-title">新建提醒规则</h3>
        <label>代号（小写字母、数字、下划线） <input name="code" required pattern="[a-z][a-z0-9_]{2,39}" /></label>
        <label>名称 <input name="title" required maxlength="64" /></label>
        <div class="filters">
          <label
            >周期
            <select name="kind">
              <option value="monthly">每月</option>
              <option value="monthly_window">每月时段</option>
              <option value="quarterly">每季度</option>
              <option value="yearly">每年固定日期</option>
            </select></label
          >
          <label data-for="quarterly"
            >季度内第几个月
            <select name="month">
              <option>1</option>
              <option>2</option>
              <option>3</option>
            </select></label
          >
          <label data-for="monthly monthly_window quarterly"
            ><span data-label="day">提醒日</span> <input type="number" name="day" min="1" max="31" value="1"
          /></label>
          <label data-for="monthly monthly_window quarterly"
            ><span data-label="due">截止日（可不填）</span> <input type="number" name="dueDay" min="1" max="31"
          /></label>
          <label data-for="yearly">日期（MM-DD&gt;截止，多个用逗号） <input name="dates" placeholder="07-01>07-15, 12-01>12-15" /></label>
        </div>
        <fieldset>
          <legend>提醒对象</legend>
          <div class="checks">${RULE_AUDIENCES.map(([a, l]) => html`<label><input type="checkbox" name="audience" value="${a}" /> ${l}</label>`)}</div>
        </fieldset>
        <label>提醒内容（可用 {date} {due} {month} {quarter}） <textarea name="template" required maxlength="500"></textarea></label>
        <label class="inline"><input type="checkbox" name="holidayShift" /> 遇节假日顺延到下一个工作日</label>
        <div class="buttons">
          <button type="submit" class="primary" id="rule-save">创建</button><button type="button" id="rule-cancel-edit" hidden>取消修改</button>
        </div>
      </form>
    </section>
    <section class="panel">
      <h2>接下来60天的提醒</h2>
      <div id="calendar"></div>
    </section>`;
  const msg = $("#msg");
  const fail = (err) => {
    notice(msg, "error", err.message);
    msg.scrollIntoView();
  };

  // campaigns
  const campaignForm = $("#campaign");
  let editingCampaign = null;
  const editCampaign = (c) => {
    editingCampaign = c;
    $("#campaign-title").textContent = c ? `修改：${c.name}` : "新建集中排查";
    $("#campaign-save").textContent = c ? "保存修改" : "创建";
    $("#campaign-cancel-edit").hidden = !c;
    campaignForm.reset();
    if (!c) return;
    campaignForm.name.value = c.name;
    campaignForm.firstDay.value = c.firstDay;
    campaignForm.lastDay.value = c.lastDay;
    const codes = c.areas.map((a) => a.code);
    campaignForm.querySelectorAll("input[name=area]").forEach((box) => (box.checked = codes.includes(box.value)));
  };
  $("#campaign-cancel-edit").addEventListener("click", () => editCampaign(null));
  async function listCampaigns() {
    const { items } = await get("/api/campaigns");
    $("#campaigns").innerHTML = items.length
      ? html`<table class="grid" id="campaign-list">
          <thead>
            <tr>
              <th>名称</th>
              <th>范围</th>
              <th>时间</th>
              <th>状态</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            ${items.map(
              (c) =>
                html`<tr data-id="${c.id}" class="${c.status === "cancelled" ? "locked" : ""}">
                  <td>${c.name}</td>
                  <td>${c.areas.map((a) => a.name).join("、")}</td>
                  <td>${c.firstDay} 至 ${c.lastDay}</td>
                  <td>${CAMPAIGN_STATUS[c.status] ?? c.status}</td>
                  <td>
                    ${c.status === "cancelled" || c.lastDay < config.today ? "" : html`<button type="button" data-act="edit">修改</button> <button type="button" data-act="cancel">取消排查</button>`}
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>`
      : html`<p class="muted">还没有集中排查。</p>`;
    $("#campaigns")
      .querySelectorAll("button[data-act]")
      .forEach((b) =>
        b.addEventListener("click", async () => {
          const c = items.find((x) => String(x.id) === b.closest("tr").dataset.id);
          if (b.dataset.act === "edit") return editCampaign(c);
          const reason = prompt(`取消“${c.name}”？取消后不再发送它的提醒。可填写原因：`, "");
          if (reason === null) return;
          try {
            await post(`/api/campaigns/${c.id}/cancel`, reason ? { reason } : {});
            await Promise.all([listCampaigns(), listCalendar()]);
            notice(msg, "ok", "已取消这次排查");
          } catch (err) {
            fail(err);
          }
        }),
      );
  }
  campaignForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = formData(campaignForm);
    const areas = [...campaignForm.querySelectorAll("input[name=area]:checked")].map((b) => b.value);
    const body = {
      name: f.name,
      firstDay: f.firstDay,
      lastDay: f.lastDay,
      ...(areas.length ? { areaCodes: areas } : editingCampaign ? { areaCodes: [me.area.code] } : {}),
    };
    try {
      if (editingCampaign) await patch(`/api/campaigns/${editingCampaign.id}`, body);
      else await post("/api/campaigns", body);
      const done = editingCampaign ? "已保存修改，提醒按新日期安排" : "已创建，提醒会按计划自动发送";
      editCampaign(null);
      clearFormErrors(campaignForm);
      await Promise.all([listCampaigns(), listCalendar()]);
      notice(msg, "ok", done);
    } catch (err) {
      showFormErrors(campaignForm, msg, err, (field) => campaignForm.querySelector(`[name="${CAMPAIGN_FIELDS[field.split(".")[0]] ?? field.split(".")[0]}"]`));
    }
  });

  // rules
  const ruleForm = $("#rule");
  let editingRule = null;
  const syncKind = () => {
    const kind = ruleForm.kind.value;
    ruleForm.querySelectorAll("[data-for]").forEach((el) => (el.hidden = !el.dataset.for.split(" ").includes(kind)));
    ruleForm.querySelector("[data-label=day]").textContent = kind === "monthly_window" ? "开始日" : "提醒日";
    ruleForm.querySelector("[data-label=due]").textContent = kind === "monthly_window" ? "结束日" : "截止日（可不填）";
  };
  ruleForm.kind.addEventListener("change", syncKind);
  syncKind();
  const editRule = (r) => {
    editingRule = r;
    $("#rule-title").textContent = r ? `修改：${r.title}` : "新建提醒规则";
    $("#rule-save").textContent = r ? "保存修改" : "创建";
    $("#rule-cancel-edit").hidden = !r;
    ruleForm.reset();
    ruleForm.code.disabled = !!r;
    if (r) {
      const s = r.schedule;
      ruleForm.code.value = r.code;
      ruleForm.title.value = r.title;
      ruleForm.kind.value = s.kind;
      if (s.kind === "yearly") ruleForm.dates.value = s.dates.map((d) => (d.due ? `${d.on}>${d.due}` : d.on)).join(", ");
      else {
        ruleForm.day.value = s.day ?? s.startDay ?? "";
        ruleForm.dueDay.value = s.dueDay ?? s.endDay ?? "";
        if (s.month) ruleForm.month.value = String(s.month);
      }
      ruleForm.querySelectorAll("input[name=audience]").forEach((box) => (box.checked = r.audiences.includes(box.value)));
      ruleForm.template.value = r.template;
      ruleForm.holidayShift.checked = r.holidayShift;
    }
    syncKind();
  };
  $("#rule-cancel-edit").addEventListener("click", () => editRule(null));
  async function listRules() {
    const { items } = await get("/api/rules");
    $("#rules").innerHTML = html`<table class="grid" id="rule-list">
      <thead>
        <tr>
          <th>名称</th>
          <th>时间</th>
          <th>对象</th>
          <th>内容</th>
          <th>状态</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        ${items.map(
          (r) =>
            html`<tr data-id="${r.id}" class="${r.enabled ? "" : "locked"}">
              <td>${r.title}</td>
              <td>${describeSchedule(r.schedule)}${r.holidayShift ? "，遇节假日顺延" : ""}</td>
              <td>${r.audiences.map((a) => AUDIENCES[a] ?? a).join("、")}</td>
              <td class="text">${r.template}</td>
              <td>${r.enabled ? "启用" : html`<span class="badge">已停用</span>`}</td>
              <td><button type="button" data-act="edit">修改</button> <button type="button" data-act="toggle">${r.enabled ? "停用" : "启用"}</button></td>
            </tr>`,
        )}
      </tbody>
    </table>`;
    $("#rules")
      .querySelectorAll("button[data-act]")
      .forEach((b) =>
        b.addEventListener("click", async () => {
          const r = items.find((x) => String(x.id) === b.closest("tr").dataset.id);
          if (b.dataset.act === "edit") return editRule(r);
          try {
            await patch(`/api/rules/${r.id}`, { enabled: !r.enabled });
            await Promise.all([listRules(), listCalendar()]);
            notice(msg, "ok", r.enabled ? `已停用“${r.title}”` : `已启用“${r.title}”`);
          } catch (err) {
            fail(err);
          }
        }),
      );
  }
  ruleForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = formData(ruleForm);
    const audiences = [...ruleForm.querySelectorAll("input[name=audience]:checked")].map((b) => b.value);
    const body = { title: f.title, schedule: scheduleFrom(f), audiences, template: f.template, holidayShift: ruleForm.holidayShift.checked };
    try {
      if (editingRule) await patch(`/api/rules/${editingRule.id}`, body);
      else await post("/api/rules", { code: f.code, ...body });
      const done = editingRule ? "已保存修改" : "已创建提醒规则";
      editRule(null);
      clearFormErrors(ruleForm);
      await Promise.all([listRules(), listCalendar()]);
      notice(msg, "ok", done);
    } catch (err) {
      showFormErrors(ruleForm, msg, err, (field) => ruleForm.querySelector(`[name="${RULE_FIELDS[field.split(".")[0]] ?? field.split(".")[0]}"]`));
    }
  });

  // calendar
  async function listCalendar() {
    const to = chinaDate(new Date(Date.parse(`${config.today}T00:00:00+08:00`) + 60 * 86_400_000).toISOString());
    const { items } = await get("/api/calendar", { from: config.today, to });
    $("#calendar").innerHTML = items.length
      ? html`<table class="grid" id="calendar-list">
          <thead>
            <tr>
              <th>日期</th>
              <th>事项</th>
              <th>内容</th>
              <th>发给</th>
            </tr>
          </thead>
          <tbody>
            ${items.map(
              (o) =>
                html`<tr>
                  <td>${o.day}${o.shiftedFrom ? html`<br /><small class="muted">由${o.shiftedFrom}顺延</small>` : ""}</td>
                  <td>${o.title}</td>
                  <td class="text">${o.text}</td>
                  <td>
                    ${o.audiences.map((a) => html`<div>${a.label}${a.status ? html` <span class="badge">${LEDGER[a.status] ?? a.status}</span>` : ""}</div>`)}
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>`
      : html`<p class="muted">接下来60天没有提醒。</p>`;
  }

  await Promise.all([listCampaigns(), listRules(), listCalendar()]);
}
