import { errorText, get } from "./api";
import { queueRow } from "./queue-row";
import { withSession } from "./session";
import type { Page, QueueItem } from "./types";

/** Loads one queue view (the cadre's queue, the township's overdue list) into a page's rows. */
export async function loadQueueInto(page: WechatMiniprogram.Component.TrivialInstance, path: string): Promise<void> {
  page.setData({ error: "" });
  try {
    const result = await withSession(() => get<Page<QueueItem>>(path));
    page.setData({ rows: result.items.map(queueRow), total: result.total, loaded: true });
  } catch (err) {
    page.setData({ error: errorText(err) });
  }
}

/** Opens a report's detail from a tapped row. */
export function openReport(e: WechatMiniprogram.TouchEvent): void {
  wx.navigateTo({ url: `/pages/report-detail/report-detail?reportId=${e.currentTarget.dataset.id as string}` });
}
