import { ApiError, errorText, NetworkError } from "../../utils/api";
import { pageBehavior } from "../../utils/page-behavior";
import { changeStaffPassword, homeOf, signInStaff } from "../../utils/session";

/** The fields of the new-password step, each with its own error line. */
type PasswordField = "newPassword" | "repeat";

/**
 * Staff sign in once with phone and password; the account is then tied to this WeChat. A
 * one-time password (new account, reset) leads to a second step: choose a new password.
 */
Component({
  behaviors: [pageBehavior],
  data: {
    phone: "",
    password: "",
    busy: false,
    error: "",
    offline: false,
    step: "sign_in" as "sign_in" | "new_password",
    newPassword: "",
    repeat: "",
    fieldErrors: {} as Partial<Record<PasswordField, string>>,
  },
  methods: {
    onPhone(e: WechatMiniprogram.Input) {
      this.setData({ phone: e.detail.value.trim() });
    },
    onPassword(e: WechatMiniprogram.Input) {
      this.setData({ password: e.detail.value });
    },
    onNewPassword(e: WechatMiniprogram.Input) {
      this.setData({ newPassword: e.detail.value, "fieldErrors.newPassword": "" });
    },
    onRepeat(e: WechatMiniprogram.Input) {
      this.setData({ repeat: e.detail.value, "fieldErrors.repeat": "" });
    },
    async signIn() {
      if (this.data.busy) return;
      this.setData({ busy: true, error: "", offline: false });
      try {
        const { role, mustChangePassword } = await signInStaff(this.data.phone, this.data.password);
        if (mustChangePassword) this.setData({ step: "new_password", fieldErrors: {} });
        else wx.reLaunch({ url: homeOf(role) });
      } catch (err) {
        this.setData({ error: errorText(err), offline: err instanceof NetworkError });
      }
      this.setData({ busy: false });
    },
    /** Shows a problem under its field and scrolls it into view. */
    fieldError(field: PasswordField, message: string) {
      this.setData({ [`fieldErrors.${field}`]: message, error: "" });
      wx.pageScrollTo({ selector: `#${field}`, duration: 200 });
    },
    async savePassword() {
      if (this.data.busy) return;
      const { newPassword, repeat } = this.data;
      this.setData({ fieldErrors: {}, error: "", offline: false });
      if (!newPassword) return this.fieldError("newPassword", "请填写新密码");
      if (repeat !== newPassword) return this.fieldError("repeat", "两次输入的新密码不一样，请再输一次");
      this.setData({ busy: true });
      try {
        // the one-time password just typed is the current one
        const { role } = await changeStaffPassword(this.data.password, newPassword);
        wx.showToast({ title: "新密码已设置", icon: "success" });
        wx.reLaunch({ url: homeOf(role) });
      } catch (err) {
        if (err instanceof ApiError && err.field === "newPassword") this.fieldError("newPassword", err.message);
        else this.setData({ error: errorText(err), offline: err instanceof NetworkError });
      }
      this.setData({ busy: false });
    },
  },
});
