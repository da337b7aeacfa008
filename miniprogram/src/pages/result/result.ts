import { deadlineText } from "../../utils/format";
import { pageBehavior } from "../../utils/page-behavior";

/** Shown after a report is received; the URL carries the receipt's number and deadline. */
Component({
  behaviors: [pageBehavior],
  properties: {
    number: { type: String, value: "" },
    dueAt: { type: String, value: "" },
    village: { type: String, value: "" },
    duplicateOf: { type: String, value: "" },
  },
  data: { promise: "" },
  observers: {
    dueAt(dueAt: string) {
      if (dueAt) this.setData({ promise: `村委会将在${deadlineText(dueAt)}前受理核查` });
    },
  },
  methods: {
    myReports() {
      wx.redirectTo({ url: "/pages/my-reports/my-reports" });
    },
    home() {
      wx.reLaunch({ url: "/pages/home/home" });
    },
  },
});
