import { post, session } from "../api.js";
import { $, formData, html, notice } from "../dom.js";

/** Sign in by phone and password; while demo data is on, a demo account may be picked. */
export function signInPage(main, config) {
  const demo = config.demoAccounts ?? [];
  main.innerHTML = html`<section class="panel narrow">
    <h1>工作人员登录</h1>
    <div id="msg"></div>
    <form id="signin" class="stack">
      <label>手机号 <input name="phone" inputmode="numeric" autocomplete="username" maxlength="11" required /></label>
      <label>密码 <input name="password" type="password" autocomplete="current-password" required /></label>
      <button type="submit" class="primary">登录</button>
    </form>
    ${
      demo.length
        ? html`<h2>演示账号</h2>
            <p class="muted">演示数据开启时可直接选择演示账号登录。</p>
            <div class="demo-list">
              ${demo.map((a) => html`<button type="button" class="demo" data-username="${a.username}">${a.displayName}<small>${a.roleLabel}${a.mayUseConsole ? "" : "（不能用工作台）"}</small></button>`)}
            </div>`
        : ""
    }
  </section>`;
  const msg = $("#msg");
  const done = (res) => {
    session.set(res.token);
    // after a one-time password the shell shows only the page that replaces it
    location.hash = res.mustChangePassword ? "#/password" : "#/dashboard";
  };
  $("#signin").addEventListener("submit", async (e) => {
    e.preventDefault();
    const { phone, password } = formData(e.target);
    try {
      done(await post("/api/auth/staff", { phone, password }));
    } catch (err) {
      notice(msg, "error", err.message);
    }
  });
  main.querySelectorAll("button.demo").forEach((b) =>
    b.addEventListener("click", async () => {
      try {
        done(await post("/api/auth/demo", { username: b.dataset.username }));
      } catch (err) {
        notice(msg, "error", err.message);
      }
    }),
  );
}
