/**
 * What kind of figure a question asks for (money, a time span or date, an age, a count, a floor area)
 * and whether an answer states one. A question "补多少钱" is answered by a sentence with
 * an amount, not by one about how to apply; and when the best answer has no amount, the
 * honest reply is "not sure".
 */
export type AnswerType = "money" | "time" | "age" | "count" | "area";

// "贷多少岁", "补多少天": 多少 followed by a unit that is not money.
const NOT_A_UNIT = "(?!岁|天|次|年|个月|种|项|类|平|米|人)";

const ASKS: Array<[AnswerType, RegExp]> = [
  ["age", /多大岁数|多少岁|几岁|年纪|年龄|岁数|多大(?:以下|以上|了|的)/],
  ["money", new RegExp(`多少钱|几个钱|多钱|多少元|多少块|[补给贷减扣交掏领拿发]多少${NOT_A_UNIT}|(?:一年|每年|一个月|每月)(?:能)?[补给领拿发]?多少${NOT_A_UNIT}|多少一年|(?:补助|补贴|奖补|工资|低保金|救助金|钱)(?:标准|.{0,6}多少${NOT_A_UNIT})`)],
  ["count", /几次|多少次|几回|几项|几类|几种|多少种/],
  ["area", /多少平|几平|面积|盖多大|(?:房子?|屋|室)[^，。]{0,4}多大/],
  ["time", /多久|几天|多少天|多长时间|啥时候|什么时候|几个月|几年|几日|多长|哪几天|哪天/],
];

const STATES: Record<AnswerType, RegExp> = {
  money: /\d[\d,.]*\s*(?:万元|元)/,
  time: /\d+\s*(?:个工作日|天|日|个月|年)|\d+月\d+日|半年|每(?:月|季度|年)|一年/,
  age: /\d+\s*周?岁/,
  count: /\d+\s*(?:次|项|类|种|个)|[一二两三四五六七八九十]+(?:次|项|类|种)/,
  area: /\d+\s*平米/,
};

/** The figure types a question asks for (a question may ask for more than one). */
export function askedTypes(question: string): AnswerType[] {
  return ASKS.filter(([, re]) => re.test(question)).map(([t]) => t);
}

/** Whether an answer text states a figure of the given type. */
export const states = (text: string, type: AnswerType): boolean => STATES[type].test(text);
