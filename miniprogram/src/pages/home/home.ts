import { errorText } from "../../utils/api";
import { pageBehavior } from "../../utils/page-behavior";
import { ensureSignedIn, homeOf } from "../../utils/session";
import { storage } from "../../utils/storage";

Component({
  behaviors: [pageBehavior],
  data: { hasDraft: false, error: "" },
  lifetimes: {
    attached() {
      this.setData({ hasDraft: storage.draft() !== null });
      void this.signIn();
    },
  },
  pageLifetimes: {
    show() {
      this.setData({ hasDraft: storage.draft() !== null });
    },
  },
  methods: {
    async signIn() {
      this.setData({ error: "" });
      try {
        const role = await ensureSignedIn();
        // A cadre whose WeChat is linked lands on their own first page.
        if (homeOf(role) !== "/pages/home/home") wx.redirectTo({ url: homeOf(role) });
      } catch (err) {
        this.setData({ error: errorText(err) });
      }
    },
    startReport() {
      wx.navigateTo({ url: "/pages/report/report" });
    },
    myReports() {
      wx.navigateTo({ url: "/pages/my-reports/my-reports" });
    },
    policies() {
      wx.navigateTo({ url: "/pages/policies/policies" });
    },
    staffLogin() {
      wx.navigateTo({ url: "/pages/staff-login/staff-login" });
    },
    toggleLarge() {
      const large = !this.data.large;
      storage.setLargeText(large);
      this.setData({ large });
    },
  },
});
