import type { QueueRow } from "../../utils/queue-row";
import { loadQueueInto, openReport } from "../../utils/queue-list";
import { pageBehavior } from "../../utils/page-behavior";

/** The village cadre's queue, soonest deadline first (the server's order). */
Component({
  behaviors: [pageBehavior],
  data: { rows: [] as QueueRow[], total: 0, loaded: false, error: "" },
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
    load() {
      return loadQueueInto(this, "/api/queue?page=1&pageSize=50");
    },
    open: openReport,
  },
});
