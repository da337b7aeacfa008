import { post, session } from "../api.js";
import { $, html, notice } from "../dom.js";

/** A staff member changes their password; after a one-time password this page comes first. */
export async function passwordPage(main, { me, onChanged }) {
  const forced = me.mustChangePassword;
  main.innerHTML = html`<section class="panel narrow">
    <h1>修改密码</h1>
    ${forced ? html`<p class="notice info" role="status">您用的是临时密码。请先设一个自己的新密码，再继续使用工作台。</p>` : ""}
    <div id="msg"></div>
    <form id="password" class="stack" novalidate>
      <label>原密码${forced ? "（临时密码）" : ""} <input name="currentPassword" type="password" autocomplete="current-password" required /></label>
      <p class="field-error" data-for="currentPassword" role="alert" hidden></p>
      <label>新密码 <input name="newPassword" type="password" autocomplete="new-password" minlength="8" required /></label>
      <p class="muted">至少8位，要同时有字母和数字。</p>
      <p class="field-error" data-for="newPassword" role="alert" hidden></p>
      <label>再输一次新密码 <input name="again" type="password" autocomplete="new-password" required /></label>
      <p class="field-error" data-for="again" role="alert" hidden></p>
      <button type="submit" class="primary">保存新密码</button>
    </form>
  </section>`;
  const form = $("#password");
  const msg = $("#msg");
  const fieldError = (field, text) => {
    const el = form.querySelector(`.field-error[data-for="${field}"]`);
    el.textContent = text;
    el.hidden = false;
    form[field].focus();
    el.scrollIntoView({ block: "center" });
  };
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    form.querySelectorAll(".field-error").forEach((el) => (el.hidden = true));
    notice(msg, "", "");
    const currentPassword = form.currentPassword.value;
    const newPassword = form.newPassword.value;
    if (!currentPassword) return fieldError("currentPassword", "请填写原密码");
    if (newPassword !== form.again.value) return fieldError("again", "两次输入的新密码不一样");
    try {
      const res = await post("/api/me/password", { currentPassword, newPassword });
      session.set(res.token);
      form.reset();
      notice(msg, "ok", "新密码已保存。其他地方登录的这个账号已退出。");
      onChanged?.();
    } catch (err) {
      const field = err.details?.field ?? err.details?.issues?.[0]?.field;
      if (field === "currentPassword" || field === "newPassword") fieldError(field, err.message);
      else notice(msg, "error", err.message);
    }
  });
}
