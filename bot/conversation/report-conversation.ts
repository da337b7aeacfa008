import { isMobilePhone } from "../../src/domain/masking.js";
import { RISK_TYPES, riskTypeLabel, type RiskTypeCode } from "../../src/domain/risk-types.js";
import { simplifiedText } from "../../src/domain/policy/normalize.js";

/**
 * The private report as a pure state machine: (state, what the person typed, now) →
 * (next state, replies, and at the end the report to submit). No WeChat, no database:
 * the plugin looks villages up and submits; this decides what to ask next.
 */

/** A conversation left alone this long is over; nothing of it is kept. */
export const IDLE_MS = 30 * 60_000;
export const DESCRIPTION_MAX = 500;
/** The reporter's statement (issue 14): for oneself, or that one reports with the household's knowledge. */
export const CONSENT_TEXT_VERSION = "bot-2026-11";

export type Step = "whom" | "relation" | "village" | "village_pick" | "name" | "phone" | "reporter_phone" | "risks" | "description" | "confirm";

/** For one's own household, or for someone else's; someone else's as family or as a neighbour (a relative counts as one). */
export type Whom = "self" | "other";
export type OtherRelation = "family" | "neighbour";

export interface Village {
  code: string;
  name: string;
}

export interface Draft {
  whom?: Whom;
  relation?: OtherRelation;
  village?: Village;
  name?: string;
  /** The household's phone; null: someone else's household without one. */
  phone?: string | null;
  /** The reporter's own phone when reporting for someone else; null: not left. */
  reporterPhone?: string | null;
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
  whom: Whom;
  relation: OtherRelation | null;
  village: Village;
  name: string;
  phone: string | null;
  reporterPhone: string | null;
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
const SKIP = /^(无|没有|不用|跳过|没了|没有了|略|不留|没手机|没有手机)$/;
const SELF = /^(1|１|自己|自己家|给自己家报|本人|我家|我自己)$/;
const OTHER = /^(2|２|别人|帮别人|帮别人报|代报|替别人报|他人)$/;
const FAMILY = /^(1|１|家人|家里人|亲属)$/;
const NEIGHBOUR = /^(2|２|邻居|亲戚|邻居或亲戚|朋友)$/;

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

/** "1 3", "1，3", "1、3", "因病 因灾" (or "因災") → risk codes; null when anything is not a menu number or label. */
export function parseRiskChoice(text: string): RiskTypeCode[] | null {
  // simplifiedText folds full-width digits too (NFKC): "１ ３" is "1 3".
  const tokens = simplifiedText(text)
    .trim()
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
  const other = state.draft.whom === "other";
  switch (state.step) {
    case "whom":
      return "给自己家报，还是帮别人报？\n1. 给自己家报\n2. 帮别人报\n请回复 1 或 2。";
    case "relation":
      return "您是这户人家的什么人？\n1. 家人\n2. 邻居或亲戚\n请回复 1 或 2。";
    case "village":
      return other ? "这户人家是哪个村的？请回复村名，例如“永安村”。" : "请问您是哪个村的？请回复村名，例如“永安村”。";
    case "village_pick":
      return ["有几个村名字相近，请回复编号：", ...state.candidates.map((v, i) => `${i + 1}. ${v.name}`)].join("\n");
    case "name":
      return other ? "这户人家的户主叫什么名字？\n（只有村委会能看到，不会发到群里）" : "请告诉我您家户主的姓名。\n（只有村委会能看到，不会发到群里）";
    case "phone":
      return other ? "这户人家有手机号吗？有请发过来（11位数字），没有请回复“没有”。" : "请留一个能联系上您家的手机号（11位数字）。";
    case "reporter_phone":
      return "请留下您自己的手机号，村委会核实时可能问您情况；不想留请回复“不留”。";
    case "risks":
      return `${other ? "这户人家" : "家里"}遇到了哪些困难？请回复编号，可以多选，用空格隔开，例如“1 3”：\n${riskMenuText()}`;
    case "description":
      return `请简单说说情况（${DESCRIPTION_MAX}字以内），比如什么时候开始、现在最需要什么。不想说可以回复“无”。`;
    case "confirm":
      return summary(state.draft);
  }
}

/** What the reporter states by confirming: their own word only; the household's 授权承诺书 is signed at the village's visit. */
export function statementText(whom: Whom | undefined): string {
  return whom === "other"
    ? "确认即表示您声明：所说情况属实，这户人家知道您在替他们申报。这不是这户人家的授权，授权承诺书由村委会上门核实时请他们自己签。"
    : "确认即表示您声明：所填情况属实，同意村委会为核实情况使用以上信息。授权承诺书由村委会上门核实时再签。";
}

function summary(d: Draft): string {
  const other = d.whom === "other";
  return [
    "请核对：",
    other ? `替别人报（${d.relation === "family" ? "家人" : "邻居或亲戚"}）` : "给自己家报",
    `村：${d.village?.name ?? ""}`,
    `户主：${d.name ?? ""}`,
    `${other ? "这户的手机" : "手机"}：${d.phone ?? "没有"}`,
    ...(other ? [`您的手机：${d.reporterPhone ?? "不留"}`] : []),
    `困难：${(d.riskTypes ?? []).map(riskTypeLabel).join("、")}`,
    `情况：${d.description || "（未填写）"}`,
    "",
    statementText(d.whom),
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
  // the village of the person's group is offered once they say whose household it is (someone else's may live elsewhere)
  const state: ReportConversation = { step: "whom", draft: { ...chosen }, candidates: villages.slice(0, 9), lastActiveAt: now.getTime() };
  const what = riskTypes.length ? `困难类型：${riskTypes.map(riskTypeLabel).join("、")}。` : "";
  const intro =
    villages.length === 1
      ? `好的，我帮您登记申报（${only.name}）。${what}大约两分钟，随时回复“取消”可以退出。`
      : `好的，我帮您登记申报。${what}大约两分钟，随时回复“取消”可以退出。`;
  return { state, replies: [intro, prompt(state)] };
}

/** The first question still unanswered: after an edit, straight back to where the person was. */
function nextStep(draft: Draft): Step {
  if (!draft.whom) return "whom";
  if (draft.whom === "other" && !draft.relation) return "relation";
  if (!draft.village) return "village";
  if (!draft.name) return "name";
  if (draft.phone === undefined || (draft.whom === "self" && !draft.phone)) return "phone";
  if (draft.whom === "other" && draft.reporterPhone === undefined) return "reporter_phone";
  if (!draft.riskTypes?.length) return "risks";
  if (draft.description === undefined) return "description";
  return "confirm";
}

function advance(state: ReportConversation, draft: Draft, villages: Village[] = []): Turn {
  const step = nextStep(draft);
  // the villages of the person's groups, kept from the start: one is taken, several are offered
  if (step === "village" && villages.length === 1) return advance(state, { ...draft, village: villages[0] });
  const pick = step === "village" && villages.length > 1;
  // until the village is asked, the candidates are the group's villages, kept for it
  const keep = pick || step === "whom" || step === "relation";
  const next: ReportConversation = { ...state, draft, candidates: keep ? villages : [], step: pick ? "village_pick" : step };
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
    case "whom": {
      const whom: Whom | null = SELF.test(t) ? "self" : OTHER.test(t) ? "other" : null;
      if (!whom) return again(state, "请回复 1（给自己家报）或 2（帮别人报）。");
      // a self report names the household's own phone; someone else's starts over without it
      return advance(state, { ...state.draft, whom, ...(whom === "self" ? { relation: undefined, reporterPhone: undefined } : {}) }, state.candidates);
    }
    case "relation": {
      const relation: OtherRelation | null = FAMILY.test(t) ? "family" : NEIGHBOUR.test(t) ? "neighbour" : null;
      if (!relation) return again(state, "请回复 1（家人）或 2（邻居或亲戚）。");
      return advance(state, { ...state.draft, relation }, state.candidates);
    }
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
      if (state.draft.whom === "other" && SKIP.test(t)) return advance(state, { ...state.draft, phone: null });
      const phone = phoneFrom(t);
      if (!isMobilePhone(phone)) return again(state, "手机号应该是1开头的11位数字，请再发一次。");
      return advance(state, { ...state.draft, phone });
    }
    case "reporter_phone": {
      if (SKIP.test(t)) return advance(state, { ...state.draft, reporterPhone: null });
      const phone = phoneFrom(t);
      if (!isMobilePhone(phone)) return again(state, "手机号应该是1开头的11位数字，请再发一次；不想留请回复“不留”。");
      return advance(state, { ...state.draft, reporterPhone: phone });
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
      if (nextStep(d) !== "confirm" || !d.whom || !d.village || !d.name || !d.riskTypes?.length) return again(state, "还有没填的内容。");
      return {
        state: null,
        replies: [],
        submit: {
          whom: d.whom,
          relation: d.whom === "other" ? (d.relation ?? "neighbour") : null,
          village: d.village,
          name: d.name,
          phone: d.phone ?? null,
          reporterPhone: d.whom === "other" ? (d.reporterPhone ?? null) : null,
          riskTypes: d.riskTypes,
          description: d.description ?? null,
        },
      };
    }
  }
}

/** While this is true the plugin looks the typed text up as a village name or code. */
export const needsVillageLookup = (state: ReportConversation): boolean => state.step === "village";
