// Small helpers for building pages from template strings, always escaping data.

const ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const esc = (v) => String(v ?? "").replace(/[&<>"']/g, (c) => ESC[c]);

/** Markup that is already safe: nested html`` results and raw() strings are not escaped again. */
class Markup {
  constructor(text) {
    this.text = text;
  }
  toString() {
    return this.text;
  }
}

/** Tagged template: interpolated values are escaped unless they are Markup (html`` or raw()). */
export function html(strings, ...values) {
  return new Markup(strings.reduce((out, s, i) => out + s + (i < values.length ? show(values[i]) : ""), ""));
}
export const raw = (s) => new Markup(String(s));
function show(v) {
  if (v instanceof Markup) return v.text;
  if (Array.isArray(v)) return v.map(show).join("");
  return esc(v);
}

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

/** "2026-03-02 10:00" in China time, whatever the browser's time zone. */
export function chinaTime(iso) {
  if (!iso) return "";
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ");
}
export const chinaDate = (iso) => chinaTime(iso).slice(0, 10);

/** A message box at the top of an element: kind is "error", "ok" or "info". */
export function notice(el, kind, text) {
  el.innerHTML = text ? html`<div class="notice ${kind}" role="${kind === "error" ? "alert" : "status"}">${text}</div>` : "";
}

export function formData(form) {
  return Object.fromEntries([...new FormData(form).entries()].map(([k, v]) => [k, typeof v === "string" ? v.trim() : v]));
}

/**
 * A refused form, shown where the eye is: every problem under its own field (in Chinese, from
 * the server's issues), all of them listed in `msg`, and the page scrolled to the first one.
 * `locate(field)` finds the control of a field path ("faq.2.answer"); unknown ones stay in the list.
 */
export function showFormErrors(form, msg, err, locate = (field) => form.querySelector(`[name="${field.split(".")[0]}"]`)) {
  clearFormErrors(form);
  const issues = err.details?.issues ?? (err.details?.field ? [{ field: err.details.field, label: "", message: err.message }] : []);
  const placed = [];
  for (const issue of issues) {
    const control = issue.field ? locate(issue.field) : null;
    if (!control) continue;
    // a group of boxes is answered under the whole group, not after its first box
    const anchor = (["checkbox", "radio"].includes(control.type) ? control.closest("fieldset") : null) ?? control.closest("label, fieldset") ?? control;
    control.setAttribute("aria-invalid", "true");
    anchor.insertAdjacentHTML(
      "afterend",
      String(html`<p class="field-error" role="alert" data-field="${issue.field}">${issue.label ? `${issue.label}：` : ""}${issue.message}</p>`),
    );
    placed.push(control);
  }
  const sentences = issues.length ? [...new Set(issues.map((i) => (i.label ? `${i.label}：${i.message}` : i.message)))] : [err.message];
  msg.innerHTML = String(
    html`<div class="notice error" role="alert">
      ${
        sentences.length > 1
          ? html`有${sentences.length}处需要修改：
              <ol>
                ${sentences.map((s) => html`<li>${s}</li>`)}
              </ol>`
          : sentences[0]
      }
    </div>`,
  );
  const first = placed[0];
  if (first) {
    first.scrollIntoView({ block: "center" });
    first.focus({ preventScroll: true });
  } else msg.scrollIntoView({ block: "center" });
}

export function clearFormErrors(form) {
  form.querySelectorAll(".field-error").forEach((p) => p.remove());
  form.querySelectorAll("[aria-invalid]").forEach((c) => c.removeAttribute("aria-invalid"));
}

/** 上一页 · 第 n/m 页 · 下一页 for a list whose filters live in the address (#/<page>?…&page=n). */
export function pager(pageName, params, res) {
  const pages = Math.max(1, Math.ceil(res.total / res.pageSize));
  const page = res.page;
  const link = (n) => {
    const q = new URLSearchParams(params);
    q.set("page", String(n));
    return `#/${pageName}?${q}`;
  };
  return html`<p class="pager">
    ${page > 1 ? html`<a href="${link(page - 1)}">上一页</a>` : ""} 第 ${page}/${pages} 页 ${page < pages ? html`<a href="${link(page + 1)}">下一页</a>` : ""}
  </p>`;
}
