import { api, get, post } from "../api.js";
import { areaPicker } from "../areas.js";
import { $, chinaTime, formData, html, notice } from "../dom.js";

/** WeChat groups bound to villages (the bot posts village notices there), and the officer's own WeChat link. */
export async function groupsPage(main, { me }) {
  main.innerHTML = html`
    <h1>微信群</h1>
    <div id="msg"></div>
    <section class="panel">
      <h2>已绑定的村微信群</h2>
      <p class="muted">机器人只在绑定了村的群里发本村的提醒（不含任何人的姓名、电话、身份证号）。群编号由机器人在群里回复“绑定本群”时给出。</p>
      <div id="groups"></div>
    </section>
    <section class="panel">
      <h2>绑定一个群</h2>
      <form id="bind" class="filters">
        <label>群编号 <input name="roomId" required maxlength="128"></label>
        <span id="area"></span>
        <button type="submit" class="primary">绑定</button>
      </form>
    </section>
    <section class="panel">
      <h2>把我的微信和账号关联</h2>
      <p class="muted">关联后，机器人会把督办和汇总消息私信发给您。点下面的按钮取得一次性验证码，再私信机器人“绑定账号 验证码”。</p>
      <button type="button" id="link-code">取得验证码</button> <span id="code"></span>
    </section>`;
  const msg = $("#msg");
  const picker = await areaPicker($("#area"), me.area.code, { allLabel: "请选择" });

  async function list() {
    const { items } = await get("/api/bot/groups");
    $("#groups").innerHTML = items.length
      ? html`<table class="grid" id="group-list"><thead><tr><th>村</th><th>群编号</th><th>绑定时间</th><th></th></tr></thead>
        <tbody>${items.map((g) => html`<tr data-room="${g.roomId}"><td>${g.village.name}</td><td>${g.roomId}</td><td>${chinaTime(g.boundAt)}</td><td><button type="button" data-act="unbind">解绑</button></td></tr>`)}</tbody></table>`
      : html`<p class="muted">还没有绑定的群。</p>`;
    $("#groups").querySelectorAll("button[data-act=unbind]").forEach((b) =>
      b.addEventListener("click", async () => {
        const room = b.closest("tr").dataset.room;
        if (!confirm("解绑后机器人不再向这个群发送本村提醒，确定吗？")) return;
        try {
          await api("DELETE", `/api/bot/groups/${encodeURIComponent(room)}`);
          await list();
          notice(msg, "ok", "已解绑");
        } catch (err) {
          notice(msg, "error", err.message);
        }
      }),
    );
  }

  $("#bind").addEventListener("submit", async (e) => {
    e.preventDefault();
    const villageCode = picker.value();
    if (villageCode.endsWith("000")) return notice(msg, "error", "请选到具体的村");
    try {
      const g = await post("/api/bot/groups", { roomId: formData(e.target).roomId, villageCode });
      e.target.reset();
      await list();
      notice(msg, "ok", `已把群绑定到${g.village.name}`);
    } catch (err) {
      notice(msg, "error", err.message);
    }
  });

  $("#link-code").addEventListener("click", async () => {
    try {
      const c = await post("/api/bot/link-code", {});
      $("#code").innerHTML = html`验证码 <b id="code-value">${c.code}</b>，${chinaTime(c.expiresAt)} 前有效`;
    } catch (err) {
      notice(msg, "error", err.message);
    }
  });

  await list();
}
