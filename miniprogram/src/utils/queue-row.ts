import type { DueWords, QueueItem } from "./api-types.generated";

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
  /** After 拟纳入监测: "下一步：民主评议", or where the path ended ("已认定为监测对象"); empty before the opinion. */
  next: string;
  /** The next step's clock ("还剩3天" / "已超期2天") and its colour; empty when none runs. */
  nextLeft: string;
  nextTone: DueWords["tone"] | "";
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
    next: nextWords(item),
    nextLeft: item.identification?.next.clock?.due.text ?? "",
    nextTone: item.identification?.next.clock?.due.tone ?? "",
  };
}

function nextWords(item: QueueItem): string {
  const path = item.identification;
  if (!path) return "";
  return path.next.label ? `下一步：${path.next.label}` : path.stageLabel;
}
