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
    /** "1": added to the household's open report (the number is the household's, shown only to it). */
    added: { type: String, value: "" },
    /** The head's name of the household reported for, when it was someone else's. */
    forOther: { type: String, value: "" },
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
