import { api } from "../api.js";
import { areaPicker } from "../areas.js";
import { $, clearFormErrors, formData, html, notice, showFormErrors } from "../dom.js";

/** The file name the server gave (RFC 5987 filename*), for the saved file. */
function fileNameOf(res) {
  const cd = res.headers.get("content-disposition") ?? "";
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  return star ? decodeURIComponent(star[1]) : "台账.xlsx";
}

/**
 * Download the ledger (台账) of an area and period as an Excel file. The county may choose full
 * names and ID numbers (to match the national system) with a reason; the server audits it.
 */
export async function ledgerPage(main, { me, config }) {
  const year = config.today.slice(0, 4);
  const mayExportFull = me.role === "county";
  main.innerHTML = html` <h1>台账导出</h1>
    <section class="panel">
      <p>
        导出所选区域、所选时间内收到的全部申报，供县里归档：申报在第一张表，可按列筛选；第二张表“说明”写明每一列的含义。户主姓名、电话、身份证号均已脱敏；每次导出都会记入操作日志。
      </p>
      <form id="ledger" class="filters" novalidate>
        <span id="area"></span>
        <label
          >收到日期 <input type="date" name="from" value="${year}-01-01" required /> 至 <input type="date" name="to" value="${config.today}" required
        /></label>
        ${
          mayExportFull
            ? html`<fieldset id="full-choice">
                <legend>与全国系统比对</legend>
                <label><input type="checkbox" name="full" id="full" /> 导出完整户主姓名和身份证号（电话仍脱敏）</label>
                <label id="reason-label" hidden
                  >导出原因
                  <input
                    type="text"
                    name="reason"
                    id="reason"
                    maxlength="200"
                    style="width: 26em; max-width: 100%"
                    placeholder="例如：与全国防返贫监测信息系统比对"
                /></label>
                <p class="hint">完整信息只用于比对，请妥善保管、用后删除；导出人和原因记入操作日志。</p>
              </fieldset>`
            : ""
        }
        <button type="submit" class="primary" id="download">下载 Excel 台账</button>
      </form>
      <div id="msg"></div>
    </section>`;
  const picker = await areaPicker($("#area"), me.area.code, { allLabel: "全部" });
  const form = $("#ledger");
  $("#full")?.addEventListener("change", (e) => {
    $("#reason-label").hidden = !e.target.checked;
    if (e.target.checked) $("#reason").focus();
  });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = formData(e.target);
    const full = Boolean($("#full")?.checked);
    const button = $("#download");
    button.disabled = true;
    clearFormErrors(form);
    notice($("#msg"), "info", "正在生成，数据多时需要一点时间…");
    try {
      const params = { areaCode: picker.value(), from: f.from, to: f.to, ...(full ? { full: "true", reason: f.reason ?? "" } : {}) };
      const res = await api("GET", "/api/ledger.xlsx", { params });
      const blob = await res.blob();
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = fileNameOf(res);
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
      notice($("#msg"), "ok", `已下载：${a.download}`);
    } catch (err) {
      if (err.details?.issues) showFormErrors(form, $("#msg"), err);
      else notice($("#msg"), "error", err.message);
    } finally {
      button.disabled = false;
    }
  });
}
