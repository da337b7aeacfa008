import { get, patch, post } from "../api.js";
import { areaPicker } from "../areas.js";
import { $, formData, html, notice } from "../dom.js";
import { AREA_PREFIX_LENGTH, DEPARTMENT_LABELS, ROLE_LABELS, ROLE_RANK } from "../generated/constants.js";

/** The roles an account may be given here, in this order, and the level of area each works at. */
const ROLES = [
  ["village_cadre", "village"],
  ["grid_worker", "village"],
  ["township", "township"],
  ["department", "county"],
  ["county", "county"],
].map(([role, level]) => [role, ROLE_LABELS[role], level]);

/** Staff accounts of the officer's area: create, re-scope, reset a password, lock. */
export async function staffPage(main, { me }) {
  const roles = ROLES.filter(([r]) => ROLE_RANK[r] <= ROLE_RANK[me.role]);
  main.innerHTML = html` <h1>账号管理</h1>
    <div id="msg"></div>
    <section class="panel">
      <h2 id="form-title">新建账号</h2>
      <form id="create" class="filters">
        <label>姓名或称呼 <input name="displayName" required maxlength="64" /></label>
        <label>手机号 <input name="phone" required inputmode="numeric" maxlength="11" /></label>
        <label
          >角色
          <select name="role">
            ${roles.map(([v, l]) => html`<option value="${v}">${l}</option>`)}
          </select></label
        >
        <label id="dept" hidden
          >部门
          <select name="department">
            ${Object.entries(DEPARTMENT_LABELS).map(([v, l]) => html`<option value="${v}">${l}</option>`)}
          </select></label
        >
        <span id="area"></span>
        <button type="submit" class="primary" id="save">创建</button>
        <button type="button" id="cancel" hidden>取消修改</button>
      </form>
    </section>
    <section class="panel">
      <h2>本区域的账号</h2>
      <div id="list"></div>
    </section>`;
  const msg = $("#msg");
  const form = $("#create");
  let picker = await areaPicker($("#area"), me.area.code, { allLabel: "请选择" });
  const roleLevel = () => ROLES.find(([r]) => r === form.role.value)[2];
  const syncRole = () => ($("#dept").hidden = form.role.value !== "department");
  form.role.addEventListener("change", syncRole);
  syncRole();

  /** The area code for the chosen role: the county itself for county roles, else the picked township or village. */
  const areaFor = (level) => {
    const code = picker.value();
    if (level === "county") return me.area.code.slice(0, AREA_PREFIX_LENGTH.county).padEnd(12, "0");
    if (level === "township") return code.slice(0, AREA_PREFIX_LENGTH.township).padEnd(12, "0");
    return code;
  };

  /** While set, the form edits this account (name, role, area) instead of creating one. */
  let editing = null;
  const setEditing = async (account) => {
    editing = account;
    $("#form-title").textContent = account ? `修改账号：${account.displayName}` : "新建账号";
    $("#save").textContent = account ? "保存修改" : "创建";
    $("#cancel").hidden = !account;
    form.phone.disabled = !!account;
    form.phone.required = !account;
    if (account) {
      form.displayName.value = account.displayName;
      form.phone.value = account.phone;
      form.role.value = account.role;
      if (account.department) form.department.value = account.department;
    } else form.reset();
    syncRole();
    picker = await areaPicker($("#area"), me.area.code, { allLabel: "请选择", selected: account?.area?.code ?? "" });
  };
  $("#cancel").addEventListener("click", () => setEditing(null));

  const showPassword = (who, password) => notice(msg, "ok", `${who}的一次性密码：${password}（只显示这一次，请当面或电话告诉本人）`);

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = formData(form);
    const level = roleLevel();
    const areaCode = areaFor(level);
    if (level === "village" && areaCode.endsWith("000")) return notice(msg, "error", "村干部和网格员的账号请选到具体的村");
    if (level === "township" && areaCode.endsWith("000000")) return notice(msg, "error", "乡镇干部的账号请选择乡镇");
    const dept = f.role === "department" ? { department: f.department } : {};
    try {
      if (editing) {
        await patch(`/api/staff/${editing.id}`, { displayName: f.displayName, role: f.role, areaCode, ...dept });
        await setEditing(null);
        await list();
        return notice(msg, "ok", "已保存修改");
      }
      const res = await post("/api/staff", { displayName: f.displayName, phone: f.phone, role: f.role, areaCode, ...dept });
      await setEditing(null);
      await list();
      showPassword(res.account.displayName, res.oneTimePassword);
    } catch (err) {
      notice(msg, "error", err.message);
    }
  });

  async function list() {
    const { items } = await get("/api/staff");
    $("#list").innerHTML = html`<table class="grid" id="staff">
      <thead>
        <tr>
          <th>姓名</th>
          <th>角色</th>
          <th>区域</th>
          <th>手机号</th>
          <th>微信</th>
          <th>状态</th>
          <th>操作</th>
        </tr>
      </thead>
      <tbody>
        ${items.map(
          (a) =>
            html`<tr data-id="${a.id}" class="${a.locked ? "locked" : ""}">
              <td>${a.displayName}</td>
              <td>${a.roleLabel}</td>
              <td>${a.area?.name ?? ""}</td>
              <td>${a.phone}</td>
              <td>${a.wechatLinked ? "已关联" : html`<span class="badge amber" title="没关联微信就收不到新申报和到期提醒">未关联</span>`}</td>
              <td>
                ${a.locked ? html`<span class="badge red">已停用</span>` : a.mustChangePassword ? html`<span class="muted">还没改临时密码</span>` : "正常"}
              </td>
              <td>
                ${
                  a.id === me.id || ROLE_RANK[a.role] > ROLE_RANK[me.role]
                    ? ""
                    : html` <button type="button" data-act="edit">修改</button>
                        <button type="button" data-act="reset" data-name="${a.displayName}">重置密码</button>
                        <button type="button" data-act="${a.locked ? "unlock" : "lock"}">${a.locked ? "启用" : "停用"}</button>`
                }
              </td>
            </tr>`,
        )}
      </tbody>
    </table>`;
    $("#list")
      .querySelectorAll("button[data-act]")
      .forEach((b) =>
        b.addEventListener("click", async () => {
          const id = b.closest("tr").dataset.id;
          const act = b.dataset.act;
          if (act === "edit") {
            await setEditing(items.find((a) => a.id === id));
            return form.scrollIntoView();
          }
          if (act === "lock" && !confirm("停用后此人将不能登录，确定吗？")) return;
          try {
            const res = await patch(`/api/staff/${id}`, act === "reset" ? { resetPassword: true } : { locked: act === "lock" });
            await list();
            if (res.oneTimePassword) showPassword(b.dataset.name, res.oneTimePassword);
            else notice(msg, "ok", act === "lock" ? "已停用" : "已启用");
          } catch (err) {
            notice(msg, "error", err.message);
          }
        }),
      );
  }
  await list();
}
