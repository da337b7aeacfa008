import type { QueueRow } from "../../utils/queue-row";
import { loadQueueInto, openReport } from "../../utils/queue-list";
import { pageBehavior } from "../../utils/page-behavior";
import { AWAITING_OPINION, OPEN_STATUSES, type QueueQuery } from "../../utils/api-types.generated";

/**
 * What each filter asks the server. 待办 keeps reports with an opinion until they are closed
 * (办结), after the ones still waiting for an answer.
 */
const FILTERS: Array<{ key: string; label: string; query: QueueQuery }> = [
  { key: "open", label: "待办", query: { status: OPEN_STATUSES.join(",") } },
  { key: "overdue", label: "已超期", query: { overdue: "true", status: AWAITING_OPINION.join(",") } },
  { key: "new", label: "待受理", query: { status: "received" } },
  { key: "answered", label: "待办结", query: { status: "opinion_given" } },
];

/** The village cadre's queue: still waiting for an answer first, soonest deadline first. */
Component({
  behaviors: [pageBehavior],
  data: {
    filters: FILTERS.map(({ key, label }) => ({ key, label })),
    filter: "open",
    rows: [] as QueueRow[],
    total: 0,
    pageNo: 1,
    more: false,
    loaded: false,
    error: "",
  },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  pageLifetimes: {
    show() {
      if (this.data.loaded) void this.load();
    },
  },
  methods: {
    query() {
      return FILTERS.find((f) => f.key === this.data.filter)!.query;
    },
    load() {
      return loadQueueInto(this, this.query());
    },
    loadMore() {
      return loadQueueInto(this, this.query(), this.data.pageNo + 1);
    },
    chooseFilter(e: WechatMiniprogram.TouchEvent) {
      this.setData({ filter: e.currentTarget.dataset.key as string, rows: [], loaded: false });
      return this.load();
    },
    newReport() {
      wx.navigateTo({ url: "/pages/staff-report/staff-report" });
    },
    open: openReport,
  },
});
