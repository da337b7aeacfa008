import { api } from "../api.js";
import { areaPicker } from "../areas.js";
import { $, formData, html, notice } from "../dom.js";

/** The file name the server gave (RFC 5987 filename*), for the saved file. */
function fileNameOf(res) {
  const cd = res.headers.get("content-disposition") ?? "";
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  return star ? decodeURIComponent(star[1]) : "台账.xlsx";
}

/** Download the ledger (台账) of an area and period as an Excel file. */
export async function ledgerPage(main, { me, config }) {
  const year = config.today.slice(0, 4);
  main.innerHTML = html` <h1>台账导出</h1>
    <section class="panel">
      <p>导出所选区域、所选时间内收到的全部申报，供县里归档。户主姓名、电话、身份证号均已脱敏；每次导出都会记入操作日志。</p>
      <form id="ledger" class="filters">
        <span id="area"></span>
        <label
          >收到日期 <input type="date" name="from" value="${year}-01-01" required /> 至 <input type="date" name="to" value="${config.today}" required
        /></label>
        <button type="submit" class="primary" id="download">下载 Excel 台账</button>
      </form>
      <div id="msg"></div>
    </section>`;
  const picker = await areaPicker($("#area"), me.area.code, { allLabel: "全部" });
  $("#ledger").addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = formData(e.target);
    const button = $("#download");
    button.disabled = true;
    notice($("#msg"), "info", "正在生成，数据多时需要一点时间…");
    try {
      const res = await api("GET", "/api/ledger.xlsx", { params: { areaCode: picker.value(), from: f.from, to: f.to } });
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
      notice($("#msg"), "error", err.message);
    } finally {
      button.disabled = false;
    }
  });
}
