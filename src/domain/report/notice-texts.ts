import { riskTypeLabel } from "../risk-types.js";

/**
 * What staff notices say. They name the report number, the village and the risk types,
 * never a household's name, phone or ID number: they may be read on a shared phone.
 */
export interface ReportFacts {
  number: string;
  villageName: string;
  riskTypes: readonly string[];
  dueText: string; // "3月7日24时"
}

const risks = (codes: readonly string[]) => codes.map(riskTypeLabel).join("、");

export const newReportNotice = (r: ReportFacts) =>
  `【新申报】编号${r.number}，${r.villageName}，风险：${risks(r.riskTypes)}。请在${r.dueText}前受理核查并提出办理意见。`;

export const dueSoonNotice = (r: ReportFacts, daysLeft: 1 | 2) =>
  `【提醒】申报${r.number}（${r.villageName}，${risks(r.riskTypes)}）还剩${daysLeft}天到期（${r.dueText}），尚未提出办理意见，请抓紧核查。`;

export const overdueNotice = (r: ReportFacts) =>
  `【督办】申报${r.number}（${r.villageName}，${risks(r.riskTypes)}）已超过${r.dueText}的期限，村里还没有提出办理意见，请乡镇督促或直接介入。`;

export const transferredToTownshipNotice = (r: ReportFacts) =>
  `【转交】申报${r.number}（${r.villageName}，${risks(r.riskTypes)}）已由村里转交乡镇办理，期限${r.dueText}。`;

/** To a department's staff: a report transferred to it, with its own new 5-day clock. */
export const transferredToDepartmentNotice = (r: ReportFacts) =>
  `【转交】申报${r.number}（${r.villageName}，${risks(r.riskTypes)}）已转交本部门办理，请在${r.dueText}前核查并提出办理意见。`;

/** To the county: the township or department a report was transferred to let its clock run out. */
export const transferOverdueNotice = (r: ReportFacts, holder: string) =>
  `【督办】申报${r.number}（${r.villageName}，${risks(r.riskTypes)}）转交${holder}办理，已超过${r.dueText}的期限仍未提出办理意见，县里可以接手办理或退回村里。`;

/** To the village's cadres: the county sent a report back to them, with a new 5-day clock. */
export const sentBackNotice = (r: ReportFacts) =>
  `【退回】申报${r.number}（${r.villageName}，${risks(r.riskTypes)}）已由县里退回村里办理，请在${r.dueText}前提出办理意见。`;

export function overdueDigestNotice(countyName: string, day: string, byVillage: ReadonlyArray<{ villageName: string; count: number }>): string {
  const total = byVillage.reduce((s, v) => s + v.count, 0);
  if (total === 0) return `【每日超期汇总 ${day}】${countyName}目前没有超期未办的申报。`;
  const lines = byVillage.map((v) => `${v.villageName}：${v.count}条`).join("；");
  return `【每日超期汇总 ${day}】${countyName}共有${total}条申报超期未提出办理意见。${lines}。`;
}
