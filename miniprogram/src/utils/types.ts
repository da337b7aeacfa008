/** Shapes of the yijian HTTP API as the mini-program reads them. */

export interface HouseholdDetails {
  name: string;
  phone: string;
  idNumber: string;
  villageCode: string;
  villageName: string;
}

/** An unfinished report, kept in storage so it survives closing the app. */
export interface Draft {
  riskTypes: string[];
  description: string;
  household: HouseholdDetails | null;
  /** Made once per draft; a retry after a lost answer sends the same key. */
  idempotencyKey: string;
}

export interface RiskType {
  code: string;
  label: string;
  explanation: string;
}

export interface ReportReceipt {
  id: string;
  number: string;
  status: string;
  receivedAt: string;
  dueAt: string;
  village: { code: string; name: string };
  duplicateOf: { id: string; number: string } | null;
  message: string;
}

export interface MyReport {
  id: string;
  number: string;
  status: string;
  statusLabel: string;
  riskTypes: string[];
  riskTypeLabels: string[];
  receivedAt: string;
  dueAt: string;
  village: { code: string; name: string };
  opinion: { kind: string; label: string; reason: string | null } | null;
  timeline: Array<{ at: string; label: string }>;
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
  channel: string;
  village: { code: string; name: string };
  household: { name: string; phone: string; idNumber: string | null };
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
  total: number;
  page: number;
  pageSize: number;
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
