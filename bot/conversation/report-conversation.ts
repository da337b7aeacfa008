import { isMobilePhone } from "../../src/domain/masking.js";
import { RISK_TYPES, riskTypeLabel, type RiskTypeCode } from "../../src/domain/risk-types.js";

/**
 * The private report as a pure state machine: (state, what the person typed, now) →
 * (next state, replies, and at the end the report to submit). No WeChat, no database:
 * the plugin looks villages up and submits; this decides what to ask next.
 */

/** A conversation left alone this long is over; nothing of it is kept. */
export const IDLE_MS = 30 * 60_000;
export const DESCRIPTION_MAX = 500;
export const CONSENT_TEXT_VERSION = "bot-2026-03";

export type Step = "village" | "village_pick" | "name" | "phone" | "risks" | "description" | "confirm";

export interface Village {
  code: string;
  name: string;
}

export interface Draft {
  village?: Village;
  name?: string;
  phone?: string;
  riskTypes?: RiskTypeCode[];
  description?: string | null;
}

export interface ReportConversation {
  step: Step;
  draft: Draft;
  /** Villages offered when a name matched several. */
  candidates: Village[];
  lastActiveAt: number;
}

export interface CompleteDraft {
  village: Village;
  name: string;
  phone: string;
  riskTypes: RiskTypeCode[];
  description: string | null;
}

export interface Turn {
  state: ReportConversation | null;
  replies: string[];
  /** Present once the person confirmed: the plugin creates the report. */
  submit?: CompleteDraft;
}

const CANCEL = /^(取消|退出|不报了|算了|结束)$/;
const CONFIRM = /^(确认|确定|提交|提交吧|确认提交|是|是的|对|对的|好|好的|可以|没问题|1|ok)[。.!！]*$/i;
const SKIP = /^(无|没有|不用|跳过|没了|没有了|略)$/;

const EDITS: Array<{ pattern: RegExp; step: Step }> = [
  { pattern: /^(改|修改|更正|重填)\s*(村|村子|村名)/, step: "village" },
  { pattern: /^(改|修改|更正|重填)\s*(姓名|名字)|名字(写|填)?错/, step: "name" },
  { pattern: /^(改|修改|更正|重填)\s*(手机|电话)|(手机|电话)(号|号码)?(写|填)?(错|不对)/, step: "phone" },
  { pattern: /^(改|修改|更正|重填)\s*(困难|风险|类型)/, step: "risks" },
  { pattern: /^(改|修改|更正|重填)\s*(情况|说明|描述)/, step: "description" },
];

export const isCancel = (text: string): boolean => CANCEL.test(text.trim());

/** Which step an edit request ("改手机号", "电话写错了") asks for, if it is one. */
export function editRequest(text: string): Step | null {
  const t = text.trim();
  return EDITS.find((e) => e.pattern.test(t))?.step ?? null;
}

export const riskMenuText = (): string => RISK_TYPES.map((r, i) => `${i + 1}. ${r.label}：${r.explanation}`).join("\n");

/** "1 3", "1，3", "1、3" → risk codes; null when anything is not a menu number. */
export function parseRiskChoice(text: string): RiskTypeCode[] | null {
  const tokens = text
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .split(/[\s,，、.。;；和]+/)
    .filter(Boolean);
  if (tokens.length === 0) return null;
  const codes: RiskTypeCode[] = [];
  for (const t of tokens) {
    // A label typed out ("因病", "住房安全") counts as its number.
    const byLabel = RISK_TYPES.find((r) => r.label === t || r.label.replace(/^因/, "") === t);
    if (!byLabel && !/^\d{1,2}$/.test(t)) return null;
    const n = byLabel ? RISK_TYPES.indexOf(byLabel) + 1 : Number(t);
    if (n < 1 || n > RISK_TYPES.length) return null;
    const code = RISK_TYPES[n - 1].code;
    if (!codes.includes(code)) codes.push(code);
  }
  return codes;
}

/** Digits only, so "138 0013 8000" and "138-0013-8000" are accepted. */
export const normalizePhone = (text: string): string =>
  text.replace(/[\s\-－—()（）]/g, "").replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

/** "我叫李大山" → "李大山". */
export const nameFrom = (text: string): string =>
  text
    .trim()
    .replace(/^(我叫|我是|叫|户主是|户主叫|户主|姓名是|姓名|名字是|名字)[:：\s]*/, "")
    .replace(/\s+/g, "");

/** The one mobile number in the text ("电话13800138000", "138 0013 8000"), else the text's digits. */
export function phoneFrom(text: string): string {
  const digits = normalizePhone(text);
  const found = digits.match(/1[3-9]\d{9}/g);
  return found && found.length === 1 && !/\d{12,}/.test(digits) ? found[0] : digits;
}

export function isPlausibleName(text: string): boolean {
  const t = text.trim();
  return t.length >= 2 && t.length <= 20 && /^[\p{Script=Han}A-Za-z·•\s]+$/u.test(t);
}

function prompt(state: ReportConversation): string {
  switch (state.step) {
    case "village":
      return "请问您是哪个村的？请回复村名，例如“永安村”。";
    case "village_pick":
      return ["有几个村名字相近，请回复编号：", ...state.candidates.map((v, i) => `${i + 1}. ${v.name}`)].join("\n");
    case "name":
      return "请告诉我需要帮助的这户人家的户主姓名。\n（只有村委会能看到，不会发到群里）";
    case "phone":
      return "请留一个能联系上的手机号（11位数字）。";
    case "risks":
      return `家里遇到了哪些困难？请回复编号，可以多选，用空格隔开，例如“1 3”：\n${riskMenuText()}`;
    case "description":
      return `请简单说说情况（${DESCRIPTION_MAX}字以内），比如什么时候开始、现在最需要什么。不想说可以回复“无”。`;
    case "confirm":
      return summary(state.draft);
  }
}

function summary(d: Draft): string {
  return [
    "请核对：",
    `村：${d.village?.name ?? ""}`,
    `户主：${d.name ?? ""}`,
    `手机：${d.phone ?? ""}`,
    `困难：${(d.riskTypes ?? []).map(riskTypeLabel).join("、")}`,
    `情况：${d.description || "（未填写）"}`,
    "",
    "提交即表示您同意村委会为核实情况使用以上信息。",
    "没问题请回复“确认”；要修改请回复“改手机号”“改姓名”“改困难”“改情况”或“改村”；回复“取消”放弃。",
  ].join("\n");
}

/** The question for the current step, to repeat after a detour (e.g. "查询"). */
export const currentPrompt = (state: ReportConversation): string => prompt(state);

export const isExpired = (state: ReportConversation, now: Date): boolean => now.getTime() - state.lastActiveAt > IDLE_MS;

/**
 * Starts a report. The villages are those of the bound groups the person is in: one is
 * taken as theirs, several are offered by number, none means the village is asked.
 */
export function startConversation(now: Date, villages: Village[] = [], riskTypes: RiskTypeCode[] = []): Turn {
  const [only] = villages;
  // Started from the offer after an answer ("申报因病"): the risk types are already chosen.
  const chosen = riskTypes.length ? { riskTypes } : {};
  const state: ReportConversation =
    villages.length === 1
      ? { step: "name", draft: { village: only, ...chosen }, candidates: [], lastActiveAt: now.getTime() }
      : { step: villages.length > 1 ? "village_pick" : "village", draft: { ...chosen }, candidates: villages.slice(0, 9), lastActiveAt: now.getTime() };
  const what = riskTypes.length ? `困难类型：${riskTypes.map(riskTypeLabel).join("、")}。` : "";
  const intro =
    villages.length === 1
      ? `好的，我帮您登记申报（${only.name}）。${what}大约两分钟，随时回复“取消”可以退出。`
      : `好的，我帮您登记申报。${what}大约两分钟，随时回复“取消”可以退出。`;
  return { state, replies: [intro, prompt(state)] };
}

/** The first question still unanswered: after an edit, straight back to where the person was. */
function nextStep(draft: Draft): Step {
  if (!draft.village) return "village";
  if (!draft.name) return "name";
  if (!draft.phone) return "phone";
  if (!draft.riskTypes?.length) return "risks";
  if (draft.description === undefined) return "description";
  return "confirm";
}

function advance(state: ReportConversation, draft: Draft): Turn {
  const next: ReportConversation = { ...state, draft, candidates: [], step: nextStep(draft) };
  return { state: next, replies: [prompt(next)] };
}

const again = (state: ReportConversation, why: string): Turn => ({ state, replies: [`${why}\n${prompt(state)}`] });

/**
 * One turn. `villages` are the villages whose name matched the text, looked up by the
 * plugin while the step is "village" (see `needsVillageLookup`).
 */
export function continueConversation(previous: ReportConversation, text: string, now: Date, villages: Village[] = []): Turn {
  const state: ReportConversation = { ...previous, lastActiveAt: now.getTime() };
  const t = text.trim();
  if (isCancel(t)) return { state: null, replies: ["已取消，这次填写的内容都没有保存。有需要随时私聊我发“申报”。"] };

  // "申报" again mid-way is not a name: carry on, or start over when asked to.
  if (/^(重新申报|重新开始|重来)$/.test(t)) {
    const fresh = startConversation(now, state.draft.village ? [state.draft.village] : []);
    return { state: fresh.state, replies: ["好的，重新开始。", ...fresh.replies.slice(1)] };
  }
  if (/^(申报|我要申报|我想申报|开始申报|一键申报)$/.test(t)) return again(state, "您正在填写申报，接着回答下面的问题就行（回复“重新开始”可以从头填）。");

  const edit = editRequest(t);
  if (edit) {
    const next: ReportConversation = { ...state, step: edit, candidates: [] };
    return { state: next, replies: [prompt(next)] };
  }

  switch (state.step) {
    case "village": {
      if (villages.length === 0) return again(state, "没有找到这个村。请回复村的名字，例如“永安村”，或村里的12位区划代码。");
      if (villages.length === 1) return advance(state, { ...state.draft, village: villages[0] });
      const candidates = villages.slice(0, 9);
      const next: ReportConversation = { ...state, step: "village_pick", candidates };
      return { state: next, replies: [prompt(next)] };
    }
    case "village_pick": {
      const n = Number(normalizePhone(t));
      if (!Number.isInteger(n) || n < 1 || n > state.candidates.length) return again(state, "请回复列表里的编号。");
      return advance(state, { ...state.draft, village: state.candidates[n - 1] });
    }
    case "name": {
      const name = nameFrom(t);
      if (!isPlausibleName(name)) return again(state, "姓名好像不对，请只写汉字姓名，例如“张德福”。");
      return advance(state, { ...state.draft, name });
    }
    case "phone": {
      const phone = phoneFrom(t);
      if (!isMobilePhone(phone)) return again(state, "手机号应该是1开头的11位数字，请再发一次。");
      return advance(state, { ...state.draft, phone });
    }
    case "risks": {
      const riskTypes = parseRiskChoice(t);
      if (!riskTypes) return again(state, `请回复1到${RISK_TYPES.length}之间的编号，多个用空格隔开。`);
      return advance(state, { ...state.draft, riskTypes });
    }
    case "description": {
      if (t.length > DESCRIPTION_MAX) return again(state, `说明太长了（${t.length}字），请控制在${DESCRIPTION_MAX}字以内。`);
      if (t.length === 0) return again(state, "请用文字简单说说情况，或回复“无”。");
      return advance(state, { ...state.draft, description: SKIP.test(t) ? null : t });
    }
    case "confirm": {
      if (!CONFIRM.test(t)) return again(state, "还没有提交。");
      const d = state.draft;
      if (!d.village || !d.name || !d.phone || !d.riskTypes?.length) return again(state, "还有没填的内容。");
      return {
        state: null,
        replies: [],
        submit: { village: d.village, name: d.name, phone: d.phone, riskTypes: d.riskTypes, description: d.description ?? null },
      };
    }
  }
}

/** While this is true the plugin looks the typed text up as a village name or code. */
export const needsVillageLookup = (state: ReportConversation): boolean => state.step === "village";
