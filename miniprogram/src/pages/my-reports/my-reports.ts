import { errorText, get } from "../../utils/api";
import { dateTimeText, deadlineText } from "../../utils/format";
import { pageBehavior } from "../../utils/page-behavior";
import { withSession } from "../../utils/session";
import type { MyReport } from "../../utils/types";

interface ReportView {
  id: string;
  number: string;
  statusLabel: string;
  risks: string;
  village: string;
  deadline: string;
  timeline: Array<{ at: string; label: string }>;
}

/** 我的申报: each report with its timeline, newest first as the server gives them. */
Component({
  behaviors: [pageBehavior],
  data: { reports: [] as ReportView[], loaded: false, error: "" },
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
          deadline: `村委会应在${deadlineText(r.dueAt)}前受理核查`,
          timeline: r.timeline.map((t) => ({ at: dateTimeText(t.at), label: t.label })),
        }));
        this.setData({ reports, loaded: true });
      } catch (err) {
        this.setData({ error: errorText(err) });
      }
    },
    startReport() {
      wx.navigateTo({ url: "/pages/report/report" });
    },
  },
});
