import { errorText, get } from "../../utils/api";
import { pageBehavior } from "../../utils/page-behavior";
import { withSession } from "../../utils/session";
import { queueRow, type QueueRow } from "../../utils/queue-row";
import type { Page, QueueItem } from "../../utils/types";

/** Township staff: every overdue report across their villages, oldest deadline first. */
Component({
  behaviors: [pageBehavior],
  data: { rows: [] as QueueRow[], total: 0, loaded: false, error: "" },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  methods: {
    async load() {
      this.setData({ error: "" });
      try {
        const page = await withSession(() => get<Page<QueueItem>>("/api/queue?overdue=true&page=1&pageSize=50"));
        const rows = page.items.map(queueRow);
        this.setData({ rows, total: page.total, loaded: true });
      } catch (err) {
        this.setData({ error: errorText(err) });
      }
    },
    open(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/pages/report-detail/report-detail?reportId=${e.currentTarget.dataset.id as string}` });
    },
  },
});
