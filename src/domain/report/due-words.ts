/**
 * How a deadline is said and coloured on every screen (mini-program queue and detail, the
 * console's lists): one function, so "今天到期" never becomes "剩0天" somewhere else.
 */
export type DueTone = "overdue" | "soon" | "plain" | "answered";

export interface DueWords {
  text: string;
  tone: DueTone;
}

/** `daysLeft` as deadline.daysLeft gives it (0 on the last day, negative after); null once answered. */
export function dueWords(daysLeft: number | null, overdue: boolean): DueWords {
  if (daysLeft === null) return { text: "已答复", tone: "answered" };
  if (overdue) return { text: daysLeft < 0 ? `已超期${-daysLeft}天` : "已超期", tone: "overdue" };
  if (daysLeft <= 0) return { text: "今天到期", tone: "soon" };
  if (daysLeft === 1) return { text: "明天到期", tone: "soon" };
  return { text: `还剩${daysLeft}天`, tone: "plain" };
}
