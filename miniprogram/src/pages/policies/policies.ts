import { errorText, get, NetworkError } from "../../utils/api";
import { pageBehavior } from "../../utils/page-behavior";
import { storage } from "../../utils/storage";
import type { PolicyAnswer, PolicySummary } from "../../utils/types";

/** 政策明白纸: the sheets of the household's region, and a box to ask in plain words. */
Component({
  behaviors: [pageBehavior],
  data: {
    sheets: [] as PolicySummary[],
    question: "",
    answers: [] as PolicyAnswer[],
    asked: false,
    confident: true,
    error: "",
    offline: false,
  },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  methods: {
    region(): string {
      return storage.household()?.villageCode ?? "";
    },
    async load() {
      this.setData({ error: "", offline: false });
      try {
        const region = this.region();
        const { items } = await get<{ items: PolicySummary[] }>(`/api/policies${region ? `?region=${region}` : ""}`);
        this.setData({ sheets: items });
      } catch (err) {
        this.setData({ error: errorText(err), offline: err instanceof NetworkError });
      }
    },
    open(e: WechatMiniprogram.TouchEvent) {
      if (!e.currentTarget.dataset.id) return;
      wx.navigateTo({ url: `/pages/policy-sheet/policy-sheet?sheetId=${encodeURIComponent(e.currentTarget.dataset.id as string)}` });
    },
    onQuestion(e: WechatMiniprogram.Input) {
      this.setData({ question: e.detail.value });
    },
    async ask() {
      const q = this.data.question.trim();
      if (!q) {
        this.setData({ error: "请先写下您想问的事", offline: false });
        return;
      }
      this.setData({ error: "", offline: false });
      try {
        const region = this.region();
        const res = await get<{ answers: PolicyAnswer[]; confident: boolean }>(`/api/policies/ask?q=${encodeURIComponent(q)}${region ? `&region=${region}` : ""}`);
        this.setData({ answers: res.answers, confident: res.confident, asked: true });
      } catch (err) {
        this.setData({ error: errorText(err), offline: err instanceof NetworkError });
      }
    },
  },
});
