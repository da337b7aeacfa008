import { get, post } from "../api.js";
import { $, chinaDate, chinaTime, formData, html, notice, showFormErrors } from "../dom.js";
import { CHANNEL_LABELS, DEPARTMENT_LABELS, OPINION_KINDS, OPINIONS_NEEDING_REASON, ROLE_LABELS } from "../generated/constants.js";
import { dueBadge } from "./reports.js";

/** Each opinion in an officer's short words; the kinds and which need a reason are the server's. */
const OPINION_WORDS = {
  propose_monitoring: "拟纳入监测",
  not_eligible: "不符合条件",
  already_assisted: "已落实帮扶",
  transferred: "转交行业部门",
  duplicate: "与之前的申报重复",
};
const OPINIONS = OPINION_KINDS.map((kind) => [kind, `${OPINION_WORDS[kind] ?? kind}${OPINIONS_NEEDING_REASON.includes(kind) ? "（须写理由）" : ""}`]);

/**
 * Which moves the signed-in account may make now: the server's state machine (config.reportMoves)
 * for the plain moves; whether this account may answer, take over, send back or reveal this report
 * is the report's own answer (mayGiveOpinion, mayTakeOver, maySendBack, mayReveal). The server checks again.
 */
function movesFor(role, r, moves) {
  const may = (action) => Boolean(moves?.[action]?.roles.includes(role) && moves[action].from.includes(r.status));
  return {
    accept: may("accept"),
    visit: may("visit"),
    opinion: r.mayGiveOpinion === true,
    transfer: may("transfer"),
    close: may("close"),
    takeOver: r.mayTakeOver === true,
    sendBack: r.maySendBack === true,
    reveal: r.mayReveal === true,
  };
}

/** One report with its whole timeline and what the signed-in officer may do with it. */
export async function reportPage(main, { me, config, id, reveal = false }) {
  const r = await get(`/api/reports/${id}`, reveal ? { reveal: "true" } : undefined);
  const can = movesFor(me.role, r, config.reportMoves);
  main.innerHTML = html` <p><a href="#/reports">← 返回申报列表</a></p>
    <h1>申报 <span class="number">${r.number}</span> ${r.overdue ? html`<span class="badge red">超期</span>` : ""}</h1>
    <div id="msg"></div>
    <section class="panel">
      <dl class="facts">
        <dt>状态</dt>
        <dd id="status">${r.statusLabel}</dd>
        <dt>村</dt>
        <dd>${r.village.name}</dd>
        <dt>户主</dt>
        <dd>${r.household.name}</dd>
        <dt>电话</dt>
        <dd id="phone">
          ${r.household.phone}
          ${can.reveal && !reveal ? html` <button type="button" class="link" id="reveal" title="查看会记入审计日志">查看完整号码</button>` : ""}
        </dd>
        <dt>身份证号</dt>
        <dd>${r.household.idNumber ?? "未填"}</dd>
        <dt>谁报的</dt>
        <dd id="reporter">${r.relationLabel ?? r.relation}${r.reporter?.phone ? `，电话 ${r.reporter.phone}` : ""}</dd>
        <dt>风险类型</dt>
        <dd id="risk-types">
          ${r.riskTypeLabels.join("、")}
          ${r.riskTypeAddedLabels?.length ? html` <span class="badge" title="同一户后来又报的情况">追加：${r.riskTypeAddedLabels.join("、")}</span>` : ""}
        </dd>
        <dt>情况说明</dt>
        <dd>${r.description || "—"}</dd>
        <dt>渠道</dt>
        <dd>${CHANNEL_LABELS[r.channel] ?? r.channel}</dd>
        <dt>收到</dt>
        <dd id="received">${chinaTime(r.receivedAt)}${r.enteredAt ? html` <span class="badge">补录，录入于 ${chinaTime(r.enteredAt)}</span>` : ""}</dd>
        <dt>办理期限</dt>
        <dd>${chinaDate(new Date(Date.parse(r.dueAt) - 1).toISOString())} 24:00 前 ${dueBadge(r)}</dd>
        ${
          r.transferredAt
            ? html`<dt>转交日期</dt>
                <dd id="transferred">${chinaTime(r.transferredAt)}（办理期限从转交之日起重新计算）</dd>`
            : ""
        }
        <dt>办理意见</dt>
        <dd>${r.opinion ? `${r.opinion.label}${r.opinion.reason ? `：${r.opinion.reason}` : ""}（${chinaTime(r.opinion.at)}）` : "尚未提出"}</dd>
      </dl>
    </section>
    <section class="panel" id="actions">
      <h2>办理</h2>
      ${me.role === "township" && r.overdue ? html`<p class="notice info">这条申报已超期，乡镇可以直接接手：受理、核查并提出办理意见。</p>` : ""}
      ${can.takeOver ? html`<p class="notice info">这条申报已超过办理期限。县里可以接手办理（由县里提出办理意见）${can.sendBack ? "，或退回村里重新计算5天期限" : ""}。</p>` : ""}
      <div class="buttons">
        ${can.accept ? html`<button type="button" data-move="accept" class="primary">受理（接手办理）</button>` : ""}
        ${can.takeOver ? html`<button type="button" data-move="take-over" class="primary">接手办理</button>` : ""}
        ${can.close ? html`<button type="button" data-move="close">办结</button>` : ""}
      </div>
      ${
        can.visit
          ? html`<form data-form="visit" class="stack">
              <h3>记录上门核查</h3>
              <label>核查情况 <textarea name="note" required maxlength="1000"></textarea></label><button type="submit">保存核查</button>
            </form>`
          : ""
      }
      ${
        can.opinion
          ? html`<form data-form="opinion" class="stack">
              <h3>提出办理意见</h3>
              <label
                >意见
                <select name="kind">
                  ${OPINIONS.map(([v, l]) => html`<option value="${v}">${l}</option>`)}
                </select></label
              >
              <label>理由 <textarea name="reason" maxlength="1000"></textarea></label>
              <label>政策依据 <input name="policyRef" maxlength="255" /></label>
              <button type="submit" class="primary">提交办理意见</button>
            </form>`
          : ""
      }
      ${
        can.transfer
          ? html`<form data-form="transfer" class="stack">
              <h3>转交行业部门</h3>
              <label
                >部门
                <select name="department">
                  ${Object.entries(DEPARTMENT_LABELS).map(([v, l]) => html`<option value="${v}">${l}</option>`)}
                </select></label
              >
              <label>原因 <input name="reason" required maxlength="500" /></label>
              <button type="submit">转交</button>
            </form>`
          : ""
      }
      ${
        can.sendBack
          ? html`<form data-form="send-back" class="stack">
              <h3>退回村里办理</h3>
              <label>退回原因 <input name="reason" required maxlength="500" /></label>
              <button type="submit">退回村里</button>
            </form>`
          : ""
      }
      <form data-form="comments" class="stack">
        <h3>内部留言</h3>
        <label>内容（农户看不到） <textarea name="text" required maxlength="1000"></textarea></label><button type="submit">留言</button>
      </form>
    </section>
    <section class="panel">
      <h2>办理记录</h2>
      <ol class="timeline" id="timeline">
        ${r.timeline.map((e) => html`<li><time>${chinaTime(e.at)}</time> <b>${e.label}</b> <span class="muted">${ROLE_LABELS[e.actorRole] ?? e.actorRole ?? ""}</span>${e.note && e.note !== e.label ? html`<div class="note">${e.note}</div>` : ""}</li>`)}
      </ol>
    </section>`;

  const msg = $("#msg");
  /** A refusal is shown at the form it answers (the opinion form sits far below the top). */
  const act = async (move, body, form) => {
    try {
      await post(`/api/reports/${id}/${move}`, body);
      await reportPage(main, { me, config, id });
      notice($("#msg"), "ok", "已保存");
    } catch (err) {
      if (!form) {
        notice(msg, "error", err.message);
        msg.scrollIntoView({ block: "center" });
        return;
      }
      let box = form.querySelector(".form-msg");
      if (!box) {
        form.insertAdjacentHTML("afterbegin", '<div class="form-msg"></div>');
        box = form.querySelector(".form-msg");
      }
      // a reason the server wants is the reason field's problem
      const details = err.code === "opinion_reason_required" ? { issues: [{ field: "reason", label: "理由", message: err.message }] } : err.details;
      showFormErrors(form, box, { ...err, message: err.message, details });
    }
  };
  main.querySelectorAll("button[data-move]").forEach((b) => b.addEventListener("click", () => act(b.dataset.move, {})));
  $("#reveal")?.addEventListener("click", () => reportPage(main, { me, config, id, reveal: true }).catch((err) => notice(msg, "error", err.message)));
  main.querySelectorAll("form[data-form]").forEach((form) =>
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const f = formData(form);
      const move = form.dataset.form;
      const body =
        move === "visit"
          ? { visitedAt: new Date(Date.now() + (config.clockOffsetMs ?? 0)).toISOString(), note: f.note }
          : move === "opinion"
            ? { kind: f.kind, ...(f.reason ? { reason: f.reason } : {}), ...(f.policyRef ? { policyRef: f.policyRef } : {}) }
            : move === "transfer"
              ? { to: "department", department: f.department, reason: f.reason }
              : move === "send-back"
                ? { reason: f.reason }
                : { text: f.text };
      act(move, body, form);
    }),
  );
}
