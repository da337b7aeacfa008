import { errorText, NetworkError } from "../../utils/api";
import { askPolicy, policies } from "../../utils/api-client.generated";
import type { PolicyAnswer, PolicySummary } from "../../utils/api-types.generated";
import { pageBehavior } from "../../utils/page-behavior";
import { voiceBehavior } from "../../utils/voice-behavior";
import { askerRegion, countyChoices, rememberCounty } from "../../utils/region";

/**
 * 政策明白纸: the sheets of the household's region, and a box to ask in plain words. A
 * household that has not reported yet picks its county once (remembered) before the first
 * question: figures differ by province, and no other province's figure may be shown as its own.
 */
Component({
  behaviors: [pageBehavior, voiceBehavior],
  data: {
    sheets: [] as PolicySummary[],
    question: "",
    answers: [] as PolicyAnswer[],
    asked: false,
    confident: true,
    offerReport: false,
    /** The risk types the question told of: the report page opens with them chosen. */
    offerRisks: [] as string[],
    needCounty: false,
    counties: countyChoices,
    error: "",
    offline: false,
  },
  lifetimes: {
    attached() {
      this.setData({ needCounty: !askerRegion() });
      void this.load();
    },
  },
  methods: {
    async load() {
      this.setData({ error: "", offline: false });
      const region = askerRegion();
      if (!region) return;
      try {
        const { items } = await policies({ region });
        this.setData({ sheets: items });
      } catch (err) {
        this.setData({ error: errorText(err), offline: err instanceof NetworkError });
      }
    },
    pickCounty(e: WechatMiniprogram.TouchEvent) {
      const code = e.currentTarget.dataset.code as string | undefined;
      if (!code) return;
      rememberCounty(code);
      this.setData({ needCounty: false, error: "" });
      void this.load();
      if (this.data.question.trim()) void this.ask();
    },
    report() {
      wx.navigateTo({ url: `/pages/report/report?risks=${encodeURIComponent(this.data.offerRisks.join(","))}` });
    },
    open(e: WechatMiniprogram.TouchEvent) {
      if (!e.currentTarget.dataset.id) return;
      wx.navigateTo({ url: `/pages/policy-sheet/policy-sheet?sheetId=${encodeURIComponent(e.currentTarget.dataset.id as string)}` });
    },
    onQuestion(e: WechatMiniprogram.Input) {
      this.setData({ question: e.detail.value });
    },
    /** What the voice input heard (voiceBehavior) joins the question. */
    onHeard(text: string) {
      this.setData({ question: (this.data.question + text).slice(0, 200) });
    },
    async ask() {
      const q = this.data.question.trim();
      if (!q) {
        this.setData({ error: "请先写下您想问的事", offline: false });
        return;
      }
      const region = askerRegion();
      if (!region) {
        this.setData({ needCounty: true, error: "请先选您所在的县（区），各地的标准不一样", offline: false });
        return;
      }
      this.setData({ error: "", offline: false });
      try {
        const res = await askPolicy({ q, region });
        if (res.regionNeeded) {
          this.setData({ needCounty: true, error: res.regionNeeded.message });
          return;
        }
        this.setData({ answers: res.answers, confident: res.confident, asked: true, offerReport: res.hardship.length > 0, offerRisks: res.hardship });
      } catch (err) {
        this.setData({ error: errorText(err), offline: err instanceof NetworkError });
      }
    },
  },
});
