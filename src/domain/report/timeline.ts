import { OPINION_LABELS, type OpinionKind } from "./lifecycle.js";

/** What a timeline label reads of an event and of its report. */
export interface TimelineFacts {
  event: { action: string; note: string | null };
  report: { opinionKind: string | null; opinionReason: string | null; transferredTo: string | null };
}

const LABELS: Record<string, (f: TimelineFacts) => string> = {
  received: () => "已收到",
  accept: () => "村委会已受理",
  visit: () => "已上门核查",
  give_opinion: ({ report: r }) =>
    `办理意见：${OPINION_LABELS[(r.opinionKind ?? "propose_monitoring") as OpinionKind]}${r.opinionReason ? `（${r.opinionReason}）` : ""}`,
  transfer: ({ report: r }) => (r.transferredTo === "township" ? "已转交乡镇办理" : "已转交相关部门办理"),
  take_over: () => "县里已接手办理",
  send_back: () => "县里已退回村里办理",
  withdraw: () => "已撤回",
  close: () => "已办结",
  lead_attached: () => "又收到一条相关情况，已合并办理",
  // a receiver's clock running out is escalated to the county: the event's note says so
  marked_overdue: ({ event: e }) => e.note ?? "已超过办理期限，已上报乡镇督办",
  // staff only (an internal event): who asked for the full numbers stays on the record
  revealed: ({ event: e }) => e.note ?? "查看了完整号码",
  household_confirmed: () => "村委会已确认申报人是这一户的人",
  deadline_revised: ({ event: e }) => e.note ?? "办理期限已顺延",
  // the identification and clearance steps carry the household's plain words (domain/identification, domain/clearance)
  identification: ({ event: e }) => e.note ?? "认定程序有新进展",
  clearance: ({ event: e }) => e.note ?? "风险消除有新进展",
};

/** What a household reads on its timeline for an event. */
export const timelineLabel = (f: TimelineFacts): string => (Object.hasOwn(LABELS, f.event.action) ? LABELS[f.event.action](f) : f.event.action);
