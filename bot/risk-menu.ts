/** The numbered menu of risk types the private report offers (codes from the report contract). */
export const RISK_MENU: ReadonlyArray<{ code: string; label: string }> = [
  { code: "illness", label: "因病（大病、重病、慢性病）" },
  { code: "disability", label: "因残" },
  { code: "schooling", label: "因学（上学开支大）" },
  { code: "disaster", label: "因灾（自然灾害）" },
  { code: "accident", label: "意外事故" },
  { code: "unstable_work", label: "务工就业不稳" },
  { code: "business_failure", label: "产业或生意失败" },
  { code: "labour_shortage", label: "缺劳动力" },
  { code: "income_drop", label: "收入骤减" },
  { code: "spending_rise", label: "支出骤增" },
  { code: "housing", label: "住房不安全" },
  { code: "drinking_water", label: "饮水不安全" },
  { code: "dropout", label: "孩子义务教育辍学" },
  { code: "no_insurance", label: "没参加基本医疗保险" },
  { code: "other", label: "其他困难" },
];

export const riskLabel = (code: string): string => RISK_MENU.find((r) => r.code === code)?.label.replace(/（.*）/, "") ?? code;
