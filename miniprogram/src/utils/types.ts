/** Shapes of the yijian HTTP API as the mini-program reads them. */

export interface HouseholdDetails {
  name: string;
  phone: string;
  idNumber: string;
  villageCode: string;
  villageName: string;
}

/** Someone else's household the person reports for: never saved as their own details. */
export interface OtherHousehold {
  name: string;
  /** The household's own phone, when it has one. */
  phone: string;
  relation: "" | "family" | "neighbour";
  villageCode: string;
  villageName: string;
}

/** An unfinished report, kept in storage so it survives closing the app. */
export interface Draft {
  riskTypes: string[];
  description: string;
  household: HouseholdDetails | null;
  /** 给自己家报 (absent in drafts kept before the question was asked) or 帮别人报. */
  whom?: "self" | "other";
  other?: OtherHousehold | null;
  /** The reporter's own phone when reporting for someone else. */
  reporterPhone?: string;
  /** Made once per draft; a retry after a lost answer sends the same key. */
  idempotencyKey: string;
}

export interface RiskType {
  code: string;
  label: string;
  explanation: string;
}

export interface ReportReceipt {
  outcome: "created" | "added_to_open";
  /** Null when added to another household's open report the reporter may not see. */
  id: string | null;
  number: string | null;
  status: string | null;
  receivedAt: string;
  dueAt: string | null;
  village: { code: string; name: string };
  household: { name: string };
  relation: string;
  duplicateOf: { id: string; number: string } | null;
  message: string;
}

/**
 * One of 我的申报: the household's own report ("household": status, opinion and reason, timeline), or
 * one the person reported for someone else ("reporter": how far it got and when, nothing more).
 */
export interface MyReport {
  view: "household" | "reporter" | "staff";
  /** Null on a report added to another household's open case: the number is that household's. */
  id: string | null;
  number: string | null;
  status: string;
  statusLabel: string;
  household: { name: string };
  relation: string;
  relationLabel: string;
  riskTypes: string[];
  riskTypeLabels: string[];
  receivedAt: string;
  dueAt?: string;
  village: { code: string; name: string };
  opinion?: { kind: string; label: string; reason: string | null } | null;
  timeline?: Array<{ at: string; label: string }>;
  /** The reporter's view: received / accepted / answered / closed, each when it happened. */
  dates?: { received: string; accepted: string | null; answered: string | null; closed: string | null };
  mayWithdraw: boolean;
}

/** The deadline in the words and colour every screen uses (the server's dueWords). */
export interface DueWords {
  text: string;
  tone: "overdue" | "soon" | "plain" | "answered";
}

export interface QueueItem {
  id: string;
  number: string;
  status: string;
  statusLabel: string;
  riskTypes: string[];
  riskTypeLabels: string[];
  village: { code: string; name: string };
  household: { name: string; phone: string };
  receivedAt: string;
  dueAt: string;
  overdue: boolean;
  /** Null once the handling opinion is given: the clock has stopped. */
  daysLeft: number | null;
  due: DueWords;
  /** After 拟纳入监测: the identification path's next step and the clock it answers to. */
  identification: {
    stage: string;
    stageLabel: string;
    next: { label: string | null; holderLabel: string | null; clock: { label: string; due: DueWords } | null };
  } | null;
}

export interface ReportDetail {
  id: string;
  number: string;
  status: string;
  statusLabel: string;
  riskTypes: string[];
  riskTypeLabels: string[];
  description: string | null;
  relation: string;
  /** Who reported, in words: 本人, 家庭成员, 邻居代报 … */
  relationLabel: string;
  channel: string;
  village: { code: string; name: string };
  /** The household at risk; its phone null when it has none (a neighbour reported without one). */
  household: { name: string; phone: string | null; idNumber: string | null };
  /** The reporter's own phone, when they left one. */
  reporter: { relation: string; phone: string | null };
  /** Risk types that came with later reports (追加); null where not shown. */
  riskTypeAddedLabels: string[] | null;
  receivedAt: string;
  dueAt: string;
  overdue: boolean;
  daysLeft: number | null;
  due: DueWords;
  opinion: { kind: string; label: string; reason: string | null; policyRef: string | null } | null;
  reportedByMe: boolean;
  /** The server's answer whether this account may reach the household by its full number (the 打电话 button). */
  mayReveal: boolean;
  /** 补录: when a back-dated paper application was typed in; null otherwise. */
  enteredAt: string | null;
  timeline: Array<{ at: string; from: string | null; to: string; label: string; note: string | null; actorRole: string }>;
}

export interface Page<T> {
  items: T[];
  /** Null when a filter the server's counters do not know narrows the list (never on these screens). */
  total: number | null;
  page: number;
  pageSize: number;
  /** Pass back as ?cursor= for the next page; null on the last one. */
  nextCursor?: string | null;
}

export interface PolicySummary {
  id: string;
  title: string;
  regionName: string;
  source: string;
  year: number;
}

export interface PolicySheet {
  id: string;
  title: string;
  regionName: string;
  body: string;
  faq: Array<{ question: string; answer: string; source: string | null }>;
  source: string;
  year: number;
}

/** One answer to a question; `sheet` is null for the "ask the village" fallback. */
export interface PolicyAnswer {
  sheet: string | null;
  title: string;
  text: string;
  source: string | null;
  score: number;
}

export interface SignedIn {
  token: string;
  account: { id: string; role: string; displayName: string };
  /** Signed in with a one-time password: the session can only choose a new one. */
  mustChangePassword?: boolean;
}
