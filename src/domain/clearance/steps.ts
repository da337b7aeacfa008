import { procedure, villageProcedure, type DecisionResult, type NoticeResult, type ReviewForm, type ReviewResult } from "../procedure.js";

/**
 * Risk clearance (风险消除, seed 001 一(四)): a monitored household's way out, step by step
 * (一(四)2 (1)–(7)); after the information update it is marked cleared (8) and stays in the
 * regular screening. There is no quota of clearances anywhere (不得设置风险消除比例).
 */
const PATH = procedure({
  village_study: { label: "村级研究", recorders: ["village_cadre"] },
  visit: { label: "入户核实", recorders: ["village_cadre"] },
  ...villageProcedure({ notice: "村级公示", countyDecision: "县级审定公告" }),
  information_update: { label: "信息更新", recorders: ["county"] },
});
/** The steps in the path's order; each with what staff read and who records it. */
export const CLEARANCE_STEPS = PATH.steps;
export type ClearanceStep = (typeof CLEARANCE_STEPS)[number];
export const CLEARANCE_STEP_LABELS = PATH.labels;
export const mayRecordClearance = PATH.mayRecord;

/** The three conditions of 一(四)1, each confirmed at the visit. */
export const CLEARANCE_CONDITIONS = ["incomeSteady", "guaranteesSecure", "riskGone"] as const;
export type ClearanceCondition = (typeof CLEARANCE_CONDITIONS)[number];
export const CLEARANCE_CONDITION_LABELS: Record<ClearanceCondition, string> = {
  incomeSteady: "家庭年人均纯收入超出当年监测范围并持续稳定不少于半年，大额刚性支出问题稳定解决",
  guaranteesSecure: "“三保障”及饮水安全持续巩固",
  riskGone: "识别时的风险已稳定消除或自然消除，且没有新的返贫致贫风险",
};

/** Months the income must have been steady before a clearance is proposed (不少于半年). */
export const STEADY_MONTHS = 6;

/** A clearance step as recorded, with its China date. */
export type ClearanceRecord = { date: string } & (
  | { step: "village_study"; note?: string }
  | {
      step: "visit";
      /** 家庭年人均纯收入, yuan. */
      incomePerPerson: number;
      /** The China day from which the income has been steady above the line. */
      steadySince: string;
      incomeSteady: boolean;
      guaranteesSecure: boolean;
      riskGone: boolean;
    }
  | { step: "village_review"; form: ReviewForm; result: ReviewResult; note?: string }
  | { step: "notice" }
  | { step: "notice_objection"; text: string }
  | { step: "notice_result"; result: NoticeResult; note?: string }
  | { step: "township_review"; result: ReviewResult; note?: string }
  | { step: "county_decision"; result: DecisionResult; announcement?: string; reason?: string }
  | { step: "information_update"; note?: string }
);
export type ClearanceRecordOf<S extends ClearanceStep> = Extract<ClearanceRecord, { step: S }>;

/** What the household reads of its clearance, in plain words; `undefined` for what it is not told. */
export function householdClearanceText(record: ClearanceRecord): string | undefined {
  switch (record.step) {
    case "village_study":
      return undefined;
    case "visit":
      return record.incomeSteady && record.guaranteesSecure && record.riskGone
        ? "村里上门核实了您家的情况，初步符合风险消除条件"
        : "村里上门核实了您家的情况，暂时还不符合风险消除条件，会继续帮扶";
    case "village_review":
      return record.result === "agree" ? "村里评议同意您家风险消除" : "村里评议没有同意这次风险消除，会继续帮扶";
    case "notice":
      return "村里开始公示拟消除风险名单，公示5天";
    case "notice_objection":
      return undefined;
    case "notice_result":
      return record.result === "objection_upheld" ? "公示中有人提出异议，经核实异议成立，会继续帮扶" : "公示已结束";
    case "township_review":
      return record.result === "agree" ? "乡镇已审核同意，报县里审定" : "乡镇审核没有同意这次风险消除，会继续帮扶";
    case "county_decision":
      return record.result === "approved" ? "县里已批准您家风险消除" : "县里审定没有批准这次风险消除，会继续帮扶";
    case "information_update":
      return "您家已标注风险消除，之后村里还会在日常排查中持续关注您家";
  }
}
