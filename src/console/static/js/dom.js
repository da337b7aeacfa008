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
