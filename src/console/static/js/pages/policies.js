import { get, post } from "../api.js";
import { $, $$, chinaTime, formData, html, notice, showFormErrors } from "../dom.js";
import { MIN_FAQ, POLICY_AUDIENCES } from "../generated/constants.js";

/** Who a sheet is for, in words (the codes are the server's, POLICY_AUDIENCES). */
const AUDIENCE_WORDS = {
  all_households: "所有农户",
  monitored_households: "监测户",
  poverty_alleviated: "脱贫户",
  low_income: "低保、特困等低收入人口",
  students: "学生家庭",
  workers: "务工人员",
  patients: "患病家庭",
  elderly: "老年人",
  disabled: "残疾人家庭",
};

/** Policy sheets (明白纸) of the county's province: read, publish a new version, add a sheet. */
export async function policiesPage(main, { me, params }) {
  const province = me.area.code.slice(0, 2);
  const { items } = await get("/api/policies", { region: province });
  main.innerHTML = html` <h1>明白纸</h1>
    <div id="msg"></div>
    <section class="panel">
      <p class="muted">本省和全国的明白纸。修改后发布为新版本，旧版本保留；农户和机器人看到的是最新版本。</p>
      <table class="grid" id="sheet-list">
        <thead>
          <tr>
            <th>标题</th>
            <th>适用人群</th>
            <th>地区</th>
            <th>版本</th>
            <th>发布时间</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          ${items.map(
            (s) =>
              html`<tr data-id="${s.id}">
                <td>${s.title}</td>
                <td>${s.audience.map((a) => AUDIENCE_WORDS[a] ?? a).join("、")}</td>
                <td>${s.regionName}</td>
                <td>第${s.version}版</td>
                <td>${chinaTime(s.publishedAt)}</td>
                <td>
                  ${me.role === "admin" || s.region === `${province}0000` ? html`<a href="#/policies?edit=${s.id}">修改</a>` : html`<span class="muted">全国统一，只读</span>`}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
      <p><a href="#/policies?edit=new">新建明白纸</a></p>
    </section>
    <section id="editor"></section>`;
  if (params.get("saved")) notice($("#msg"), "ok", params.get("saved"));
  const editing = params.get("edit");
  if (editing) await editor($("#editor"), editing === "new" ? null : await get(`/api/policies/${editing}`), `${province}0000`, me.role === "admin");
}

/** The form for one sheet: its fields, body and at least five question-and-answer pairs. */
async function editor(box, sheet, provinceRegion, national) {
  const faq = sheet?.faq?.length ? sheet.faq : Array.from({ length: MIN_FAQ }, () => ({ question: "", answer: "", source: null }));
  box.innerHTML = html`<form id="sheet" class="panel stack wide" novalidate>
    <h2>${sheet ? `修改：${sheet.title}（当前第${sheet.version}版，保存即发布第${sheet.version + 1}版）` : "新建明白纸"}</h2>
    ${sheet ? "" : html`<label>编号（小写字母、数字、短横线） <input name="id" required pattern="[a-z][a-z0-9-]{1,63}" /></label>`}
    <label>标题 <input name="title" required maxlength="200" value="${sheet?.title ?? ""}" /></label>
    <fieldset>
      <legend>适用人群</legend>
      <div class="checks">
        ${POLICY_AUDIENCES.map((a) => html`<label><input type="checkbox" name="audience" value="${a}" ${sheet?.audience.includes(a) ? "checked" : ""} /> ${AUDIENCE_WORDS[a] ?? a}</label>`)}
      </div>
    </fieldset>
    <div class="filters">
      <label
        >地区
        <select name="region">
          <option value="${provinceRegion}" ${sheet?.region === provinceRegion ? "selected" : ""}>本省</option>
          ${national ? html`<option value="000000" ${sheet?.region === "000000" ? "selected" : ""}>全国</option>` : ""}
        </select></label
      >
      <label>年份 <input type="number" name="year" min="2000" max="2100" required value="${sheet?.year ?? new Date().getFullYear()}" /></label>
    </div>
    <label>文件出处 <input name="source" required maxlength="1000" value="${sheet?.source ?? ""}" /></label>
    <label>关键词（用逗号或顿号隔开） <input name="keywords" value="${(sheet?.keywords ?? []).join("、")}" /></label>
    <label
      >正文（给谁看、能得到什么、要做什么、去哪里办）
      <textarea name="body" required rows="14" maxlength="20000">${sheet?.body ?? "## 给谁看\n\n## 能得到什么\n\n## 怎么办\n"}</textarea>
    </label>
    <h3>常见问题（至少${MIN_FAQ}条）</h3>
    <ol id="faq" class="faq">
      ${faq.map((f) => faqItem(f))}
    </ol>
    <div class="buttons"><button type="button" id="add-faq">加一条问答</button></div>
    <div class="buttons"><button type="submit" class="primary">${sheet ? "发布新版本" : "发布"}</button><a href="#/policies">取消</a></div>
  </form>`;
  const form = $("#sheet");
  $("#add-faq").addEventListener("click", () => $("#faq").insertAdjacentHTML("beforeend", String(faqItem({ question: "", answer: "", source: null }))));
  $("#faq").addEventListener("click", (e) => {
    if (e.target.matches("button.remove")) e.target.closest("li").remove();
  });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = formData(form);
    // blank pairs are left out; the server's faq.N is the N-th pair sent, so keep which item it was
    const faqItems = $$("#faq li", form)
      .map((li) => ({ li, filled: li.querySelector("[name=q]").value.trim() || li.querySelector("[name=a]").value.trim() }))
      .filter((x) => x.filled);
    const body = {
      title: f.title,
      audience: $$("input[name=audience]:checked", form).map((b) => b.value),
      region: f.region,
      source: f.source,
      year: Number(f.year),
      keywords: f.keywords.split(/[,，、\s]+/).filter(Boolean),
      body: f.body,
      faq: faqItems.map(({ li }) => ({
        question: li.querySelector("[name=q]").value.trim(),
        answer: li.querySelector("[name=a]").value.trim(),
        source: li.querySelector("[name=s]").value.trim() || null,
      })),
    };
    try {
      const saved = sheet ? await post(`/api/policies/${sheet.id}/versions`, body) : await post("/api/policies", { id: f.id, ...body });
      location.hash = `#/policies?saved=${encodeURIComponent(`已发布“${saved.title}”第${saved.version}版`)}`;
    } catch (err) {
      showFormErrors(form, $("#msg"), err, (field) => {
        const [name, index, part] = field.split(".");
        if (name !== "faq") return form.querySelector(`[name="${name}"]`);
        // too few pairs: the list itself; a bad pair: its question or answer
        const li = index === undefined ? null : (faqItems[Number(index)]?.li ?? null);
        return li ? li.querySelector(`[name=${part === "answer" ? "a" : part === "source" ? "s" : "q"}]`) : $("#faq li [name=q]", form);
      });
    }
  });
}

const faqItem = (f) =>
  html`<li>
    <label>问 <input name="q" maxlength="200" value="${f.question}" /></label>
    <label>答 <textarea name="a" maxlength="500" rows="2">${f.answer}</textarea></label>
    <label>出处 <input name="s" maxlength="300" value="${f.source ?? ""}" /></label>
    <button type="button" class="remove">删除这条</button>
  </li>`;
