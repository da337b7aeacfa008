import { errorText, get, NetworkError, post } from "../../utils/api";
import { chinaDateBefore, chinaDateTime, dateTimeText, deadlineText, fromChinaDateTime } from "../../utils/format";
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

/** Where a village may hand a report on: its township, or a county department. */
const TRANSFER_TARGETS = [
  { to: "township", department: "", label: "乡镇" },
  { to: "department", department: "civil_affairs", label: "民政" },
  { to: "department", department: "medical_insurance", label: "医保" },
  { to: "department", department: "housing", label: "住建" },
  { to: "department", department: "water", label: "水利" },
  { to: "department", department: "human_resources", label: "人社" },
  { to: "department", department: "education", label: "教育" },
  { to: "department", department: "disabled_persons", label: "残联" },
  { to: "department", department: "emergency", label: "应急" },
];

/** Statuses in which the one who entered a report may still withdraw it. */
const WITHDRAWABLE = ["received", "accepted", "visited"];

/** One report for the cadre: masked details, tap-to-call, and every next step. */
Component({
  behaviors: [pageBehavior],
  properties: { reportId: { type: String, value: "" } },
  data: {
    report: null as ReportDetail | null,
    risks: "",
    /** Risk types added by later reports of the household (追加). */
    added: "",
    /** The deadline while waiting; the opinion replaces it once given. */
    deadline: "",
    backfill: "",
    timeline: [] as Array<{ at: string; label: string; note: string }>,
    opinions: OPINIONS,
    opinionKind: "",
    visitNote: "",
    visitDate: "",
    visitTime: "",
    visitDateStart: "",
    today: "",
    reason: "",
    transferNames: TRANSFER_TARGETS.map((t) => t.label),
    transferIndex: -1,
    transferReason: "",
    comment: "",
    canTransfer: false,
    canWithdraw: false,
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
      const now = chinaDateTime(Date.now());
      this.setData({
        report,
        risks: report.riskTypeLabels.join("、"),
        added: (report.riskTypeAddedLabels ?? []).join("、"),
        deadline: report.opinion ? "" : `${deadlineText(report.dueAt)}前受理核查`,
        backfill: report.enteredAt ? `补录：${dateTimeText(report.receivedAt).split(" ")[0]}收到的申请，${dateTimeText(report.enteredAt)}录入` : "",
        timeline: report.timeline.map((t) => ({ at: dateTimeText(t.at), label: t.label, note: t.note ?? "" })),
        canTransfer: WITHDRAWABLE.includes(report.status),
        canWithdraw: report.reportedByMe && WITHDRAWABLE.includes(report.status),
        // the visit happened today unless the cadre picks an earlier day
        visitDate: now.date,
        visitTime: now.time,
        today: now.date,
        visitDateStart: chinaDateBefore(new Date(report.receivedAt).getTime(), 0),
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
        // a household without a phone is reached through whoever reported for it
        const phoneNumber = full.household.phone ?? full.reporter.phone;
        if (phoneNumber) wx.makePhoneCall({ phoneNumber });
        else this.setData({ error: "这户人家和申报人都没有留电话，请上门联系" });
      } catch (err) {
        this.setData({ error: errorText(err), offline: err instanceof NetworkError });
      }
    },
    /** A refused step is said at the top of the page; the page scrolls there so it is seen. */
    fail(message: string, offline = false) {
      this.setData({ error: message, offline });
      wx.pageScrollTo({ scrollTop: 0, duration: 0 });
    },
    async act(path: string, body: object, done: string) {
      if (this.data.busy) return;
      this.setData({ busy: true, error: "", offline: false });
      try {
        const report = await post<ReportDetail>(`/api/reports/${this.data.reportId}/${path}`, body);
        this.show(report);
        this.setData({ visitNote: "", reason: "", opinionKind: "", transferIndex: -1, transferReason: "", comment: "" });
        toast(done);
      } catch (err) {
        this.fail(errorText(err), err instanceof NetworkError);
      }
      this.setData({ busy: false });
    },
    accept() {
      return this.act("accept", {}, "已受理");
    },
    onVisitNote(e: WechatMiniprogram.Input) {
      this.setData({ visitNote: e.detail.value });
    },
    onVisitDate(e: WechatMiniprogram.PickerChange) {
      this.setData({ visitDate: String(e.detail.value) });
    },
    onVisitTime(e: WechatMiniprogram.PickerChange) {
      this.setData({ visitTime: String(e.detail.value) });
    },
    visit() {
      if (!this.data.visitNote.trim()) return this.fail("请写下核查情况");
      return this.act("visit", { visitedAt: fromChinaDateTime(this.data.visitDate, this.data.visitTime), note: this.data.visitNote.trim() }, "已记录上门核查");
    },
    chooseOpinion(e: WechatMiniprogram.TouchEvent) {
      this.setData({ opinionKind: e.currentTarget.dataset.kind as string });
    },
    onReason(e: WechatMiniprogram.Input) {
      this.setData({ reason: e.detail.value });
    },
    giveOpinion() {
      if (!this.data.opinionKind) return this.fail("请先选一个办理意见");
      const reason = this.data.reason.trim();
      return this.act("opinion", { kind: this.data.opinionKind, ...(reason ? { reason } : {}) }, "办理意见已提交");
    },
    onTransferTarget(e: WechatMiniprogram.PickerChange) {
      this.setData({ transferIndex: Number(e.detail.value) });
    },
    onTransferReason(e: WechatMiniprogram.Input) {
      this.setData({ transferReason: e.detail.value });
    },
    transfer() {
      const target = TRANSFER_TARGETS[this.data.transferIndex];
      if (!target) return this.fail("请先选转交给谁");
      const reason = this.data.transferReason.trim();
      if (!reason) return this.fail("请写明转交原因");
      return this.act("transfer", { to: target.to, ...(target.department ? { department: target.department } : {}), reason }, `已转交${target.label}`);
    },
    onComment(e: WechatMiniprogram.Input) {
      this.setData({ comment: e.detail.value });
    },
    async addComment() {
      const text = this.data.comment.trim();
      if (!text) return this.fail("请写留言内容");
      if (this.data.busy) return;
      this.setData({ busy: true, error: "" });
      try {
        await post(`/api/reports/${this.data.reportId}/comments`, { text });
        this.setData({ comment: "" });
        toast("已留言");
        await this.load();
      } catch (err) {
        this.fail(errorText(err), err instanceof NetworkError);
      }
      this.setData({ busy: false });
    },
    /** The household asked the cadre who entered its report to take it back. */
    withdraw() {
      return this.act("withdraw", { reason: "申报人要求撤回" }, "已撤回");
    },
    close() {
      return this.act("close", {}, "已办结");
    },
  },
});
