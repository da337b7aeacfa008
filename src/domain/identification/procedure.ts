import type { Role } from "../roles.js";

/**
 * What the identification path (seed 001 一(二)3) and the risk clearance (一(四)2) share: the
 * village procedure of review, notice and township review, each step with the words staff read
 * and who records it, and the values their fields take. Each path lists its steps in one table
 * of this shape; its labels and the recorder check come from that table.
 */
export interface StepSpec {
  /** What staff read for the step. */
  label: string;
  /** Who records it; anyone else is refused. */
  recorders: readonly Role[];
}

/** The steps both paths take the same way (only village cadres record the village's steps). */
export const SHARED_STEPS = {
  village_review: { label: "民主评议", recorders: ["village_cadre"] },
  notice_objection: { label: "公示异议", recorders: ["village_cadre"] },
  notice_result: { label: "公示结果", recorders: ["village_cadre"] },
  township_review: { label: "乡镇初审", recorders: ["township"] },
} as const satisfies Record<string, StepSpec>;

/** A path's labels and recorder check, from its table of steps. */
export function stepsOf<S extends string>(table: Record<S, StepSpec>) {
  const steps = Object.keys(table) as S[];
  return {
    labels: Object.fromEntries(steps.map((s) => [s, table[s].label])) as Record<S, string>,
    mayRecord: (step: S, role: Role): boolean => table[step].recorders.includes(role),
  };
}

export const REVIEW_FORMS = ["villagers_meeting", "representatives_meeting", "committees_meeting"] as const;
export type ReviewForm = (typeof REVIEW_FORMS)[number];
export const REVIEW_FORM_LABELS: Record<ReviewForm, string> = {
  villagers_meeting: "村民会议",
  representatives_meeting: "村民代表会议",
  committees_meeting: "村“两委”扩大会议",
};

export const REVIEW_RESULTS = ["agree", "disagree"] as const;
export type ReviewResult = (typeof REVIEW_RESULTS)[number];
export const REVIEW_RESULT_LABELS: Record<ReviewResult, string> = { agree: "同意", disagree: "不同意" };

export const NOTICE_RESULTS = ["no_objection", "objection_resolved", "objection_upheld"] as const;
export type NoticeResult = (typeof NOTICE_RESULTS)[number];
export const NOTICE_RESULT_LABELS: Record<NoticeResult, string> = {
  no_objection: "公示无异议",
  objection_resolved: "异议经核实不影响认定",
  objection_upheld: "异议成立",
};

export const DECISION_RESULTS = ["approved", "rejected"] as const;
export type DecisionResult = (typeof DECISION_RESULTS)[number];
export const DECISION_RESULT_LABELS: Record<DecisionResult, string> = { approved: "批准", rejected: "不予批准" };
