import { api, get, post } from "../api.js";
import { children } from "../areas.js";
import { $, $$, chinaTime, html, notice } from "../dom.js";
import { VILLAGE_STAFF_ROLES } from "../generated/constants.js";

/**
 * Village WeChat groups: how to bind one (in the group, "绑定 <绑定码>"), each village's bind
 * code, its bound groups with 解绑, and the officer's own WeChat link the bot needs.
 */
export async function groupsPage(main, { me }) {
  const villageStaff = VILLAGE_STAFF_ROLES.includes(me.role);
  const countyWide = me.area?.code?.endsWith("000000");
  main.innerHTML = html` <h1>微信群</h1>
    <div id="msg"></div>
    <section class="panel" id="how">
      <h2>三步绑定村里的微信群</h2>
      <ol class="steps">
        <li id="step-link"></li>
        <li>把机器人“一键申报助手”拉进村里的微信群。</li>
        <li>在群里发下表中的“绑定 ××××××”。机器人回复“本群已绑定到……”就好了。</li>
      </ol>
      <p class="muted">
        只有本村的村干部、网格员（微信已关联）或县农业农村局能绑定、改绑或解绑本村的群；改绑时机器人会在群里说明。机器人在群里只回答政策问题、引导私聊申报，不发任何人的姓名、电话、身份证号。
      </p>
      ${villageStaff ? html`<p class="muted">受理、核查和办理申报请在小程序里进行。</p>` : ""}
    </section>
    <section class="panel">
      <h2>${villageStaff ? "本村的绑定码和已绑定的群" : "各村的绑定码和已绑定的群"}</h2>
      ${
        countyWide
          ? html`<div class="filters">
              <label
                >乡镇
                <select id="township">
                  <option value="">已绑定群的村</option>
                </select></label
              >
            </div>`
          : ""
      }
      <div id="villages"></div>
    </section>`;
  const msg = $("#msg");
  const township = $("#township");
  if (township) {
    for (const t of await children(me.area.code)) township.add(new Option(t.name, t.code));
    township.addEventListener("change", () => list().catch((err) => notice(msg, "error", err.message)));
  }

  function showLink(linked) {
    $("#step-link").innerHTML = linked
      ? html`关联您的微信：<span class="badge green" id="wechat-linked">已关联</span> <button type="button" class="link" id="link-code">换一个微信</button>
          <span id="code"></span>`
      : html`关联您的微信：<span class="badge amber" id="wechat-linked">还没关联</span> <button type="button" class="primary" id="link-code">取得验证码</button>
          <span id="code"></span> <br /><span class="muted">取得验证码后，用您的微信私聊机器人“一键申报助手”，发“绑定账号 验证码”。</span>`;
    $("#link-code").addEventListener("click", async () => {
      try {
        const c = await post("/api/bot/link-code", {});
        $("#code").innerHTML = html`验证码 <b id="code-value">${c.code}</b>，${chinaTime(c.expiresAt)} 前有效。私聊机器人发“绑定账号 ${c.code}”。`;
      } catch (err) {
        notice(msg, "error", err.message);
      }
    });
  }

  const groupLine = (g) =>
    html`<div class="group" data-room="${g.roomId}">
      <span class="group-name">${g.topic || "（未命名的群）"}</span> <small class="muted">${chinaTime(g.boundAt)} 绑定</small>
      <button type="button" data-act="unbind">解绑</button>
    </div>`;

  async function list() {
    const { wechatLinked, villages } = await get("/api/bot/groups", township?.value ? { township: township.value } : undefined);
    showLink(wechatLinked);
    $("#villages").innerHTML = villages.length
      ? html`<table class="grid" id="village-groups">
          <thead>
            <tr>
              <th>村</th>
              <th>在群里发</th>
              <th>已绑定的群</th>
            </tr>
          </thead>
          <tbody>
            ${villages.map(
              (v) =>
                html`<tr data-village="${v.village.code}">
                  <td>${v.village.name}<br /><small class="muted">村代码 ${v.village.code}</small></td>
                  <td>${v.bindCode ? html`<b class="bind-code">绑定 ${v.bindCode}</b>` : html`<span class="muted">—</span>`}</td>
                  <td>${v.groups.length ? v.groups.map(groupLine) : html`<span class="muted">还没有绑定的群</span>`}</td>
                </tr>`,
            )}
          </tbody>
        </table>`
      : html`<p class="muted">${countyWide ? "还没有绑定群的村。选一个乡镇，查看各村的绑定码。" : "还没有绑定的群。"}</p>`;
    $$("#villages button[data-act=unbind]").forEach((b) =>
      b.addEventListener("click", async () => {
        const room = b.closest("[data-room]");
        const name = room.querySelector(".group-name").textContent;
        if (!confirm(`解绑后机器人不再在“${name}”里回答问题，确定吗？`)) return;
        try {
          await api("DELETE", `/api/bot/groups/${encodeURIComponent(room.dataset.room)}`);
          await list();
          notice(msg, "ok", `已解绑“${name}”`);
        } catch (err) {
          notice(msg, "error", err.message);
        }
      }),
    );
  }

  await list();
}
