/**
 * What kind of figure a question asks for (money, a time span or date, an age, a count, a floor area)
 * and whether an answer states one. A question "补多少钱" is answered by a sentence with
 * an amount, not by one about how to apply; and when the best answer has no amount, the
 * honest reply is "not sure".
 */
import { numeralsToDigits } from "./normalize.js";

export type AnswerType = "money" | "time" | "age" | "count" | "area" | "share" | "distance" | "figure" | "procedure" | "office" | "phone";

// "贷多少岁", "补多少天": 多少 followed by a unit that is not money.
const NOT_A_UNIT = "(?!岁|天|次|年|个月|种|项|类|平|米|人)";

// "是不是能给2万八", "能贷5万不": an amount said after a verb of giving asks whether that amount is right.
const STATED_AMOUNT = "[给补贷领拿发](?:\\d+\\s*(?:万|千|元|块)|\\d{3,})";

const ASKS: Array<[AnswerType, RegExp]> = [
  // "俺都67了还能…": an age said in the question asks whether that age still qualifies.
  ["age", /多大岁数|多少岁|几岁|年纪|年龄|岁数|多大(?:以下|以上|了|的)|[1-9]\d\s*(?:岁|了)|[五六七八九]十[一二三四五六七八九多几]?(?:岁|了)/],
  [
    "money",
    new RegExp(
      `多少钱|几个钱|多少元|多少块|[补给贷减扣交掏领拿发抵免报开赚挣退赔]多少${NOT_A_UNIT}|(?:一年|每年|一个月|每月)(?:能)?[补给领拿发]?多少${NOT_A_UNIT}|多少一年|(?:补助|补贴|奖补|工资|低保金|救助金|钱)(?:标准|.{0,6}多少${NOT_A_UNIT})|${STATED_AMOUNT}`,
    ),
  ],
  ["count", /几次|多少次|几回|几项|几类|几种|多少种|几[门样套件户口]|多少[样门项]/],
  ["share", /几成|百分之几|多少%|比例|几个点/],
  ["distance", /多远|多少米|几里|多少里|几米|多高|\d+\s*(?:米|公里|里地|里路)|[一二三四五六七八九十几]+里(?:地|路)/],
  ["area", /多少平|几平|面积|盖多大|(?:房子?|屋|室)[^，。]{0,4}多大/],
  // "雨露计划怎么领": asks how to get it, which a bare "不能。本科生…" does not answer.
  [
    "procedure",
    /(?:怎么|咋|如何|怎样)(?:样)?(?:领|申请|申领|办理|报名?|操作|享受|发|弄)|(?:去|到|找)哪(?:儿|里)?(?:领|申请|办|报)|找谁(?:办|申请|报)|(?:啥|什么|哪些)手续|流程|步骤|程序/,
  ],
  // "上哪交申请 交给谁", "最后谁说了算": asks which office or person, which a line of amounts does not say.
  ["office", /上哪|去哪|到哪|哪里|哪儿|找谁|交给谁|谁(?:说了算|批|定|管|审|负责)|哪个部门|(?:啥|什么)部门/],
  // "抢修电话多少", "农业农村局电话": a number to call, which a line saying "they publish a hotline" does not give.
  [
    "phone",
    /电话(?:号码?)?(?:是)?(?:多少|几号)|电话号|(?:哪个|啥|什么)(?:电话|号码)|联系电话|联系方式|热线(?:是)?多少|(?:局|站|所|办|单位|中心|委会?)的?电话$/,
  ],
  // "来回半个钟头": a duration said in the question asks whether it is within the limit.
  [
    "time",
    /半个?(?:钟头|小时)|\d+\s*(?:分钟|个?钟头|个?小时)|多久|几天|多少天|多长时间|啥时候|什么时候|几个月|多少个月|多少年|几年|几日|几号|几月|多长|哪几天|哪天/,
  ],
];

const STATES: Record<AnswerType, RegExp> = {
  money: /\d[\d,.]*\s*(?:万元|元)/,
  time: /\d+\s*(?:个工作日|天|日|个月|年|分钟|小时)|\d+月\d+日|半年|每(?:月|季度|年)|一年/,
  age: /\d+\s*周?岁/,
  count: /\d+\s*(?:次|项|类|种|个(?!月|工作日))|[一二两三四五六七八九十]+(?:次|项|类|种)/,
  area: /\d+\s*平米/,
  share: /\d+\s*%|[一二三四五六七八九]成/,
  distance: /\d+\s*(?:米|公里|里)/,
  figure: /\d|[一二两三四五六七八九十百千万半]+(?:级|成|项|次|类|种|个|位数|年|月|天)/,
  office: /银行|账户|一卡通|乡镇|乡里|县里|县级|县（市、区）|县住建|村委会|两委|政府|街道|农业农村局|民政|部门|网格员|村干部|帮扶责任人|医院|12317/,
  procedure: /申请|申领|提交|填写|登记|报名|找村|到村|向村|村委会|村里|乡镇|流程|步骤|→|带上|材料|办理|审核/,
  phone: /12317|\d{3,4}-\d{7,8}|(?<!\d)1[3-9]\d{9}(?!\d)/,
};

// "不能超过多少", "最多几": a figure is asked for, its kind is not said ("花了好几万" asks nothing).
const ANY_FIGURE = /多少|(?<!好)几(?![万千百十])|多大|多长|最多|最少|顶多|最高|上限|封顶/;

/** The figure types a question asks for (a question may ask for more than one). */
export function askedTypes(question: string): AnswerType[] {
  const types = ASKS.filter(([, re]) => re.test(question)).map(([t]) => t);
  return types.length || !ANY_FIGURE.test(question) ? types : ["figure"];
}

/** Whether an answer text states a figure of the given type. */
export const states = (text: string, type: AnswerType): boolean => STATES[type].test(text);

/** Every figure type an answer text states. */
export const statedTypes = (text: string): Set<AnswerType> => new Set((Object.keys(STATES) as AnswerType[]).filter((t) => STATES[t].test(text)));

// "标准由县里定，文件里没写统一的数。请问村委会，或拨打12317": the documents leave the figure open.
const LEAVES_OPEN = /没写|没有写明|没有规定/;

// "具体标准问村委会或拨打12317", "请问孩子的学校或村委会，或拨打12317": where to ask for the figure. Not
// "也可以打12317" or "打12317申报" (12317 as a way to report), nor "12317是干啥的" (12317 as the subject).
const POINTS_WHERE_TO_ASK = /问[^。；]{0,16}(?:拨打|打)12317(?!申报|自主申报)/;

/** Whether an answer sends the asker to ask for its figure (the village, 12317) rather than stating it. */
export const pointsWhereToAsk = (text: string): boolean => POINTS_WHERE_TO_ASK.test(text);

/**
 * Whether an answer says the documents give no figure for its subject and points where to ask: the
 * honest answer to "how much" about that subject, though it states no figure, and never a sure one.
 */
export const leavesFigureOpen = (text: string): boolean => LEAVES_OPEN.test(text) && text.includes("12317");

// Units a question may name after 多少/几; the answer should state the figure in the same unit.
const UNITS = ["个工作日", "个月", "周岁", "岁", "天", "日", "年", "次", "项", "种", "平米", "米", "升", "万元", "元", "%"];

/** The unit a question asks its figure in ("能享受多少个月" → 个月), as a test for an answer text. */
export function askedUnit(question: string): RegExp | null {
  const m = question.match(new RegExp(`(?:多少|几)(${UNITS.join("|")})`));
  if (!m) return null;
  const same: Record<string, string> = { 岁: "周?岁", 日: "(?:日|天)", 天: "(?:天|日)", 元: "万?元" };
  const unit = same[m[1]] ?? m[1];
  return new RegExp(`\\d\\s*${unit}`);
}

// People a household names with their age right after ("侄子15", "老叔73了").
const KIN = "(?:孩子|侄子|侄女|外孙|外孙女|孙子|孙女|闺女|女儿|儿子|小子|娃|老人|老伴|老舅|老叔|大爷|大娘|我|俺|本人)";

/**
 * The age a question says someone is ("十七了", "七十多了", "俺都68了", "侄子15"), numerals already
 * read as digits; null when it says none. An age is 1–110 and bound to 岁/了 or to the person.
 */
export function ageSaid(question: string): number | null {
  const m =
    /(?<![\d.])(\d{1,3})多?(?:周?岁|了)/.exec(question) ?? new RegExp(`${KIN}(?:今年|才|都|已经)?(\\d{1,3})(?![\\d.万千百元块亩个月年天次号%])`).exec(question);
  const age = m ? Number(m[1]) : NaN;
  return age >= 1 && age <= 110 ? age : null;
}

/**
 * Whether a text's age conditions all leave out the given age: "60周岁以上" leaves out 17, "未满16周岁"
 * and "16到18周岁" together let 17 in. A text that states no age condition leaves out nobody.
 */
export function leavesOutAge(text: string, age: number): boolean {
  const fits: boolean[] = [];
  let rest = text.replace(/(\d+)\s*(?:周?岁)?\s*(?:到|至|-|～|~)\s*(\d+)\s*周?岁/g, (_, a: string, b: string) => {
    fits.push(age >= Number(a) && age <= Number(b));
    return " ";
  });
  rest = rest.replace(/(?:未满|不满|不到|小于)\s*(\d+)\s*周?岁/g, (_, n: string) => {
    fits.push(age < Number(n));
    return " ";
  });
  rest = rest.replace(/(\d+)\s*周?岁(?:（含）)?(?:以下|以内|及以下)/g, (_, n: string) => {
    fits.push(age <= Number(n));
    return " ";
  });
  rest.replace(/(\d+)\s*周?岁(?:（含）)?(?:以上|及以上)/g, (_, n: string) => {
    fits.push(age >= Number(n));
    return " ";
  });
  return fits.length > 0 && !fits.includes(true);
}

// "一年最多能救助多少", "有没有个封顶数": the question asks for a ceiling.
const ASKS_LIMIT = /封顶|上限|最多|最高|顶多|限额/;

// A ceiling as the sheets state one: "最高不超过20万元", "可延长至30个工作日", "18周岁（含）到65周岁（含）",
// "路费不到800元的据实补助".
const LIMIT = /最高|最多|不超过|不得超过|不高于|上限|封顶|以内|以下|限额|至多|为限|延长至|延长到|延至|据实|(?:到|至)\s*\d+\s*(?:周岁|岁|个工作日|天|日|年)/;

/** Whether a question (its question words made standard) asks for a ceiling. */
export const asksForLimit = (question: string): boolean => ASKS_LIMIT.test(question);

/** Whether an answer text states a ceiling. */
export const statesLimit = (text: string): boolean => LIMIT.test(text);

// An amount as said or written, numerals already read as digits: "24000元", "2万元", "2万4" (两万四), "7800" (七千八).
const AMOUNT = /(\d+(?:\.\d+)?)\s*([万千])?(\d)?(?![\d.])/g;
const DIGIT_AFTER_UNIT = /([万千])([一二两三四五六七八九])/g;
const DIGITS: Record<string, string> = { 一: "1", 二: "2", 两: "2", 三: "3", 四: "4", 五: "5", 六: "6", 七: "7", 八: "8", 九: "9" };

/** The amounts (100 and more) a text names, by value: "两万四" and "24000元" are both 24000. */
export function amountsIn(text: string): number[] {
  const t = numeralsToDigits(text.normalize("NFKC")).replace(DIGIT_AFTER_UNIT, (_, unit: string, d: string) => unit + DIGITS[d]);
  return [...t.matchAll(AMOUNT)]
    .map(([, n, unit, tail]) => {
      const base = unit === "万" ? 10000 : unit === "千" ? 1000 : 1;
      return Number(n) * base + (tail ? (Number(tail) * base) / 10 : 0);
    })
    .filter((v) => v >= 100);
}

/** The figures a text states with their units ("10天", "3000元"). */
const figuresIn = (text: string): string[] => text.match(/\d[\d.]*\s*(?:万元|元|%|平米|个工作日|个月|周岁|岁|天|日|年|次|分钟|米)/g) ?? [];

/** Whether a text states figures and the other states them all: one rule said twice (in two sheets), not two rules. */
export const repeatsFigures = (text: string, other: string): boolean => {
  const figures = figuresIn(text);
  return figures.length > 0 && figures.every((f) => other.includes(f));
};

// "能。", "不算。", "（黑龙江省规定）不用交。": an answer that opens with a yes or a no.
const VERDICT = /^(?:（[^）]*）)?(?:能|不能|可以|不可以|算|不算|是|不是|有|没有|会|不会|要|不要|用|不用|行|不行)[。，,！!；]/;

/** Whether an answer opens with a verdict: it answers one particular question, yes or no. */
export const opensWithVerdict = (text: string): boolean => VERDICT.test(text);
