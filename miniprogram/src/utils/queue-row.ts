import { daysLeftText } from "./format";
import type { QueueItem } from "./types";

export interface QueueRow {
  id: string;
  number: string;
  statusLabel: string;
  risks: string;
  household: string;
  village: string;
  left: string;
  urgent: boolean;
}

/** A queue item as a row: red when a day or less is left, or already overdue. */
export function queueRow(item: QueueItem): QueueRow {
  return {
    id: item.id,
    number: item.number,
    statusLabel: item.statusLabel,
    risks: item.riskTypeLabels.join("、"),
    household: item.household.name,
    village: item.village.name,
    left: item.daysLeft === null ? "已办理" : daysLeftText(item.daysLeft, item.overdue),
    urgent: item.overdue || (item.daysLeft !== null && item.daysLeft <= 1),
  };
}
