import { errorText, get, post } from "../../utils/api";
import { dateTimeText, deadlineText } from "../../utils/format";
import { pageBehavior } from "../../utils/page-behavior";
import { withSession } from "../../utils/session";
import type { MyReport } from "../../utils/types";
import { toast } from "../../utils/wx-async";

interface ReportView {
  id: string;
  number: string;
  statusLabel: string;
  risks: string;
  village: string;
  /** The promise while waiting; the answer itself once there is one. */
  state: string;
  withdrawable: boolean;
  timeline: Array<{ at: string; label: string }>;
}

/** The reporter may withdraw until the village gives its opinion (src/domain/report/lifecycle.ts). */
const WITHDRAWABLE = ["received", "accepted", "visited"];

function stateText(r: MyReport): string {
  if (r.opinion) return `村委会的办理意见：${r.opinion.label}${r.opinion.reason ? `，${r.opinion.reason}` : ""}`;
  if (r.status === "withdrawn") return "您已撤回这条申报";
  return `村委会应在${deadlineText(r.dueAt)}前受理核查`;
}

/** Asks before an irreversible step; resolves true on 确定. */
function confirm(title: string, content: string): Promise<boolean> {
  return new Promise((resolve) => {
    wx.showModal({ title, content, confirmText: "确定撤回", cancelText: "不撤回", success: (r) => resolve(r.confirm), fail: () => resolve(false) });
  });
}

/** 我的申报: each report with its timeline, newest first as the server gives them. */
Component({
  behaviors: [pageBehavior],
  data: { reports: [] as ReportView[], loaded: false, busy: false, error: "" },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  methods: {
    async load() {
      this.setData({ error: "" });
      try {
        const { items } = await withSession(() => get<{ items: MyReport[] }>("/api/me/reports"));
        const reports = items.map((r) => ({
          id: r.id,
          number: r.number,
          statusLabel: r.statusLabel,
          risks: r.riskTypeLabels.join("、"),
          village: r.village.name,
          state: stateText(r),
          withdrawable: WITHDRAWABLE.includes(r.status),
          timeline: r.timeline.map((t) => ({ at: dateTimeText(t.at), label: t.label })),
        }));
        this.setData({ reports, loaded: true });
      } catch (err) {
        this.setData({ error: errorText(err) });
      }
    },
    async withdraw(e: WechatMiniprogram.TouchEvent) {
      if (this.data.busy) return;
      const { id, number } = e.currentTarget.dataset as { id: string; number: string };
      if (!(await confirm("撤回申报", `撤回编号${number}的申报？撤回后村委会不再办理，有困难可以再申报。`))) return;
      this.setData({ busy: true, error: "" });
      try {
        await withSession(() => post(`/api/reports/${id}/withdraw`, { reason: "申报人在小程序撤回" }));
        toast("已撤回");
        await this.load();
      } catch (err) {
        this.setData({ error: errorText(err) });
      }
      this.setData({ busy: false });
    },
    startReport() {
      wx.navigateTo({ url: "/pages/report/report" });
    },
  },
});
