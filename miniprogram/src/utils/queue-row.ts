import type { DueWords, QueueItem } from "./types";

export interface QueueRow {
  id: string;
  number: string;
  statusLabel: string;
  risks: string;
  household: string;
  village: string;
  /** "已超期2天" / "今天到期" / "明天到期" / "还剩3天" / "已答复", as the server words it. */
  left: string;
  /** Colour of the deadline badge: overdue filled red, today or tomorrow amber, else plain. */
  tone: DueWords["tone"];
}

export function queueRow(item: QueueItem): QueueRow {
  return {
    id: item.id,
    number: item.number,
    statusLabel: item.statusLabel,
    risks: item.riskTypeLabels.join("、"),
    household: item.household.name,
    village: item.village.name,
    left: item.due.text,
    tone: item.due.tone,
  };
}
