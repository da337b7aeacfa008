import { ApiError, errorText, NetworkError } from "../../utils/api";
import { createReport, me as whoAmI } from "../../utils/api-client.generated";
import type { CreateReportBody, RiskTypeCode } from "../../utils/api-types.generated";
import { chinaDateBefore, chinaDateTime, newIdempotencyKey } from "../../utils/format";
import { pageBehavior } from "../../utils/page-behavior";
import { iconOf, loadRiskTypes, wordsOf } from "../../utils/risk-types";
import { storage } from "../../utils/storage";
import { withSession } from "../../utils/session";

/** How the report reached the village; a paper application carries the day it was received. */
const WAYS: Array<{ key: string; label: string; channel: CreateReportBody["channel"] }> = [
  { key: "in_person", label: "来访", channel: "in_person" },
  { key: "phone", label: "电话", channel: "phone" },
  { key: "paper", label: "纸质申请", channel: "in_person" },
];

/** The field a refusal belongs to, so its sentence stands next to it. */
const FIELD_OF_CODE: Record<string, string> = {
  id_number_invalid: "idNumber",
  received_on_in_future: "receivedOn",
  received_on_too_old: "receivedOn",
};

/** The server's limit (BACKDATE_LIMIT_DAYS): a paper application up to 30 days back. */
const BACKDATE_DAYS = 30;

/**
 * A cadre or grid worker records a walk-in, a phone call or a paper application for a household
 * of their own village. A paper one received days ago keeps its day: the 5-day clock counts from
 * it, and the county sees it as 补录 with the time it was typed in.
 */
Component({
  behaviors: [pageBehavior],
  data: {
    ways: WAYS.map(({ key, label }) => ({ key, label })),
    way: "in_person",
    types: [] as Array<{ code: RiskTypeCode; words: string[]; icon: string; selected: boolean }>,
    form: { name: "", phone: "", idNumber: "", description: "" },
    village: null as { code: string; name: string } | null,
    receivedOn: "",
    earliest: "",
    today: "",
    idempotencyKey: "",
    submitting: false,
    error: "",
    errorField: "",
    offline: false,
  },
  lifetimes: {
    attached() {
      const today = chinaDateTime(Date.now()).date;
      this.setData({ today, receivedOn: today, earliest: chinaDateBefore(Date.now(), BACKDATE_DAYS), idempotencyKey: newIdempotencyKey() });
      void this.load();
    },
  },
  methods: {
    async load() {
      this.setData({ error: "", offline: false });
      try {
        const [types, me] = await Promise.all([loadRiskTypes(), withSession(whoAmI)]);
        this.setData({ types: types.map((t) => ({ code: t.code, words: wordsOf(t.code, t.label), icon: iconOf(t.code), selected: false })), village: me.area });
      } catch (err) {
        this.setData({ error: errorText(err), offline: err instanceof NetworkError });
      }
    },
    chooseWay(e: WechatMiniprogram.TouchEvent) {
      this.setData({ way: e.currentTarget.dataset.key as string, receivedOn: this.data.today });
    },
    onReceivedOn(e: WechatMiniprogram.PickerChange) {
      this.setData({ receivedOn: String(e.detail.value) });
    },
    toggleType(e: WechatMiniprogram.TouchEvent) {
      const code = e.currentTarget.dataset.code as string;
      this.setData({ types: this.data.types.map((t) => (t.code === code ? { ...t, selected: !t.selected } : t)) });
      if (this.data.errorField === "types") this.setData({ error: "", errorField: "" });
    },
    onField(e: WechatMiniprogram.Input) {
      const field = e.currentTarget.dataset.field as string;
      this.setData({ form: { ...this.data.form, [field]: e.detail.value } });
      if (this.data.errorField === field) this.setData({ error: "", errorField: "" });
    },
    /** The first thing missing, named next to its field, and the page scrolled there. */
    fail(field: string, message: string) {
      this.setData({ error: message, errorField: field });
      wx.pageScrollTo({ selector: `#field-${field}`, duration: 0 });
    },
    async submit() {
      if (this.data.submitting) return;
      const { form, types, way, village, receivedOn } = this.data;
      const riskTypes = types.filter((t) => t.selected).map((t) => t.code);
      if (!riskTypes.length) return this.fail("types", "请至少点选一种困难");
      if (!form.name.trim()) return this.fail("name", "请填写户主或当事人姓名");
      if (!/^1[3-9]\d{9}$/.test(form.phone.trim())) return this.fail("phone", "手机号应为11位数字，以1开头");
      if (!village) return this.fail("types", "没有找到您负责的村，请重新登录");
      this.setData({ submitting: true, error: "", errorField: "", offline: false });
      const w = WAYS.find((x) => x.key === way)!;
      const body: CreateReportBody = {
        villageCode: village.code,
        riskTypes,
        ...(form.description.trim() ? { description: form.description.trim() } : {}),
        household: { name: form.name.trim(), phone: form.phone.trim(), ...(form.idNumber.trim() ? { idNumber: form.idNumber.trim() } : {}) },
        relation: storage.role() === "grid_worker" ? "grid_worker" : "cadre",
        channel: w.channel,
        consent: { given: true, textVersion: "paper" },
        ...(way === "paper" ? { receivedOn } : {}),
      };
      try {
        const receipt = await withSession(() => createReport(body, { "Idempotency-Key": this.data.idempotencyKey }));
        wx.redirectTo({ url: `/pages/report-detail/report-detail?reportId=${receipt.id}` });
      } catch (err) {
        this.fail((err instanceof ApiError && FIELD_OF_CODE[err.code]) || "submit", errorText(err));
        this.setData({ offline: err instanceof NetworkError });
      }
      this.setData({ submitting: false });
    },
  },
});
