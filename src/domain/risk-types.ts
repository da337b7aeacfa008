/** The risks of falling (back) into poverty a household may report (DESIGN.md, Risk types). */
export const RISK_TYPES = [
  { code: "illness", label: "因病", explanation: "家里有人得了大病、重病或长期慢性病，看病花钱多" },
  { code: "disability", label: "因残", explanation: "家里有人残疾，干不了活或需要人照顾" },
  { code: "schooling", label: "因学", explanation: "孩子上学花费大，家里供不起" },
  { code: "disaster", label: "因灾", explanation: "洪水、冰雹、火灾等灾害让家里受了损失" },
  { code: "accident", label: "因意外事故", explanation: "车祸、工伤等意外，家里人受伤或花了大钱" },
  { code: "unstable_work", label: "务工就业不稳", explanation: "打工没活干了、工作丢了或工钱拿不到" },
  { code: "business_failure", label: "产业项目失败", explanation: "种养殖或小生意赔了钱" },
  { code: "labour_shortage", label: "缺劳动力", explanation: "家里没有能干活挣钱的人" },
  { code: "income_drop", label: "收入骤减", explanation: "家里收入突然少了很多" },
  { code: "spending_rise", label: "支出骤增", explanation: "家里花销突然大了很多" },
  { code: "housing", label: "住房安全", explanation: "房子成了危房，住着不安全" },
  { code: "drinking_water", label: "饮水安全", explanation: "吃水困难或者水不干净" },
  { code: "dropout", label: "义务教育辍学", explanation: "家里有上小学、初中的孩子不去上学了" },
  { code: "no_insurance", label: "未参加基本医疗保险", explanation: "家里有人没参加医保" },
  { code: "other", label: "其他", explanation: "其他让家里日子过不下去的困难" },
] as const;

export type RiskTypeCode = (typeof RISK_TYPES)[number]["code"];
export const RISK_TYPE_CODES = RISK_TYPES.map((r) => r.code) as unknown as readonly [RiskTypeCode, ...RiskTypeCode[]];

const LABELS = new Map<string, string>(RISK_TYPES.map((r) => [r.code, r.label]));
export const riskTypeLabel = (code: string): string => LABELS.get(code) ?? code;
