import type { Role } from "../roles.js";

/**
 * The life of a report (DESIGN.md, The report's life): which move takes it from which
 * state to which, and who may make it. Pure: the service applies it in a transaction.
 */
export const REPORT_STATUSES = ["received", "accepted", "visited", "opinion_given", "closed", "withdrawn", "transferred"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Statuses still waiting for a handling opinion: the 5-day clock runs. */
export const AWAITING_OPINION: readonly ReportStatus[] = ["received", "accepted", "visited", "transferred"];
/** Statuses in which a household's new lead is attached rather than opening a new report. */
export const OPEN_STATUSES: readonly ReportStatus[] = ["received", "accepted", "visited", "transferred", "opinion_given"];
/** Statuses after which nothing more happens to a report. */
export const FINISHED_STATUSES: readonly ReportStatus[] = ["closed", "withdrawn"];

export const isAwaitingOpinion = (status: ReportStatus): boolean => AWAITING_OPINION.includes(status);

export type ReportAction = "accept" | "visit" | "give_opinion" | "transfer" | "take_over" | "send_back" | "withdraw" | "close";

interface Move {
  from: readonly ReportStatus[];
  to: ReportStatus;
  roles: readonly Role[];
}

const VILLAGE: readonly Role[] = ["village_cadre", "township", "admin"];

export const MOVES: Record<ReportAction, Move> = {
  accept: { from: ["received"], to: "accepted", roles: VILLAGE },
  visit: { from: ["accepted", "visited"], to: "visited", roles: [...VILLAGE, "grid_worker"] },
  // which of these may answer which report is mayGiveOpinion (visibility.ts); admin never
  give_opinion: { from: ["accepted", "visited", "transferred"], to: "opinion_given", roles: ["village_cadre", "township", "county", "department"] },
  transfer: { from: ["received", "accepted", "visited"], to: "transferred", roles: VILLAGE },
  // the county takes over a report escalated overdue (mayTakeOver), and then answers it itself
  take_over: { from: ["received", "accepted", "visited", "transferred"], to: "transferred", roles: ["county"] },
  // or sends a report whose receiver let its clock run out back to the village (maySendBack), with a new clock
  send_back: { from: ["transferred"], to: "accepted", roles: ["county"] },
  // the reporter may take a report back until the village has answered it
  withdraw: { from: ["received", "accepted", "visited"], to: "withdrawn", roles: ["farmer", "grid_worker", "village_cadre", "department"] },
  close: { from: ["opinion_given"], to: "closed", roles: [...VILLAGE, "county"] },
};

export type MoveCheck = { ok: true; to: ReportStatus } | { ok: false; reason: "role" | "state" };

export function checkMove(action: ReportAction, from: ReportStatus, role: Role): MoveCheck {
  const move = MOVES[action];
  if (!move.roles.includes(role)) return { ok: false, reason: "role" };
  if (!move.from.includes(from)) return { ok: false, reason: "state" };
  return { ok: true, to: move.to };
}

/** What a farmer reads for each status. */
export const STATUS_LABELS: Record<ReportStatus, string> = {
  received: "已收到，等待村委会受理",
  accepted: "村委会已受理",
  visited: "已上门核查",
  opinion_given: "已提出办理意见",
  closed: "已办结",
  withdrawn: "已撤回",
  transferred: "已转交办理",
};

export const OPINION_KINDS = ["propose_monitoring", "not_eligible", "already_assisted", "transferred", "duplicate"] as const;
export type OpinionKind = (typeof OPINION_KINDS)[number];

export const OPINION_LABELS: Record<OpinionKind, string> = {
  propose_monitoring: "拟纳入监测，接下来会进行民主评议和公示",
  not_eligible: "经核查暂不符合纳入监测条件",
  already_assisted: "已经落实了帮扶措施",
  transferred: "已转交相关部门办理",
  duplicate: "与之前的申报重复，合并办理",
};

/** Opinions that must carry a reason the household can read. */
export const OPINIONS_NEEDING_REASON: readonly OpinionKind[] = ["not_eligible", "transferred"];

export const RELATIONS = ["self", "family", "neighbour", "grid_worker", "cadre", "department"] as const;
export type Relation = (typeof RELATIONS)[number];
/** Who filed the report, as the ledger names it (申报人关系). */
export const RELATION_LABELS: Record<Relation, string> = {
  self: "本人",
  family: "家庭成员",
  neighbour: "邻居代报",
  grid_worker: "网格员代报",
  cadre: "村干部代报",
  department: "部门预警",
};
export const CHANNELS = ["miniprogram", "bot", "in_person", "phone", "department"] as const;
export type Channel = (typeof CHANNELS)[number];
/** How a report reached the village, as the ledger and the console name it. */
export const CHANNEL_LABELS: Record<Channel, string> = { miniprogram: "小程序", bot: "微信群", in_person: "当面", phone: "电话", department: "部门预警" };
