import type { PolicyPort, PolicySheet } from "../../bot/ports.js";

/**
 * A stand-in for the policy answers with a provincial figure per region, so a test can
 * tell whether the bot asked with the village's province. Heilongjiang (23) and Hunan (43)
 * differ on purpose.
 */
export const HLJ_FIGURE = "14000元";
export const HUNAN_FIGURE = "21000元";

const longBody = Array.from({ length: 40 }, (_, i) => `第${i + 1}条：按规定办理，材料齐全的当场受理，村委会帮着跑腿，农户不用来回折腾。`.repeat(2)).join(
  "\n\n",
);

const sheets = (region: string | null): PolicySheet[] => [
  { id: "how-to-report", title: "申报政策明白纸", text: longBody, source: "防止返贫监测帮扶工作指南 一（二）" },
  {
    id: "housing",
    title: "住房安全明白纸",
    text: region === "43" ? `C级危房和无房户补助${HUNAN_FIGURE}。` : `C级危房和无房户补助${HLJ_FIGURE}，D级危房28000元。`,
    source: region === "43" ? "湖南省农村危房改造实施办法" : "黑龙江省农村危房改造补助标准",
  },
];

export interface PolicyCall {
  question: string;
  region: string | null;
}

export function policyDouble(): PolicyPort & { calls: PolicyCall[] } {
  const calls: PolicyCall[] = [];
  return {
    calls,
    async ask(question, region) {
      calls.push({ question, region });
      if (!/危房|房子|住房/.test(question)) return { answers: [], confident: false };
      const sheet = sheets(region)[1];
      return { answers: [{ sheet: sheet.id, title: sheet.title, text: sheet.text, source: sheet.source, quote: null, score: 9 }], confident: true };
    },
    async listSheets(region) {
      return sheets(region).map(({ id, title }) => ({ id, title }));
    },
    async getSheet(id, region) {
      return sheets(region).find((s) => s.id === id) ?? null;
    },
  };
}
