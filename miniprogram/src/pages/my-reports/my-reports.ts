import { errorText } from "../../utils/api";
import { myReports, withdrawReport } from "../../utils/api-client.generated";
import type { MyReport } from "../../utils/api-types.generated";
import { dateTimeText, deadlineText } from "../../utils/format";
import { pageBehavior } from "../../utils/page-behavior";
import { withSession } from "../../utils/session";
import { toast } from "../../utils/wx-async";

interface ReportView {
  /** The report's number, or a made-up key for one added to another household's case. */
  key: string;
  id: string | null;
  number: string | null;
  /** "替王福贵家报的（邻居代报）" on a report for someone else. */
  whose: string;
  statusLabel: string;
  risks: string;
  village: string;
  /** The promise while waiting; the answer itself once there is one. */
  state: string;
  withdrawable: boolean;
  timeline: Array<{ at: string; label: string }>;
}

function stateText(r: MyReport): string {
  if (r.opinion) return `村委会的办理意见：${r.opinion.label}${r.opinion.reason ? `，${r.opinion.reason}` : ""}`;
  if (r.status === "withdrawn") return "您已撤回这条申报";
  if (r.view === "reporter") return r.number ? "村委会会联系这户人家核实" : "已补充进这户正在办理的申报";
  return r.dueAt ? `村委会应在${deadlineText(r.dueAt)}前受理核查` : "";
}

/** A report for someone else shows how far it got, each step with its time (never the opinion or its reason). */
function reporterSteps(r: MyReport): Array<{ at: string; label: string }> {
  const d = r.dates;
  if (!d) return [];
  const steps: Array<[string | null, string]> = [
    [d.received, "已收到"],
    [d.accepted, "村委会已受理"],
    [d.answered, "村委会已答复这户人家"],
    [d.closed, "已办结"],
  ];
  return steps.filter(([at]) => at !== null).map(([at, label]) => ({ at: dateTimeText(at!), label }));
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
        const { items } = await withSession(myReports);
        const reports: ReportView[] = items.map((r, i) => ({
          key: r.number ?? `added-${i}`,
          id: r.id,
          number: r.number,
          whose: r.view === "reporter" ? `替${r.household.name}家报的（${r.relationLabel}）` : "",
          statusLabel: r.statusLabel,
          risks: r.riskTypeLabels.join("、"),
          village: r.village.name,
          state: stateText(r),
          // the server says who may withdraw: a report for someone else only before it is accepted
          withdrawable: r.mayWithdraw && r.id !== null,
          timeline: r.view === "reporter" ? reporterSteps(r) : (r.timeline ?? []).map((t) => ({ at: dateTimeText(t.at), label: t.label })),
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
        await withSession(() => withdrawReport({ id }, { reason: "申报人在小程序撤回" }));
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
