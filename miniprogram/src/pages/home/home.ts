import { errorText } from "../../utils/api";
import { linkPhone, me as whoAmI } from "../../utils/api-client.generated";
import { pageBehavior } from "../../utils/page-behavior";
import { ensureSignedIn, homeOf, withSession } from "../../utils/session";
import { storage } from "../../utils/storage";

Component({
  behaviors: [pageBehavior],
  data: {
    hasDraft: false,
    error: "",
    /** The household this WeChat belongs to, once known; until then it may prove its phone. */
    householdName: "",
    canVerifyPhone: false,
    phoneMessage: "",
  },
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
        if (homeOf(role) !== "/pages/home/home") {
          wx.redirectTo({ url: homeOf(role) });
          return;
        }
        const me = await withSession(whoAmI);
        this.setData({ householdName: me.household?.headName ?? "", canVerifyPhone: !me.household });
      } catch (err) {
        this.setData({ error: errorText(err) });
      }
    },
    /**
     * WeChat's own phone button: the code it hands proves the number to the server, which links
     * this WeChat to the household registered with that number. A typed number would prove nothing.
     */
    async verifyPhone(e: WechatMiniprogram.ButtonGetPhoneNumber) {
      const code = (e.detail as { code?: string }).code;
      if (!code) {
        this.setData({ phoneMessage: "没有拿到手机号。需要时可以再点一次，或请村委会帮您确认" });
        return;
      }
      try {
        const linked = await withSession(() => linkPhone({ code }));
        this.setData({ householdName: linked.household.headName, canVerifyPhone: false, phoneMessage: "" });
      } catch (err) {
        this.setData({ phoneMessage: errorText(err) });
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
