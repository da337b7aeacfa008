import { errorText, NetworkError } from "../../utils/api";
import {
  acceptReport,
  addComment,
  closeReport,
  giveOpinion,
  recordVisit,
  report as reportOf,
  transferReport,
  withdrawReport,
} from "../../utils/api-client.generated";
import {
  DEPARTMENT_LABELS,
  OPINION_KINDS,
  type Department,
  type OpinionKind,
  type ReportDetail,
  type ReportStatus,
  type TransferReportBody,
} from "../../utils/api-types.generated";
import { chinaDateBefore, chinaDateTime, dateTimeText, deadlineText, fromChinaDateTime } from "../../utils/format";
import { pageBehavior } from "../../utils/page-behavior";
import { withSession } from "../../utils/session";
import { toast } from "../../utils/wx-async";

/** The handling opinions a village gives (DESIGN.md, the report's life), in the cadre's short words. */
const OPINION_WORDS: Record<OpinionKind, string> = {
  propose_monitoring: "拟纳入监测",
  not_eligible: "不符合条件",
  already_assisted: "已落实帮扶",
  transferred: "转交行业部门",
  duplicate: "重复申报",
};
const OPINIONS = OPINION_KINDS.map((kind) => ({ kind, label: OPINION_WORDS[kind] }));

/** Where a village may hand a report on: its township, or a county department. */
const TRANSFER_TARGETS: Array<{ to: TransferReportBody["to"]; department: Department | ""; label: string }> = [
  { to: "township", department: "", label: "乡镇" },
  ...(Object.keys(DEPARTMENT_LABELS) as Department[]).map((department) => ({ to: "department" as const, department, label: DEPARTMENT_LABELS[department] })),
];

/** Statuses in which the one who entered a report may still withdraw it. */
const WITHDRAWABLE: readonly ReportStatus[] = ["received", "accepted", "visited"];

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
    opinionKind: "" as OpinionKind | "",
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
        this.show(await withSession(() => reportOf({ id: this.data.reportId })));
      } catch (err) {
        this.setData({ error: errorText(err), offline: err instanceof NetworkError });
      }
    },
    /** The full number is fetched only for the call (the server audits it), never shown. */
    async call() {
      try {
        const full = await reportOf({ id: this.data.reportId }, { reveal: "true" });
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
    /** One step on the report (受理, 核查, 意见 …): the server answers with the report as it now stands. */
    async act(step: (id: { id: string }) => Promise<ReportDetail>, done: string) {
      if (this.data.busy) return;
      this.setData({ busy: true, error: "", offline: false });
      try {
        const report = await step({ id: this.data.reportId });
        this.show(report);
        this.setData({ visitNote: "", reason: "", opinionKind: "", transferIndex: -1, transferReason: "", comment: "" });
        toast(done);
      } catch (err) {
        this.fail(errorText(err), err instanceof NetworkError);
      }
      this.setData({ busy: false });
    },
    accept() {
      return this.act((id) => acceptReport(id, {}), "已受理");
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
      const body = { visitedAt: fromChinaDateTime(this.data.visitDate, this.data.visitTime), note: this.data.visitNote.trim() };
      return this.act((id) => recordVisit(id, body), "已记录上门核查");
    },
    chooseOpinion(e: WechatMiniprogram.TouchEvent) {
      this.setData({ opinionKind: e.currentTarget.dataset.kind as OpinionKind });
    },
    onReason(e: WechatMiniprogram.Input) {
      this.setData({ reason: e.detail.value });
    },
    giveOpinion() {
      const kind = this.data.opinionKind;
      if (!kind) return this.fail("请先选一个办理意见");
      const reason = this.data.reason.trim();
      return this.act((id) => giveOpinion(id, { kind, ...(reason ? { reason } : {}) }), "办理意见已提交");
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
      return this.act(
        (id) => transferReport(id, { to: target.to, ...(target.department ? { department: target.department } : {}), reason }),
        `已转交${target.label}`,
      );
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
        await addComment({ id: this.data.reportId }, { text });
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
      return this.act((id) => withdrawReport(id, { reason: "申报人要求撤回" }), "已撤回");
    },
    close() {
      return this.act((id) => closeReport(id, {}), "已办结");
    },
  },
});
