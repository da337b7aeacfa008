import { errorText, NetworkError } from "../../utils/api";
import { pageBehavior } from "../../utils/page-behavior";
import { homeOf, signInStaff } from "../../utils/session";

/** Staff sign in once with phone and password; the account is then tied to this WeChat. */
Component({
  behaviors: [pageBehavior],
  data: { phone: "", password: "", busy: false, error: "", offline: false },
  methods: {
    onPhone(e: WechatMiniprogram.Input) {
      this.setData({ phone: e.detail.value.trim() });
    },
    onPassword(e: WechatMiniprogram.Input) {
      this.setData({ password: e.detail.value });
    },
    async signIn() {
      if (this.data.busy) return;
      this.setData({ busy: true, error: "", offline: false });
      try {
        const { role } = await signInStaff(this.data.phone, this.data.password);
        wx.reLaunch({ url: homeOf(role) });
      } catch (err) {
        this.setData({ error: errorText(err), offline: err instanceof NetworkError });
      }
      this.setData({ busy: false });
    },
  },
});
