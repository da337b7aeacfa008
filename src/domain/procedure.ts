import type { Role } from "./roles.js";

/**
 * What the identification path (seed 001 一(二)3) and the risk clearance (一(四)2) share: the
 * village procedure of review, notice and township review, each step with the words staff read
 * and who records it, and the values their fields take. Each path lists its steps in one table
 * of this shape, in order; its steps, labels and the recorder check come from that table.
 */
export interface StepSpec {
  /** What staff read for the step. */
  label: string;
  /** Who records it; anyone else is refused. */
  recorders: readonly Role[];
}

/**
 * The village procedure both paths take the same way between their own first and last steps,
 * in order: review, notice, its objections and result, township review, county decision (only
 * village cadres record the village's steps). Only the notice's and the decision's words differ.
 */
export function villageProcedure(words: { notice: string; countyDecision: string }) {
  return {
    village_review: { label: "民主评议", recorders: ["village_cadre"] },
    notice: { label: words.notice, recorders: ["village_cadre"] },
    notice_objection: { label: "公示异议", recorders: ["village_cadre"] },
    notice_result: { label: "公示结果", recorders: ["village_cadre"] },
    township_review: { label: "乡镇初审", recorders: ["township"] },
    county_decision: { label: words.countyDecision, recorders: ["county"] },
  } as const satisfies Record<string, StepSpec>;
}

/** A path from its table of steps, written in the path's order: the steps, their labels and the recorder check. */
export function procedure<const T extends Record<string, StepSpec>>(table: T) {
  type Step = keyof T & string;
  const steps = Object.keys(table) as Step[];
  return {
    steps: steps as readonly Step[],
    labels: Object.fromEntries(steps.map((s) => [s, table[s].label])) as Record<Step, string>,
    mayRecord: (step: Step, role: Role): boolean => table[step].recorders.includes(role),
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
