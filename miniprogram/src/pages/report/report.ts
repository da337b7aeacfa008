import { config } from "../../config";
import { errorText, NetworkError, PhoneError } from "../../utils/api";
import { areaChildren, createReport, grantSubscriptions, me as whoAmI, subscriptionQuota } from "../../utils/api-client.generated";
import type { CreateReportBody, RiskTypeCode } from "../../utils/api-types.generated";
import { maskPhone, newIdempotencyKey } from "../../utils/format";
import { pageBehavior } from "../../utils/page-behavior";
import { voiceBehavior } from "../../utils/voice-behavior";
import { iconOf, loadRiskTypes, wordsOf } from "../../utils/risk-types";
import { withSession } from "../../utils/session";
import { storage } from "../../utils/storage";
import type { Draft, HouseholdDetails, OtherHousehold } from "../../utils/types";
import { requestSubscribe, requirePrivacy, toast } from "../../utils/wx-async";

interface Area {
  code: string;
  name: string;
}

interface RiskChoice {
  code: RiskTypeCode;
  label: string;
  /** The label in unbreakable parts (wordsOf). */
  words: string[];
  explanation: string;
  icon: string;
  selected: boolean;
}

/**
 * The reporter's own statement (issue 14): for their own household, or that they report with the
 * other household's knowledge. The household's 授权承诺书 is signed at the village's visit, not here.
 */
const STATEMENT = {
  self: "本人声明：给自己家申报，所填情况真实，同意村委会为核实情况使用以上信息。查询、比对家庭收入等信息前，村委会上门核实时会请户主签《授权承诺书》。",
  other: "本人声明：所说情况真实，这户人家知道我在替他们申报。这只是我本人的声明，不是这户人家的授权；村委会上门核实时，会请他们自己签《授权承诺书》。",
};

const emptyOther = (): OtherHousehold => ({ name: "", phone: "", relation: "", villageCode: "", villageName: "" });

/** Details good enough to show as one line and confirm, rather than as a form. */
const complete = (h: HouseholdDetails | null): h is HouseholdDetails => !!h && !!h.name && !!h.phone && !!h.villageCode;

function emptyDraft(): Draft {
  return { riskTypes: [], description: "", household: storage.household(), whom: "self", idempotencyKey: newIdempotencyKey() };
}

/** A draft worth 继续申报: the household chose or wrote something, or typed other details than last time. */
function hasContent(d: Draft): boolean {
  if (d.riskTypes.length > 0 || d.description.trim() !== "") return true;
  if (d.whom === "other") return true;
  const kept = storage.household();
  return d.household !== null && JSON.stringify(d.household) !== JSON.stringify(kept);
}

Component({
  behaviors: [pageBehavior, voiceBehavior],
  /** The page's query: "risks" are the risk types an answer's offer to report passes on (comma-separated codes). */
  properties: { risks: { type: String, value: "" } },
  data: {
    types: [] as RiskChoice[],
    description: "",
    editing: true,
    summary: "",
    form: { name: "", phone: "", idNumber: "" },
    village: null as Area | null,
    countyNames: config.counties.map((c) => c.name),
    countyName: "",
    townshipName: "",
    townships: [] as Area[],
    townshipNames: [] as string[],
    villages: [] as Area[],
    villageNames: [] as string[],
    /** 给自己家报 (the default: a returning household's three taps stay three) or 帮别人报. */
    whom: "self" as "self" | "other",
    other: emptyOther(),
    otherVillage: null as Area | null,
    reporterPhone: "",
    /** Whether the household has said before, under this wording, that it reports for itself. */
    selfStated: false,
    needConsent: true,
    consentText: STATEMENT.self,
    consentGiven: false,
    submitting: false,
    /** Ask for subscribe messages on submit: only when the household holds none (GET /api/me/subscriptions). */
    askSubscribe: true,
    /** The error is a missing() sentence: it goes as soon as the thing is put right. */
    missingShown: false,
    error: "",
    offline: false,
  },
  lifetimes: {
    attached() {
      // Nothing is stored on opening: a glance at the page must leave 一键申报 as it was.
      const draft = storage.draft() ?? emptyDraft();
      const h = draft.household;
      const other = draft.other ?? emptyOther();
      const selfStated = storage.consentVersion() === config.consentTextVersion;
      this.setData({
        description: draft.description,
        editing: !complete(h),
        summary: complete(h) ? `${h.name}，电话 ${maskPhone(h.phone)}，${h.villageName}` : "",
        form: { name: h?.name ?? "", phone: h?.phone ?? "", idNumber: h?.idNumber ?? "" },
        village: h?.villageCode ? { code: h.villageCode, name: h.villageName } : null,
        other,
        otherVillage: other.villageCode ? { code: other.villageCode, name: other.villageName } : null,
        reporterPhone: draft.reporterPhone ?? h?.phone ?? "",
        selfStated,
      });
      this.showWhom(draft.whom ?? "self");
      void this.loadTypes();
      if (!h?.villageCode) void this.prefillFromAccount();
    },
  },
  methods: {
    async loadTypes() {
      this.setData({ error: "", offline: false });
      try {
        // Opened from an answer's offer ("?risks=illness,housing"): the troubles the question told of are chosen already.
        const preset = decodeURIComponent(this.data.risks).split(",").filter(Boolean);
        const chosen = [...(storage.draft() ?? emptyDraft()).riskTypes, ...preset];
        // the icons appear with the quota known, so the first tap on 提交 already knows whether to ask
        const [riskTypes] = await Promise.all([loadRiskTypes(), this.loadQuota()]);
        const types = riskTypes.map((t) => ({
          code: t.code,
          label: t.label,
          words: wordsOf(t.code, t.label),
          explanation: t.explanation,
          icon: iconOf(t.code),
          selected: chosen.includes(t.code),
        }));
        this.setData({ types });
      } catch (err) {
        this.setData({ error: errorText(err), offline: err instanceof NetworkError });
      }
    },
    /** On a new phone the account still knows its household's village and head: offer them. */
    async prefillFromAccount() {
      try {
        const me = await withSession(whoAmI);
        if (!me.village || this.data.village) return;
        this.setData({ village: me.village, form: { ...this.data.form, name: this.data.form.name || (me.household?.headName ?? "") } });
        this.saveDraft();
      } catch {
        // Only a convenience: the household can still pick its village by hand.
      }
    },
    /**
     * Whether this household still holds subscribe messages. Without a session yet (a new phone)
     * or without an answer, it asks: once too often is harmless, and signing in here would race
     * the page's own sign-in.
     */
    async loadQuota() {
      if (!storage.token()) return;
      try {
        const { remaining } = await subscriptionQuota();
        this.setData({ askSubscribe: config.subscribeTemplateIds.some((id) => (remaining[id] ?? 0) < 1) });
      } catch {
        // Staff accounts and lost answers: ask.
      }
    },
    /** 给自己家报 or 帮别人报: one tap; the statement to agree to follows the choice. */
    showWhom(whom: "self" | "other") {
      const other = whom === "other";
      // a report for someone else is stated each time: the household's knowledge is not a setting
      this.setData({ whom, consentText: STATEMENT[whom], needConsent: other || !this.data.selfStated, consentGiven: false });
    },
    chooseWhom(e: WechatMiniprogram.TouchEvent) {
      const whom = e.currentTarget.dataset.whom as "self" | "other";
      if (whom === this.data.whom) return;
      this.showWhom(whom);
      // the other household most often lives in the same village
      if (whom === "other" && !this.data.otherVillage && this.data.village) this.setData({ otherVillage: this.data.village });
      this.saveDraft();
    },
    onOtherField(e: WechatMiniprogram.Input) {
      const field = e.currentTarget.dataset.field as "name" | "phone";
      this.setData({ other: { ...this.data.other, [field]: e.detail.value.trim() } });
      this.saveDraft();
    },
    chooseRelation(e: WechatMiniprogram.TouchEvent) {
      this.setData({ other: { ...this.data.other, relation: e.currentTarget.dataset.relation as OtherHousehold["relation"] } });
      this.saveDraft();
    },
    onReporterPhone(e: WechatMiniprogram.Input) {
      this.setData({ reporterPhone: e.detail.value.trim() });
      this.saveDraft();
    },
    /** Writes what is on screen into the stored draft, so closing the app loses nothing. */
    saveDraft() {
      const draft = storage.draft() ?? emptyDraft();
      const { form, village, whom, other, otherVillage, reporterPhone } = this.data;
      const household: HouseholdDetails | null =
        form.name || form.phone || village
          ? { name: form.name, phone: form.phone, idNumber: form.idNumber, villageCode: village?.code ?? "", villageName: village?.name ?? "" }
          : null;
      const loaded = this.data.types.length > 0;
      const next: Draft = {
        ...draft,
        // Until the icons are there, the choices on screen are not the household's: keep the stored ones.
        riskTypes: loaded ? this.data.types.filter((t) => t.selected).map((t) => t.code) : draft.riskTypes,
        description: this.data.description,
        household,
        whom,
        other: whom === "other" ? { ...other, villageCode: otherVillage?.code ?? "", villageName: otherVillage?.name ?? "" } : null,
        reporterPhone: whom === "other" ? reporterPhone : undefined,
      };
      if (hasContent(next)) storage.saveDraft(next);
      else storage.clearDraft();
      this.recheck();
    },
    /** A "请至少点选一种困难" on screen goes, or changes, as soon as the page is put right. */
    recheck() {
      if (!this.data.missingShown) return;
      const missing = this.missing();
      this.setData({ error: missing ?? "", missingShown: missing !== null });
    },
    toggleType(e: WechatMiniprogram.TouchEvent) {
      const code = e.currentTarget.dataset.code as string;
      const types = this.data.types.map((t) => (t.code === code ? { ...t, selected: !t.selected } : t));
      this.setData({ types });
      this.saveDraft();
    },
    onDescription(e: WechatMiniprogram.Input) {
      this.setData({ description: e.detail.value });
      this.saveDraft();
    },
    /** What the voice input heard (voiceBehavior) joins the description. */
    onHeard(text: string) {
      this.setData({ description: (this.data.description + text).slice(0, 500) });
      this.saveDraft();
    },
    editHousehold() {
      this.setData({ editing: true });
    },
    async onPrivateFieldFocus() {
      if (!(await requirePrivacy())) toast("需要您同意隐私保护指引，才能填写电话和身份证号");
    },
    onField(e: WechatMiniprogram.Input) {
      const field = e.currentTarget.dataset.field as "name" | "phone" | "idNumber";
      this.setData({ form: { ...this.data.form, [field]: e.detail.value.trim() } });
      this.saveDraft();
    },
    async onCounty(e: WechatMiniprogram.PickerChange) {
      const county = config.counties[Number(e.detail.value)];
      this.setData({ countyName: county.name, townshipName: "", townships: [], townshipNames: [], villages: [], villageNames: [], village: null });
      try {
        const { items } = await areaChildren({ code: county.code });
        this.setData({ townships: items, townshipNames: items.map((a) => a.name) });
      } catch (err) {
        this.setData({ error: errorText(err) });
      }
    },
    async onTownship(e: WechatMiniprogram.PickerChange) {
      const township = this.data.townships[Number(e.detail.value)];
      this.setData({ townshipName: township.name, villages: [], villageNames: [], village: null });
      try {
        const { items } = await areaChildren({ code: township.code });
        this.setData({ villages: items, villageNames: items.map((a) => a.name) });
      } catch (err) {
        this.setData({ error: errorText(err) });
      }
    },
    onVillage(e: WechatMiniprogram.PickerChange) {
      const v = this.data.villages[Number(e.detail.value)];
      // the pickers serve whichever household the report is for; the own household's village stays its own
      this.setData(this.data.whom === "other" ? { otherVillage: { code: v.code, name: v.name } } : { village: { code: v.code, name: v.name } });
      this.saveDraft();
    },
    toggleConsent() {
      this.setData({ consentGiven: !this.data.consentGiven });
      this.recheck();
    },
    /** What is missing before the report can go, in words; null when it can go. */
    missing(): string | null {
      const { types, form, village, needConsent, consentGiven, whom, other, otherVillage } = this.data;
      if (!types.some((t) => t.selected)) return "请至少点选一种困难";
      if (whom === "other") {
        if (!other.name) return "请填写这户人家户主的姓名";
        if (!other.relation) return "请选这户人家是您的家人，还是邻居或亲戚";
        if (!otherVillage) return "请选择这户人家所在的村";
        if (!consentGiven) return "请先阅读并勾选申报声明";
        return null;
      }
      if (!form.name) return "请填写户主姓名";
      if (!form.phone) return "请填写联系电话";
      if (!village) return "请选择您家所在的村";
      if (needConsent && !consentGiven) return "请先阅读并勾选申报声明";
      return null;
    },
    /** 重试 after a lost connection: the list if it never came, else the same report again. */
    retry() {
      if (this.data.types.length === 0) return this.loadTypes();
      return this.submit();
    },
    async submit() {
      if (this.data.submitting) return;
      // WeChat lets the subscribe prompt open only from inside a tap, so it is asked first —
      // and only when the household has no message left to receive.
      const subscribing = this.data.askSubscribe ? requestSubscribe(config.subscribeTemplateIds) : Promise.resolve([]);
      const missing = this.missing();
      if (missing) {
        this.setData({ error: missing, missingShown: true, offline: false });
        return;
      }
      this.setData({ missingShown: false });
      this.setData({ submitting: true, error: "", offline: false });
      this.saveDraft();
      const draft = storage.draft()!;
      const forOther = this.data.whom === "other";
      const household = draft.household;
      const other = draft.other;
      try {
        if ((this.data.editing || forOther) && !(await requirePrivacy())) throw new PhoneError("需要您同意隐私保护指引，才能提交电话和身份证号");
        const common = {
          riskTypes: draft.riskTypes,
          ...(draft.description.trim() ? { description: draft.description.trim() } : {}),
          channel: "miniprogram" as const,
          consent: { given: true, textVersion: config.consentTextVersion },
        };
        const body: CreateReportBody =
          forOther && other
            ? {
                ...common,
                villageCode: other.villageCode,
                household: { name: other.name, ...(other.phone ? { phone: other.phone } : {}) },
                ...(draft.reporterPhone ? { reporter: { phone: draft.reporterPhone } } : {}),
                // missing() has refused an empty relation
                relation: other.relation as "family" | "neighbour",
              }
            : {
                ...common,
                villageCode: household!.villageCode,
                household: { name: household!.name, phone: household!.phone, ...(household!.idNumber ? { idNumber: household!.idNumber } : {}) },
                relation: "self",
              };
        const receipt = await withSession(() => createReport(body, { "Idempotency-Key": draft.idempotencyKey }));
        // a report for someone else never becomes the person's own saved details
        if (!forOther) {
          storage.saveHousehold(household!);
          storage.saveConsentVersion(config.consentTextVersion);
        }
        storage.clearDraft();
        const allowed = await subscribing;
        // Each "allow" is worth one message; the server counts them. Losing one is harmless.
        if (allowed.length) await grantSubscriptions({ templateIds: allowed }).catch(() => undefined);
        const query = [
          `number=${encodeURIComponent(receipt.number ?? "")}`,
          `dueAt=${encodeURIComponent(receipt.dueAt ?? "")}`,
          `village=${encodeURIComponent(receipt.village.name)}`,
          `duplicateOf=${encodeURIComponent(receipt.duplicateOf?.number ?? "")}`,
          `added=${receipt.outcome === "added_to_open" ? "1" : ""}`,
          `forOther=${forOther ? encodeURIComponent(receipt.household.name) : ""}`,
        ].join("&");
        wx.redirectTo({ url: `/pages/result/result?${query}` });
      } catch (err) {
        this.setData({ error: errorText(err), offline: err instanceof NetworkError });
      }
      this.setData({ submitting: false });
    },
  },
});
