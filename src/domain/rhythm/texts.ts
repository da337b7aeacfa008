import { chinaMonthDay } from "../china-time.js";
import type { Audience } from "./audiences.js";

/**
 * The words of the reminders: plain and kind, naming days as "3月7日", never a person.
 * A rule's template may use {date} (the day it is sent), {due} (its deadline),
 * {month} ("3月") and {quarter} ("第一季度").
 */
export function renderTemplate(template: string, o: { day: string; dueDay: string | null; step?: string }): string {
  const quarter = ["第一季度", "第二季度", "第三季度", "第四季度"][Math.floor((Number(o.day.slice(5, 7)) - 1) / 3)];
  // a window's closing day sends the same words, headed so nobody mistakes it for the opening
  const head = o.step === "end" ? "【今天截止】" : "";
  return (
    head +
    template
      .replaceAll("{date}", chinaMonthDay(o.day))
      .replaceAll("{due}", o.dueDay ? chinaMonthDay(o.dueDay) : "")
      .replaceAll("{month}", `${Number(o.day.slice(5, 7))}月`)
      .replaceAll("{quarter}", quarter)
  );
}

export interface CampaignWords {
  name: string;
  firstDay: string;
  lastDay: string;
}

const span = (c: CampaignWords) => `${chinaMonthDay(c.firstDay)}至${chinaMonthDay(c.lastDay)}`;

/** The text a campaign step sends to one audience. `summary` fills the after-the-end text. */
export function campaignText(step: string, audience: Audience, c: CampaignWords, summary?: { reports: number; answered: number }): string {
  switch (step) {
    case "before_7d":
    case "before_1d": {
      const when = step === "before_7d" ? "再过一周" : "明天";
      if (audience === "village_groups")
        return `乡亲们好！${when}（${chinaMonthDay(c.firstDay)}）开始"${c.name}"，村干部和网格员会到各家各户走走看看，了解家里有没有看病、上学、务工、住房等方面的难处。家里有人在外地打工的，也可以通过微信或电话参加。`;
      if (audience === "farmers") return `${c.name}：${span(c)}入户走访，有困难可以当面说，也可以在小程序里申报。`;
      return `提醒：${when}（${chinaMonthDay(c.firstDay)}）开始"${c.name}"（${span(c)}），请安排好入户排查；在外务工的家庭可通过微信、电话排查。`;
    }
    case "first_day":
      return `乡亲们好！今天起到${chinaMonthDay(c.lastDay)}是"${c.name}"。村干部和网格员会上门问一问家里的收入、看病、上学、住房和饮水情况，看看有没有返贫的风险，有困难的及早帮。家里人在外地打工、回不来的，可以通过微信或电话参加，不用专门赶回来。有困难也可以随时在群里或小程序"一键申报"。`;
    case "before_end_3d":
      return `提醒："${c.name}"将于${chinaMonthDay(c.lastDay)}结束，还有3天。请把还没走访到的农户（含在外务工、通过微信电话排查的）补齐，并及时录入。`;
    case "after_end":
      return `"${c.name}"（${span(c)}）已结束。排查期间本辖区共收到风险申报${summary?.reports ?? 0}件，已给出办理意见${summary?.answered ?? 0}件。请核对排查台账，做好总结。`;
    default:
      return c.name;
  }
}
