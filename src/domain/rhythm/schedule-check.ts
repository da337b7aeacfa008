import type { ScheduleSpec } from "./schedule.js";

/** Why a campaign's dates cannot stand, or null. Days are "YYYY-MM-DD" China days. */
export function campaignDatesProblem(firstDay: string, lastDay: string): { code: string; message: string } | null {
  if (lastDay < firstDay) return { code: "campaign_dates_invalid", message: "结束日期不能早于开始日期" };
  const days = (Date.parse(lastDay) - Date.parse(firstDay)) / 86_400_000 + 1;
  if (days > 92) return { code: "campaign_too_long", message: "一次集中排查最长三个月（92天），请分成两次" };
  return null;
}

/** Why a schedule cannot stand, or null (the shape is checked by the HTTP schema). */
export function scheduleProblem(spec: ScheduleSpec): string | null {
  if (spec.kind === "monthly_window" && spec.endDay < spec.startDay) return "每月时段的结束日不能早于开始日";
  if ((spec.kind === "monthly" || spec.kind === "quarterly") && spec.dueDay !== undefined && spec.dueDay < spec.day) return "截止日不能早于提醒日";
  return null;
}
