import { pageBehavior } from "../../utils/page-behavior";
import type { QueueRow } from "../../utils/queue-row";
import { loadQueueInto, openReport } from "../../utils/queue-list";

/** Township staff: every overdue report across their villages, oldest deadline first. */
Component({
  behaviors: [pageBehavior],
  data: { rows: [] as QueueRow[], total: 0, pageNo: 1, more: false, loaded: false, error: "" },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  methods: {
    load() {
      return loadQueueInto(this, { overdue: "true" });
    },
    loadMore() {
      return loadQueueInto(this, { overdue: "true" }, this.data.pageNo + 1);
    },
    open: openReport,
  },
});
