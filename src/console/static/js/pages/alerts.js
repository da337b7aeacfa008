import { post } from "../api.js";
import { $, html, notice } from "../dom.js";

/** Load a department's alert list: check every row first, then file the good rows. */
export async function alertsPage(main) {
  main.innerHTML = html` <h1>导入部门预警</h1>
    <section class="panel">
      <p>
        上传行业部门推送的疑似风险名单（CSV 或 Excel .xlsx）。第一行为列名：<b>姓名、身份证号、村、风险类型、备注</b>（可加“联系电话”）。
        村可填12位村代码或村名；风险类型可填“因病”“住房安全”等，多个用顿号隔开。身份证号一列请设为文本格式。
        <a href="/console/alert-template.csv" download>下载模板</a>
      </p>
      <form id="upload" class="filters">
        <label
          >名单文件
          <input type="file" name="file" id="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required
        /></label>
        <button type="submit" class="primary">检查名单</button>
      </form>
      <div id="msg"></div>
    </section>
    <section id="preview"></section>`;
  let file = null;
  const msg = $("#msg");

  $("#upload").addEventListener("submit", async (e) => {
    e.preventDefault();
    file = $("#file").files[0];
    if (!file) return notice(msg, "error", "请先选择文件");
    notice(msg, "info", "正在检查…");
    try {
      const res = await post("/api/department-alerts/preview", file, { fileName: file.name });
      notice(
        msg,
        res.bad ? "error" : "ok",
        `共 ${res.total} 行：${res.ok} 行可以导入，${res.bad} 行有误${res.bad ? "（有误的行不会导入，改好后可再次上传）" : ""}`,
      );
      showPreview(res);
    } catch (err) {
      notice(msg, "error", err.message);
      $("#preview").innerHTML = "";
    }
  });

  function showPreview(res) {
    const box = $("#preview");
    box.innerHTML = html`<div class="panel">
      <h2>检查结果</h2>
      <table class="grid" id="preview-rows">
        <thead>
          <tr>
            <th>行号</th>
            <th>结果</th>
            <th>姓名</th>
            <th>身份证号</th>
            <th>村</th>
            <th>风险类型</th>
            <th>备注</th>
          </tr>
        </thead>
        <tbody>
          ${res.rows.map(
            (r) =>
              html`<tr class="${r.ok ? "" : "overdue"}" data-row="${r.row}">
                <td>${r.row}</td>
                <td>
                  ${
                    r.ok
                      ? html`<span class="badge green">可以导入</span>`
                      : html`<ul class="errors">
                          ${r.errors.map((m) => html`<li>${m}</li>`)}
                        </ul>`
                  }
                </td>
                <td>${r.normalized.name}</td>
                <td>${r.normalized.idNumber}</td>
                <td>${r.normalized.village?.name ?? ""}</td>
                <td>${r.normalized.riskTypeLabels.join("、")}</td>
                <td>${r.normalized.note}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${res.ok ? html`<p><button type="button" class="primary" id="commit">导入 ${res.ok} 条正确的记录</button></p>` : ""}
      <div id="result"></div>
    </div>`;
    $("#commit")?.addEventListener("click", async () => {
      const button = $("#commit");
      button.disabled = true;
      try {
        const done = await post("/api/department-alerts/commit", file, { fileName: file.name });
        notice($("#result"), "ok", `导入完成：${done.message}。`);
        $("#result").insertAdjacentHTML("beforeend", html`<p><a href="#/reports">到申报列表查看</a></p>`);
      } catch (err) {
        notice($("#result"), "error", err.message);
        button.disabled = false;
      }
    });
  }
}
