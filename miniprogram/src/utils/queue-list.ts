import { errorText } from "./api";
import { queue } from "./api-client.generated";
import type { QueueQuery } from "./api-types.generated";
import { queueRow, type QueueRow } from "./queue-row";
import { withSession } from "./session";

/** Rows per request; a village with more gets 加载更多 rather than a silent cut at 50. */
export const PAGE_SIZE = 50;

/** The latest request of each page, so a slow earlier answer never overwrites a newer one. */
const latest = new WeakMap<object, number>();

/**
 * Loads one queue view (the cadre's queue, the township's overdue list) into a page's rows:
 * page 1 replaces them, a later page is appended (加载更多).
 */
export async function loadQueueInto(page: WechatMiniprogram.Component.TrivialInstance, query: QueueQuery, pageNo = 1): Promise<void> {
  page.setData({ error: "" });
  const asked = (latest.get(page) ?? 0) + 1;
  latest.set(page, asked);
  try {
    // 加载更多 continues where the last page ended (the server's cursor): the same cost however far down
    const cursor = pageNo > 1 ? (page.data as { cursor?: string | null }).cursor : null;
    const at = cursor ? { cursor } : { page: pageNo };
    const result = await withSession(() => queue({ ...query, ...at, pageSize: PAGE_SIZE }));
    // a filter tapped while an earlier answer was on its way: that answer is no longer wanted
    if (latest.get(page) !== asked) return;
    const rows: QueueRow[] = [...(pageNo === 1 ? [] : (page.data as { rows: QueueRow[] }).rows), ...result.items.map(queueRow)];
    page.setData({ rows, total: result.total ?? rows.length, pageNo, cursor: result.nextCursor, more: result.nextCursor !== null, loaded: true });
  } catch (err) {
    page.setData({ error: errorText(err) });
  }
}

/** Opens a report's detail from a tapped row. */
export function openReport(e: WechatMiniprogram.TouchEvent): void {
  wx.navigateTo({ url: `/pages/report-detail/report-detail?reportId=${e.currentTarget.dataset.id as string}` });
}
