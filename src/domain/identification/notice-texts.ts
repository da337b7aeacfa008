import { describeDueAt } from "../report/clock.js";
import { STAGE_LABELS, type IdentificationStage } from "./path.js";
import { CLOCK_LABELS, type ClockNotice, type ClockName } from "./clocks.js";

/**
 * What the identification clocks' reminders and escalations say to staff: the report number,
 * the village, the clock and its end — never the household's name, phone or ID number
 * (they may be read on a shared phone).
 */
export interface CaseFacts {
  number: string;
  villageName: string;
  stage: IdentificationStage;
}

/** The words of one clock notice (kind from `clockNotices`). */
export function clockNoticeText(kind: ClockNotice["kind"], clock: { name: ClockName; dueAt: Date }, c: CaseFacts): string {
  const what = `申报${c.number}（${c.villageName}）“${CLOCK_LABELS[clock.name]}”`;
  const due = describeDueAt(clock.dueAt);
  switch (kind) {
    case "due_in_2_days":
      return `【提醒】${what}还剩2天到期（${due}），目前${STAGE_LABELS[c.stage]}，请抓紧办理。`;
    case "due_in_1_day":
      return `【提醒】${what}明天到期（${due}），目前${STAGE_LABELS[c.stage]}，请抓紧办理。`;
    case "overdue":
      return `【督办】${what}已超过${due}的期限，目前${STAGE_LABELS[c.stage]}，请督促或直接介入。`;
    case "still_overdue":
      return `【督办】${what}超过${due}的期限已2天仍未完成，目前${STAGE_LABELS[c.stage]}，请县里督办。`;
    case "notice_ended":
      return `【公示结束】申报${c.number}（${c.villageName}）的村内公示已于${due}结束，请填写公示结果。`;
  }
}
