import { errorText, get, NetworkError, post } from "../../utils/api";
import { dateTimeText, deadlineText } from "../../utils/format";
import { pageBehavior } from "../../utils/page-behavior";
import { withSession } from "../../utils/session";
import type { ReportDetail } from "../../utils/types";
import { toast } from "../../utils/wx-async";

/** The handling opinions a village gives (DESIGN.md, the report's life). */
const OPINIONS = [
  { kind: "propose_monitoring", label: "拟纳入监测" },
  { kind: "not_eligible", label: "不符合条件" },
  { kind: "already_assisted", label: "已落实帮扶" },
  { kind: "transferred", label: "转交行业部门" },
  { kind: "duplicate", label: "重复申报" },
];

/** One report for the cadre: masked details, tap-to-call, and the next step. */
Component({
  behaviors: [pageBehavior],
  properties: { reportId: { type: String, value: "" } },
  data: {
    report: null as ReportDetail | null,
    risks: "",
    deadline: "",
    timeline: [] as Array<{ at: string; label: string; note: string }>,
    opinions: OPINIONS,
    opinionKind: "",
    visitNote: "",
    reason: "",
    busy: false,
    error: "",
    offline: false,
  },
  observers: {
    reportId(id: string) {
      if (id) void this.load();
    },
  },
  methods: {
    show(report: ReportDetail) {
      this.setData({
        report,
        risks: report.riskTypeLabels.join("、"),
        deadline: deadlineText(report.dueAt),
        timeline: report.timeline.map((t) => ({ at: dateTimeText(t.at), label: t.label, note: t.note ?? "" })),
      });
    },
    async load() {
      this.setData({ error: "", offline: false });
      try {
        this.show(await withSession(() => get<ReportDetail>(`/api/reports/${this.data.reportId}`)));
      } catch (err) {
        this.setData({ error: errorText(err), offline: err instanceof NetworkError });
      }
    },
    /** The full number is fetched only for the call (the server audits it), never shown. */
    async call() {
      try {
        const full = await get<ReportDetail>(`/api/reports/${this.data.reportId}?reveal=true`);
        wx.makePhoneCall({ phoneNumber: full.household.phone });
      } catch (err) {
        this.setData({ error: errorText(err), offline: err instanceof NetworkError });
      }
    },
    async act(path: string, body: object, done: string) {
      if (this.data.busy) return;
      this.setData({ busy: true, error: "", offline: false });
      try {
        const report = await post<ReportDetail>(`/api/reports/${this.data.reportId}/${path}`, body);
        this.show(report);
        this.setData({ visitNote: "", reason: "", opinionKind: "" });
        toast(done);
      } catch (err) {
        this.setData({ error: errorText(err), offline: err instanceof NetworkError });
      }
      this.setData({ busy: false });
    },
    accept() {
      return this.act("accept", {}, "已受理");
    },
    onVisitNote(e: WechatMiniprogram.Input) {
      this.setData({ visitNote: e.detail.value });
    },
    visit() {
      return this.act("visit", { visitedAt: new Date().toISOString(), note: this.data.visitNote.trim() }, "已记录上门核查");
    },
    chooseOpinion(e: WechatMiniprogram.TouchEvent) {
      this.setData({ opinionKind: e.currentTarget.dataset.kind as string });
    },
    onReason(e: WechatMiniprogram.Input) {
      this.setData({ reason: e.detail.value });
    },
    giveOpinion() {
      if (!this.data.opinionKind) {
        this.setData({ error: "请先选一个办理意见" });
        return Promise.resolve();
      }
      const reason = this.data.reason.trim();
      return this.act("opinion", { kind: this.data.opinionKind, ...(reason ? { reason } : {}) }, "办理意见已提交");
    },
  },
});
