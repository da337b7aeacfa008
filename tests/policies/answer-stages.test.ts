import { describe, expect, it } from "vitest";
import {
  betweenSheets,
  compose,
  DEFAULT_TUNING,
  issuerOf,
  judge,
  labelled,
  preferAskedFigure,
  preferAskedUnit,
  preferFittingAge,
  preferAskedStage,
  preferNamedGrade,
  enumeratedItems,
  preferAmountNotGiven,
  preferLeftOpen,
  preferOwnCase,
  preferOwnGroup,
  preferOwnTopic,
  askingClause,
  readQuestion,
  scoreFactor,
  verdictOnAnotherCase,
  type Candidate,
  type Unit,
} from "../../src/domain/policy/answer-stages.js";
import { ageSaid, leavesFigureOpen, leavesOutAge, pointsWhereToAsk, type AnswerType } from "../../src/domain/policy/answer-type.js";

/** A hand-made candidate: only what the stage under test reads. */
function candidate(
  text: string,
  score: number,
  o: {
    sheet?: string;
    region?: string;
    concepts?: string[];
    titleConcepts?: string[];
    states?: AnswerType[];
    matched?: string[];
    pointsWhereToAsk?: boolean;
  } = {},
): Candidate {
  const unit: Unit = {
    sheet: o.sheet ?? "s",
    title: "明白纸",
    region: o.region ?? "230000",
    text,
    source: "某号文件",
    kind: "faq",
    quote: null,
    states: new Set(o.states ?? []),
    pointsWhereToAsk: o.pointsWhereToAsk ?? false,
    leavesOpen: false,
    concepts: new Set(o.concepts ?? []),
    titleConcepts: new Set(o.titleConcepts ?? []),
    issuer: o.region === "430000" ? "大祥区" : "黑龙江省",
  };
  return { unit, score, matched: o.matched ?? [] };
}

const idf = () => 2;
const texts = (cs: Candidate[]) => cs.map((c) => c.unit.text);

describe("readQuestion", () => {
  it("reads the kind of figure, the unit and the topic concepts from the question as typed", () => {
    const r = readQuestion("娃上职高一年给多少钱");
    expect(r.types).toContain("money");
    expect(r.topics).toContain("职业教育");
    expect(r.asked).toContain("孩子");
    expect(r.topics).not.toContain("孩子"); // a common concept, not a topic
    expect(readQuestion("存款不能超过多少个月").unit?.test("30个月")).toBe(true);
  });
});

describe("the asking clause", () => {
  it("is the last clause with a question word, after the situation the asker tells", () => {
    expect(askingClause("当保洁员公益岗的 干活时候摔了有保险没")).toBe("干活时候摔了有保险没");
    expect(askingClause("俺在外地干活出车祸了，临时救助非得回老家申请吗？")).toBe("临时救助非得回老家申请吗");
    expect(askingClause("今年的医保交多少钱")).toBeNull(); // one clause: nothing to weigh apart
  });

  it("weighs the terms of the asking clause more than those of the situation", () => {
    // fails if: the asking clause's weight is not applied (every term counts the same)
    const weightOf = (q: string, term: string, askedClause: number) => readQuestion(q, { askedClause }).query.find((t) => t.term === term)?.weight;
    const q = "当保洁员公益岗的 干活时候摔了有保险没";
    expect(weightOf(q, "b:保险", 1.25)).toBeCloseTo(1.25 * weightOf(q, "b:保险", 1)!);
    expect(weightOf(q, "b:保洁", 1.25)).toBe(weightOf(q, "b:保洁", 1));
  });
});

describe("preferOwnTopic", () => {
  const r = readQuestion("低保 存款不能超过多少");
  it("puts first a close runner-up whose own words name more of the question's topics", () => {
    // fails if: the runner-up rule is dropped and the sheet's keywords decide (the line on cars wins)
    const cars = candidate("家里有小汽车的不能吃低保", 10, { concepts: ["低保"] });
    const savings = candidate("存款不超过30个月的低保金", 8, { concepts: ["低保", "存款"] });
    expect(texts(preferOwnTopic([cars, savings], { ...r, topics: ["低保", "存款"] }, DEFAULT_TUNING))[0]).toContain("30个月");
  });
  it("leaves the order alone when the runner-up is far behind", () => {
    const cars = candidate("家里有小汽车的不能吃低保", 10, { concepts: ["低保"] });
    const savings = candidate("存款不超过30个月的低保金", 5, { concepts: ["低保", "存款"] });
    expect(texts(preferOwnTopic([cars, savings], { ...r, topics: ["低保", "存款"] }, DEFAULT_TUNING))[0]).toContain("小汽车");
  });
});

describe("preferOwnTopic between lines of a sheet whose title names one topic", () => {
  it("does not count that topic for a pair whose question names it", () => {
    // fails if: "学费拿不出来 能申请临时救助不" gets the pair on fires, its question naming 临时救助, over the pair on schooling costs
    const r = readQuestion("孩子上大专学费拿不出来 能申请临时救助不");
    const onTitle = { sheet: "aid", titleConcepts: ["临时救助"] };
    const schooling = candidate("能。上学必要支出超过家庭承受能力的，属于支出型救助对象。", 10, { ...onTitle, concepts: ["上学"] });
    const fire = candidate("能。火灾、交通事故等意外事件属于急难型救助对象。", 9, { ...onTitle, concepts: ["临时救助", "火灾"] });
    const topics = { ...r, topics: ["临时救助", "学杂费"], asked: ["临时救助", "学杂费"] };
    expect(texts(preferOwnTopic([schooling, fire], topics, DEFAULT_TUNING))[0]).toBe(schooling.unit.text);
    // A line of another sheet naming the topic still counts it.
    const other = candidate("临时救助由乡镇审核。", 9, { sheet: "other", concepts: ["临时救助"] });
    expect(texts(preferOwnTopic([schooling, other], topics, DEFAULT_TUNING))[0]).toBe(other.unit.text);
  });
});

describe("preferLeftOpen", () => {
  const rule = candidate("申请条件：人均收入低于当地低保标准；机动车评估价格不超过5万元。", 10, { sheet: "dibao", states: ["money"], concepts: ["低保"] });
  const open = candidate("低保金按当地低保标准算，文件里没写统一的数。请问村委会，或拨打12317。", 9.5, { sheet: "dibao", concepts: ["低保"] });
  open.unit.leavesOpen = true;
  it("puts first a near line of the same sheet saying the documents leave the asked figure open", () => {
    // fails if: "低保一个月给多少钱" is answered, confidently, with the 5万元 of the car rule
    expect(texts(preferLeftOpen([rule, open], readQuestion("低保一个月给一个人多少钱"), DEFAULT_TUNING))[0]).toBe(open.unit.text);
  });
  it("leaves the order alone for a question asking where or how, and for a line far behind", () => {
    expect(texts(preferLeftOpen([rule, open], readQuestion("低保去哪申请"), DEFAULT_TUNING))[0]).toBe(rule.unit.text);
    const far = { ...open, score: 6 };
    expect(texts(preferLeftOpen([rule, far], readQuestion("低保一个月给一个人多少钱"), DEFAULT_TUNING))[0]).toBe(rule.unit.text);
  });
});

describe("preferAmountNotGiven", () => {
  const own = candidate("个体经营的，每户每年24000元为限额扣减税费。", 10, { sheet: "tax", states: ["money"] });
  const hired = candidate("企业招用脱贫人口，每人每年定额扣减7800元。", 8, { sheet: "tax", states: ["money"] });
  it("reads an amount told before the question as known, not asked", () => {
    expect(readQuestion("自己开店一年能减两万四的税 那老板雇俺们 一个人给老板减多少").givenAmounts).toEqual([24000]);
    // said in the clause that asks, or after it, an amount is offered to be checked
    expect(readQuestion("交通补助还给八百不").givenAmounts).toEqual([]);
    expect(readQuestion("D级补多少 俺当家的非说两万 我寻思是两万八").givenAmounts).toEqual([]);
  });
  it("puts first a close line of the same sheet stating another amount", () => {
    // fails if: "个体户一年能减两万四 那企业招人减多少" is answered with the 24000 the asker said
    const r = readQuestion("个体户一年能减两万四的税 那企业招了脱贫户 给企业减多少");
    expect(texts(preferAmountNotGiven([own, hired], r, DEFAULT_TUNING))[0]).toBe(hired.unit.text);
    const plain = readQuestion("个体户一年能减多少税");
    expect(texts(preferAmountNotGiven([own, hired], plain, DEFAULT_TUNING))[0]).toBe(own.unit.text);
  });
});

describe("preferAskedFigure", () => {
  const r = readQuestion("危房改造补多少钱");
  it("puts first a close runner-up of the same sheet that states the asked amount", () => {
    const how = candidate("向村委会提出申请", 10, { sheet: "housing" });
    const amount = candidate("D级危房每户补助28000元", 8, { sheet: "housing", states: ["money"] });
    expect(texts(preferAskedFigure([how, amount], r, DEFAULT_TUNING))[0]).toContain("28000元");
  });
  it("does not reach to another sheet that shares no topic", () => {
    const how = candidate("向村委会提出申请", 10, { sheet: "housing" });
    const other = candidate("每人每年3000元", 9, { sheet: "schooling", states: ["money"] });
    expect(texts(preferAskedFigure([how, other], r, DEFAULT_TUNING))[0]).toContain("申请");
  });
});

describe("preferAskedUnit", () => {
  it("puts first a close line of the same sheet stating the figure in the asked unit", () => {
    const r = readQuestion("存款不能超过多少个月");
    const a = candidate("存款不超过当地低保标准的一定倍数", 10, { sheet: "dibao" });
    const b = candidate("不超过30个月的低保标准", 8, { sheet: "dibao", concepts: r.topics });
    expect(texts(preferAskedUnit([a, b], r, DEFAULT_TUNING))[0]).toContain("30个月");
  });
});

describe("preferNamedGrade", () => {
  const dGrade = candidate("D级危房补助28000元，补贴之外的资金要农户自行承担。", 10, { sheet: "housing" });
  const cGrade = candidate("鉴定为C级危房的，补助14000元。", 5, { sheet: "housing" });

  it("reads the one grade a question names, and none in a comparison", () => {
    expect(readQuestion("住建来人看了 定的是Ｃ 级 给补多少").grade).toBe("c");
    expect(readQuestion("危房改造补多少钱").grade).toBeNull();
    expect(readQuestion("俺家D级 隔壁C级 补的一样不").grade).toBeNull();
  });

  it("puts first, when no grade is asked, a near tie of the same sheet on every grade or none over a line on one grade", () => {
    // fails if: "危房改造公家全包吗" (no grade) is answered with the D级 figure rather than the rule for every house
    const r = readQuestion("危房改造公家全包吗");
    expect([r.grade, r.namesGrade]).toEqual([null, false]);
    const dOnly = candidate("D级危房补助28000元，补贴之外的资金要农户自行承担。", 10);
    const rule = candidate("不是。危改是补助性政策，C级补14000元、D级补28000元，补贴之外的资金农户自行承担。", 9.5);
    const far = candidate("不是。危改是补助性政策。", 5);
    expect(texts(preferNamedGrade([dOnly, rule], r, DEFAULT_TUNING))[0]).toBe(rule.unit.text);
    expect(texts(preferNamedGrade([dOnly, far], r, DEFAULT_TUNING))[0]).toBe(dOnly.unit.text);
    expect(texts(preferNamedGrade([dOnly, rule], readQuestion("俺家D级 隔壁C级 补的一样不"), DEFAULT_TUNING))[0]).toBe(dOnly.unit.text);
  });

  it("reads as asked the grade not said with its figure", () => {
    // fails if: "C级补14000，俺家D级的补多少" is read as a comparison, and the C级 line can answer it
    expect(readQuestion("听说C级危房补14000，那俺家是D级，补多少？").grade).toBe("d");
    expect(readQuestion("D级的补两万八我晓得了 俺家鉴定是C级 C级给多少").grade).toBe("c");
    expect(readQuestion("俺家D级危房 是不是也补28000").grade).toBe("d");
    expect(readQuestion("C级D级各补多少").grade).toBeNull();
  });

  it("puts first a line of the same sheet on the grade asked when the best speaks of another grade only", () => {
    // fails if: an asker whose house is C级 gets the D级 figure because its line matched more of the other words
    const r = readQuestion("房子定的是c级 自己还得掏多少 给补助多少钱");
    expect(texts(preferNamedGrade([dGrade, cGrade], r, DEFAULT_TUNING))[0]).toContain("C级");
  });

  it("leaves a best line that names the asked grade, or no grade, and never reaches another sheet", () => {
    const r = readQuestion("鉴定是D级 补多少");
    expect(texts(preferNamedGrade([dGrade, cGrade], r, DEFAULT_TUNING))[0]).toContain("D级");
    const c = readQuestion("鉴定是C级 补多少");
    const none = candidate("向村委会提出申请", 10, { sheet: "housing" });
    expect(texts(preferNamedGrade([none, cGrade], c, DEFAULT_TUNING))[0]).toContain("申请");
    const elsewhere = candidate("C级补14000元", 5, { sheet: "assistance" });
    expect(texts(preferNamedGrade([dGrade, elsewhere], c, DEFAULT_TUNING))[0]).toContain("D级");
  });
});

describe("judge", () => {
  const r = readQuestion("危房改造补多少钱");
  const matched = ["c:危房", "b:危房", "b:改造"];
  it("is confident about a strong answer on the question's topic stating the asked figure", () => {
    const best = candidate("D级危房每户补助28000元", 20, { states: ["money"], matched, concepts: ["危房"] });
    expect(judge(best, best, r, "230000", idf, DEFAULT_TUNING).confident).toBe(true);
  });
  it("is not confident when the best answer speaks of none of the question's topics", () => {
    // fails if: wording alone ("上卫生学校" ~ "上特殊教育学校") makes a confident answer from another topic
    const best = candidate("D级危房每户补助28000元", 20, { states: ["money"], matched, concepts: ["特殊教育"] });
    expect(judge(best, best, r, "230000", idf, DEFAULT_TUNING).confident).toBe(false);
  });
  it("is not confident when asked how much and the best answer states no amount", () => {
    // fails if: the answer-type gate is dropped and "向村委会申请" is given as the amount
    const best = candidate("向村委会提出申请", 20, { matched });
    expect(judge(best, best, r, "230000", idf, DEFAULT_TUNING).confident).toBe(false);
  });
  it("takes a line sending the asker to ask for the figure as an answer, not one naming 12317 as a way to report", () => {
    // fails if: "也可以打12317" (a way to report) answers "能报销好多比例" as if it said where to ask for the share
    const share = readQuestion("住院能报销多少比例");
    const m = ["c:看病", "b:住院"];
    const channel = "能。看病花钱多的，可以到村委会申报，也可以打12317；村里要在5天内受理核查。";
    const pointer = "医保报销比例按省里规定，具体问医院医保窗口，或拨打12317。";
    expect(pointsWhereToAsk(channel)).toBe(false);
    expect(pointsWhereToAsk("可以到村委会或打12317申报。")).toBe(false);
    expect(pointsWhereToAsk(pointer)).toBe(true);
    const asChannel = candidate(channel, 20, { states: ["time"], matched: m, concepts: ["看病"] });
    expect(judge(asChannel, asChannel, share, "230000", idf, DEFAULT_TUNING).confident).toBe(false);
    const asPointer = candidate(pointer, 20, { matched: m, concepts: ["看病"], pointsWhereToAsk: true });
    expect(judge(asPointer, asPointer, share, "230000", idf, DEFAULT_TUNING).confident).toBe(true);
  });
  it("is not confident when asked for a ceiling and the best line states an amount but no limit", () => {
    // fails if: "医疗救助一年最多能救助多少" is answered surely with the 228元 of the 医保 contribution
    const ceiling = readQuestion("医疗救助一年最多能救助多少钱");
    expect(ceiling.asksLimit).toBe(true);
    expect(readQuestion("医疗救助能救助多少钱").asksLimit).toBe(false);
    const m = ["c:医疗救助", "b:救助"];
    const amount = candidate("医疗救助资金给予60%的定额资助：每人380元里医疗救助出228元。", 20, {
      states: ["money", "share"],
      matched: m,
      concepts: ["医疗救助"],
    });
    expect(judge(amount, amount, ceiling, "230000", idf, DEFAULT_TUNING).confident).toBe(false);
    const capped = candidate("单户贷款额度最高不超过20万元。", 20, { states: ["money"], matched: m, concepts: ["医疗救助"] });
    expect(judge(capped, capped, ceiling, "230000", idf, DEFAULT_TUNING).confident).toBe(true);
    const extended = candidate("情况特殊复杂的，可延长至30个工作日。", 20, { states: ["time"], matched: m, concepts: ["医疗救助"] });
    expect(judge(extended, extended, readQuestion("医疗救助最多能延到多少个工作日"), "230000", idf, DEFAULT_TUNING).confident).toBe(true);
  });
  it("is not confident when asked where to apply and the best line names no office, whatever else it states", () => {
    // fails if: "雨露计划上哪报 啥时候报" is answered confidently with "每生每年3000元" (每年 reads as a time)
    const where = readQuestion("雨露计划上哪报 啥时候报");
    const m = ["c:雨露计划", "b:雨露", "b:计划"];
    const amount = candidate("每生每年3000元", 20, { states: ["money", "time"], matched: m, concepts: ["雨露计划"] });
    expect(judge(amount, amount, where, "230000", idf, DEFAULT_TUNING).confident).toBe(false);
    const office = candidate("入学当年向县农业农村局申请", 20, { states: ["office", "time", "procedure"], matched: m, concepts: ["雨露计划"] });
    expect(judge(office, office, where, "230000", idf, DEFAULT_TUNING).confident).toBe(true);
  });
  it("is not confident when only another province's rule fits well", () => {
    // fails if: a Hunan asker is told a Heilongjiang figure because its own best is weak
    const own = candidate("大祥区危房改造补助资金按文件执行", 20, { region: "430000", states: ["money"], matched });
    const foreign = candidate("黑龙江D级危房28000元", 30, { region: "230000", states: ["money"], matched });
    const j = judge(own, foreign, r, "430000", idf, DEFAULT_TUNING);
    expect(j).toEqual({ confident: false, foreignWins: true });
  });
  it("is not confident about a subject no document covers", () => {
    const q = readQuestion("养老金一个月多少");
    const best = candidate("每月发放低保金", 20, { states: ["money"], matched: ["c:低保"] });
    expect(judge(best, best, q, "230000", idf, DEFAULT_TUNING).confident).toBe(false);
  });
});

describe("compose", () => {
  it("gives the pointer to the village committee and 12317 first when unsure, then related answers only", () => {
    const related = candidate("D级危房每户补助28000元", 5, { matched: ["c:危房"] });
    const unrelated = candidate("别的事", 4, { matched: ["b:别的"] });
    const out = compose([related, unrelated], { confident: false, foreignWins: false }, "230000");
    expect(out.confident).toBe(false);
    expect(out.answers[0].sheet).toBeNull();
    expect(out.answers[0].text).toContain("12317");
    expect(out.answers.map((a) => a.text)).toEqual([out.answers[0].text, "（黑龙江省规定）D级危房每户补助28000元"]);
  });
  it("tells a Hunan asker the rule is not written for the province, never the other's figure", () => {
    const out = compose([], { confident: false, foreignWins: true }, "430000");
    expect(out.answers[0].text).toContain("湖南省的具体标准");
  });
});

describe("labelled", () => {
  it("names a district's rule as the district's, not the province's", () => {
    // fails if: a 大祥区 rule is labelled “湖南省规定”
    const issuer = issuerOf("湖南省大祥区监测户帮扶政策明白纸", "430000");
    expect(labelled("每年开展技能培训。", "430000", issuer)).toBe("（大祥区规定）每年开展技能培训。");
    expect(labelled("C级危房补助14000元。", "230000", issuerOf("黑龙江省农村住房安全明白纸", "230000"))).toBe("（黑龙江省规定）C级危房补助14000元。");
  });
});

describe("numerals said in words", () => {
  it("read like digits, so an age or an amount in words is one in figures", async () => {
    const { numeralsToDigits } = await import("../../src/domain/policy/normalize.js");
    expect(numeralsToDigits("外孙十七了")).toBe("外孙17了");
    expect(numeralsToDigits("是一百五十二还是三百八")).toBe("是152还是380");
    expect(numeralsToDigits("超过五万的部分")).toBe("超过5万的部分");
    // Words that hold a numeral stay words.
    expect(numeralsToDigits("一卡通 两免一补 三保障 十四五 千万别 十几万")).toBe("一卡通 两免一补 三保障 十四五 千万别 十几万");
  });
});

describe("judge: the same rule in the asker's own sheets is not a foreign rule", () => {
  it("answers from the national line when a province's line states the same figure", () => {
    // fails if: a Hunan asker is refused a national rule because Heilongjiang repeats it with more words
    const r = readQuestion("认定监测户以后 多少天要把帮扶计划定下来");
    const matched = ["c:帮扶计划", "b:帮扶", "b:计划"];
    const national = candidate("认定后10天内录入系统，10天内定好帮扶计划。", 20, { region: "000000", states: ["time"], matched, concepts: r.topics });
    const hlj = candidate("县里批准后10天内完成帮扶计划制定。", 30, { region: "230000", states: ["time"], matched });
    expect(judge(national, hlj, r, "430000", idf, DEFAULT_TUNING)).toEqual({ confident: true, foreignWins: false });
  });
});

describe("betweenSheets: a question two sheets answer differently is not answered confidently", () => {
  const r = readQuestion("闺女念中专住校 一年补多少");
  const topic = { concepts: ["职业教育"] };
  it("is unsure when another sheet of the question's topic scores nearly as well with another figure", () => {
    // fails if: the neighbouring-sheet check is dropped and the 两免一补 line answers a 雨露计划 question confidently
    const schooling = candidate("住校生小学每年1000元、初中1250元。", 30, { sheet: "schooling", ...topic });
    const yulu = candidate("读中职每生每年3000元。", 29, { sheet: "yulu", ...topic });
    expect(betweenSheets([schooling, yulu], { ...r, topics: ["职业教育"] }, DEFAULT_TUNING)).toBe(true);
  });
  it("stays sure when the other sheet repeats the same figures, is far behind, or speaks of none of the question's topics", () => {
    // fails if: one rule repeated in two sheets, or a rival matched only on 多久/监测, makes every such question "not sure"
    const asked = { ...r, topics: ["职业教育"] };
    const own = candidate("读中职每生每年3000元。", 30, { sheet: "yulu", ...topic });
    expect(betweenSheets([own, candidate("中职每年3000元。", 29, { sheet: "assistance", ...topic })], asked, DEFAULT_TUNING)).toBe(false);
    expect(betweenSheets([own, candidate("住校生每年1000元。", 20, { sheet: "schooling", ...topic })], asked, DEFAULT_TUNING)).toBe(false);
    expect(betweenSheets([own, candidate("10天内定好帮扶计划。", 29, { sheet: "assistance" })], asked, DEFAULT_TUNING)).toBe(false);
  });
  it("stays sure when the answer names every topic of the question and the other sheet's line fewer", () => {
    // fails if: "五保户的医保还用交不" is refused because a 特困 line, which does not speak of 医保, scores nearly as well
    const r = { ...readQuestion("五保户医保还用交不"), topics: ["特困", "医保"] };
    const medical = candidate("特困人员全额资助参保，个人不缴费。", 29, { sheet: "medical", concepts: ["特困", "医保"] });
    const tekun = candidate("三条同时具备：无劳动能力、无生活来源。", 28, { sheet: "tekun", concepts: ["特困"] });
    expect(betweenSheets([medical, tekun], r, DEFAULT_TUNING)).toBe(false);
    // The answer naming only one of the two topics leaves the question open.
    const partial = candidate("医保个人交152元。", 29, { sheet: "medical", concepts: ["医保"] });
    expect(betweenSheets([partial, tekun], r, DEFAULT_TUNING)).toBe(true);
  });
});

describe("preferAskedFigure: the line stating more of what is asked", () => {
  it("puts first a close runner-up of the same sheet that says where and when, over one that only says how much a year", () => {
    // fails if: a line stating one asked kind (每年) is kept first over one stating both asked kinds (申请 and 10日)
    const r = readQuestion("雨露计划找谁申请 啥时候报");
    expect(r.types).toEqual(expect.arrayContaining(["procedure", "time"]));
    const amount = candidate("每生每年3000元。", 40, { states: ["money", "time"], concepts: ["雨露计划"] });
    const steps = candidate("入学当年向县农业农村局交申请，公示10日。", 35, { states: ["procedure", "time"], concepts: ["雨露计划"] });
    expect(texts(preferAskedFigure([amount, steps], r, DEFAULT_TUNING))[0]).toContain("申请");
  });
  it("answers 'where, to whom' with the line naming the office, or not at all", () => {
    // fails if: "上哪交申请 交给谁" is answered confidently with the line of income limits, which names no office
    const r = readQuestion("想给俺妈申请低保 上哪交申请 交给谁");
    const matched = ["c:低保", "b:低保", "b:申请"];
    const limits = candidate("人均收入低于当地低保标准；存款人均不超过30个月低保标准。", 20, { states: ["procedure", "money"], concepts: ["低保"], matched });
    const office = candidate("向户籍所在地乡镇政府交书面申请。", 16, { states: ["procedure", "office"], concepts: ["低保"], matched });
    expect(texts(preferAskedFigure([limits, office], r, DEFAULT_TUNING))[0]).toContain("乡镇政府");
    expect(judge(limits, limits, { ...r, types: ["office"] }, "230000", idf, DEFAULT_TUNING).confident).toBe(false);
  });
  it("reads an amount said after a verb of giving as a question about the amount", () => {
    // fails if: "是不是能给2万八" is read as asking no figure, so a line with no amount answers it confidently
    expect(readQuestion("鉴定下来是C级 是不是能给两万八").types).toContain("money");
    expect(readQuestion("去年自己又搭进去两万多 有啥救助").types).not.toContain("money");
  });
});

describe("preferFittingAge: an age said in the question", () => {
  it("reads the age said, in words or figures, bound to 岁/了 or to the person, and nothing else", () => {
    expect(readQuestion("孩子十七了还在念高中 爹妈都没了").age).toBe(17);
    expect(readQuestion("俺老舅七十多了无儿无女").age).toBe(70);
    expect(ageSaid("俺侄子15 爹妈都没了")).toBe(15);
    // fails if: an amount, a duration or a count said with 了 is read as an age
    for (const q of ["欠了两万多了", "住了俩月院", "等了3天了", "种了30亩地了"]) expect(readQuestion(q).age, q).toBeNull();
  });

  it("reads a line's age conditions together: any one that lets the age in keeps the line", () => {
    expect(leavesOutAge("60周岁以上、没有生活来源的老人", 17)).toBe(true);
    expect(leavesOutAge("未满16周岁的算；16到18周岁还在上学的也算", 17)).toBe(false);
    expect(leavesOutAge("原则上18周岁到65周岁（含）都能申请", 67)).toBe(true);
    expect(leavesOutAge("无劳动能力、无生活来源", 17)).toBe(false);
  });

  it("puts first a close line of the same sheet whose age conditions let the asker in", () => {
    // fails if: a 17-year-old orphan is answered with the over-60 line of 特困
    const r = readQuestion("孩子十七了 爹妈都没了 能算特困不");
    const old = candidate("60周岁以上、没有生活来源、也没有人能养的老人，可以纳入特困。", 10, { states: ["age"] });
    const young = candidate("未满16周岁的算；16到18周岁还在上学的也算。", 8, { states: ["age"] });
    expect(texts(preferFittingAge([old, young], r, DEFAULT_TUNING))[0]).toBe(young.unit.text);
    // A limit the asker is past, with no line that lets them in, still answers "还能贷不" (no).
    const loan = candidate("原则上18周岁到65周岁（含）都能申请。", 10, { states: ["age"] });
    const other = candidate("5万元以下免抵押。", 9, { states: ["money"] });
    expect(texts(preferFittingAge([loan, other], readQuestion("俺都67了还能贷款不"), DEFAULT_TUNING))[0]).toBe(loan.unit.text);
  });

  it("reaches further down its own sheet than to other sheets: an age the best line leaves out is never its answer", () => {
    // fails if: the line that lets a 17-year-old in is passed over for scoring under 0.7 of the over-60 line
    const r = readQuestion("孙子十七了在念书 爹妈没了 这岁数还能算特困吗");
    const old = candidate("60周岁以上、没有生活来源、也没有人能养的老人，可以纳入特困。", 10, { states: ["age"] });
    const young = candidate("未满16周岁的算；16到18周岁还在上学的也算。", 4.5, { states: ["age"] });
    expect(texts(preferFittingAge([old, young], r, DEFAULT_TUNING))[0]).toBe(young.unit.text);
    const elsewhere = candidate("未满18周岁的孩子上学有补助。", 4.5, { sheet: "other", states: ["age"], matched: ["c:特困"] });
    expect(texts(preferFittingAge([old, elsewhere], r, DEFAULT_TUNING))[0]).toBe(old.unit.text);
  });
});

describe("asked how money is paid", () => {
  it("咋发 / 怎么发 asks a procedure, which a bare verdict on another rule does not answer", () => {
    // fails if: "钱咋发 给现金还是打卡上" is answered confidently with "不能。…不含公益岗"
    expect(readQuestion("务工奖补的钱咋发 给现金还是打卡上").types).toContain("procedure");
    expect(readQuestion("这钱怎么发").types).toContain("procedure");
    expect(readQuestion("出车祸了家里过不下去了咋办").types).not.toContain("procedure");
  });
});

describe("verdictOnAnotherCase: a yes/no verdict on a particular case", () => {
  const verdict = candidate("算。儿童白血病、儿童先心病都在30种大病里。", 20, { concepts: ["大病", "儿童先心病"], titleConcepts: ["大病"] });
  verdict.unit.caseWords = ["白血病", "儿童先心病"];
  const sheet = { concepts: new Set(["大病", "儿童先心病", "唇腭裂"]), items: [] };

  it("is no answer for an asker who names another case the sheet knows", () => {
    // fails if: "豁嘴 算不算大病" is answered confidently "算。儿童白血病、儿童先心病…"
    const q = "小孙子天生豁嘴 这个也算大病不";
    expect(verdictOnAnotherCase(verdict, readQuestion(q), q, sheet)).toBe(true);
  });

  it("answers the case it names, and a question that names no case of its own", () => {
    const same = "我崽得了白血病 算不算那个大病救治";
    expect(verdictOnAnotherCase(verdict, readQuestion(same), same, sheet)).toBe(false);
    const general = "大病救治都管啥";
    expect(verdictOnAnotherCase(verdict, readQuestion(general), general, sheet)).toBe(false);
  });
});

describe("the cases a sheet lists, and a verdict on another one", () => {
  it("reads a list's items, cut at the edges of its clause", () => {
    expect(enumeratedItems("家里有人得高血压、糖尿病、结核病、严重精神障碍这4种主要慢性病的，家庭医生签约“应签尽签”。")).toEqual([
      "高血压",
      "糖尿病",
      "结核病",
      "严重精神障碍",
    ]);
    expect(enumeratedItems("有。胃癌、食道癌、肺癌等在30种大病里。")).toEqual(["胃癌", "食道癌", "肺癌"]);
    expect(enumeratedItems("大病专项救治按定点医院救治。")).toEqual([]);
  });

  const stroke = candidate("算。脑卒中（中风、脑梗）在30种大病名单里。", 20, { sheet: "illness", concepts: ["大病"] });
  stroke.unit.caseWords = ["脑卒中", "中风"];
  const list = candidate("30种大病是：儿童白血病、胃癌、食道癌、肝癌、白内障。", 12, { sheet: "illness", concepts: ["大病"] });
  const other = candidate("大病救治后继续慢病签约管理。", 15, { sheet: "illness", concepts: ["大病"] });
  const sheet = { concepts: new Set(["大病"]), items: enumeratedItems(list.unit.text) };

  it("puts the line that names the asker's case before a verdict on another case", () => {
    // fails if: "老爷子查出肝癌 算不算大病" is answered "算。脑卒中…在30种大病名单里"
    const q = "老爷子查出肝癌了 这个算不算大病";
    const ranked = preferOwnCase([stroke, other, list], readQuestion(q), q, sheet, DEFAULT_TUNING);
    expect(texts(ranked)[0]).toBe(list.unit.text);
  });

  it("leaves the verdict first when the question names its case or no listed case", () => {
    const same = "老伴中风了 算不算大病";
    expect(texts(preferOwnCase([stroke, list], readQuestion(same), same, sheet, DEFAULT_TUNING))[0]).toBe(stroke.unit.text);
    const general = "大病都管哪些";
    expect(texts(preferOwnCase([stroke, list], readQuestion(general), general, sheet, DEFAULT_TUNING))[0]).toBe(stroke.unit.text);
  });

  it("is not sure of a verdict on another case when no line of the sheet says the asker's", () => {
    // fails if: "白内障算不算大病" is answered, confidently, with the verdict on 脑卒中
    const q = "俺娘白内障 算不算那30种大病";
    expect(verdictOnAnotherCase(stroke, readQuestion(q), q, sheet)).toBe(true);
    // asked for a figure the verdict may state, the case named does not unsettle it
    const figure = "俺娘白内障 大病一共管多少种";
    expect(verdictOnAnotherCase(stroke, readQuestion(figure), figure, sheet)).toBe(false);
  });
});

describe("preferAskedFigure when the best line states none of the kinds asked", () => {
  it("reaches further down its own sheet for a line on the same topic that states one", () => {
    // fails if: "D级危房重盖能盖多大的" is refused because the 28000元 line ranks first and the floor-area line is at 0.65 of it
    const r = readQuestion("就俺和老伴俩人 D级危房重盖能盖多大的");
    const amount = candidate("黑龙江省D级危房补助28000元。", 10, { sheet: "housing", states: ["money"], concepts: ["危房"] });
    const area = candidate("D级危房翻建：1到3人户40到60平米。", 6.5, { sheet: "housing", states: ["area"], concepts: ["危房"] });
    const elsewhere = candidate("公租房40平米。", 6.5, { sheet: "other", states: ["area"], concepts: ["危房"] });
    expect(texts(preferAskedFigure([amount, area], r, DEFAULT_TUNING))[0]).toBe(area.unit.text);
    // not from another sheet that far down, nor when the best states a kind asked already
    expect(texts(preferAskedFigure([amount, elsewhere], r, DEFAULT_TUNING))[0]).toBe(amount.unit.text);
    const far = candidate("D级危房翻建：1到3人户40到60平米。", 5, { sheet: "housing", states: ["area"], concepts: ["危房"] });
    expect(texts(preferAskedFigure([amount, far], r, DEFAULT_TUNING))[0]).toBe(amount.unit.text);
  });
});

describe("preferOwnGroup: the household says which group it is in", () => {
  it("reads the group from 俺家是… / 我们是…", () => {
    expect(readQuestion("俺家是监测户 听说特困的医保不用交钱 俺们也不用交吧").selfGroup).toEqual(["监测户"]);
    expect(readQuestion("特困的医保用交不").selfGroup).toEqual([]);
  });

  it("puts first a line of the same sheet that names the asker's group", () => {
    // fails if: a 监测户 asking "特困的不用交 俺们也不用交吧" is told "不用交" from the 特困 line
    const r = readQuestion("俺家是监测户 听说特困的医保不用交钱 俺们也不用交吧");
    const tekun = candidate("不用交。特困人员由医疗救助全额资助参保。", 10, { concepts: ["医保", "特困"] });
    const own = candidate("每人380元；低保、监测户个人交152元，特困人员不交。", 7, { concepts: ["医保", "监测户", "特困"] });
    const otherSheet = candidate("监测户能享受医保资助。", 9, { sheet: "t", concepts: ["医保", "监测户", "特困"] });
    expect(texts(preferOwnGroup([tekun, own], r, DEFAULT_TUNING))[0]).toBe(own.unit.text);
    expect(texts(preferOwnGroup([tekun, otherSheet], r, DEFAULT_TUNING))[0]).toBe(tekun.unit.text);
  });
});

describe("a line saying the documents leave the figure open", () => {
  const open = "岗位补贴由县里定，文件里没写统一的数。请问村委会，或拨打12317。";

  it("is told from a line that states a rule or only points to 12317", () => {
    expect(leavesFigureOpen(open)).toBe(true);
    expect(leavesFigureOpen("这张纸所依据的文件没有写明。请问村委会，或拨打12317。")).toBe(true);
    expect(leavesFigureOpen("可以拨打12317申报。")).toBe(false);
    expect(leavesFigureOpen("文件里没写。")).toBe(false);
  });

  it("counts as much as a line stating the asked figure, and only when a figure is asked", () => {
    // fails if: "公益岗一个月给多少" ranks the honest line under a line that names 公益岗 only to leave it out
    const honest = candidate(open, 10).unit;
    const amount = candidate("省内务工每人每年500元（不含公益岗人员）。", 10, { states: ["money"] }).unit;
    const unanswered = candidate("公益岗签不超过1年的合同。", 10).unit;
    const money: AnswerType[] = ["money"];
    expect(scoreFactor({ ...honest, leavesOpen: true }, money, DEFAULT_TUNING)).toBe(scoreFactor(amount, money, DEFAULT_TUNING));
    expect(scoreFactor(unanswered, money, DEFAULT_TUNING)).toBeLessThan(scoreFactor(amount, money, DEFAULT_TUNING));
    expect(scoreFactor({ ...honest, leavesOpen: true }, [], DEFAULT_TUNING)).toBe(scoreFactor(unanswered, [], DEFAULT_TUNING));
  });
});

describe("preferAskedStage", () => {
  const clearance = candidate("要。村级公示：拟消除风险的监测对象名单在村内公示，公示期5天。", 10, {
    sheet: "risk-cleared",
    concepts: ["公示", "风险消除"],
    titleConcepts: ["风险消除"],
  });
  const inclusion = candidate("拟纳入监测对象名单在村内公示，公示期5天。", 7, { sheet: "report-risk", concepts: ["公示", "申报"], titleConcepts: ["申报"] });

  it("puts first a close line on the stage asked when the best speaks of the other stage only", () => {
    // fails if: the clearance list's 5 days answer a household asking about the list it is being taken in by
    const r = readQuestion("申请监测户 村里公示要几天");
    expect(texts(preferAskedStage([clearance, inclusion], r, DEFAULT_TUNING))[0]).toContain("拟纳入");
  });

  it("leaves the order alone when the question names no stage, or both", () => {
    for (const q of ["监测户名单公示几天", "纳入监测和退出监测都要公示几天"]) {
      expect(texts(preferAskedStage([clearance, inclusion], readQuestion(q), DEFAULT_TUNING))[0], q).toContain("拟消除");
    }
  });

  it("does not reach past the off-topic reach", () => {
    const far = { ...inclusion, score: 5 };
    expect(texts(preferAskedStage([clearance, far], readQuestion("申请监测户 村里公示要几天"), DEFAULT_TUNING))[0]).toContain("拟消除");
  });

  const boarding = candidate("家庭经济困难的寄宿生，小学年均1000元、初中年均1250元。", 10, {
    sheet: "hlj-schooling",
    concepts: ["两免一补", "生活补助", "寄宿"],
    titleConcepts: ["两免一补", "义务教育"],
  });
  const vocational = candidate("在读职业教育的孩子（中职、技校、高职等），每生每年3000元。", 7, {
    sheet: "hlj-yulu",
    concepts: ["职业教育"],
    titleConcepts: ["职业教育", "雨露计划"],
  });

  it("asked of a child at a vocational school, puts a close 职业教育 line before a 两免一补 line the asker named", () => {
    // fails if: "上中专了 两免一补还有没有" is answered with the 1250元 of boarders in compulsory school
    const r = readQuestion("闺女上中专了 两免一补那个生活补助一年能给多少");
    expect(texts(preferAskedStage([boarding, vocational], r, DEFAULT_TUNING))[0]).toContain("3000元");
  });

  it("leaves a 两免一补 line first when no vocational school is named", () => {
    const r = readQuestion("孩子念初中住校 两免一补生活补助一年给多少");
    expect(texts(preferAskedStage([boarding, vocational], r, DEFAULT_TUNING))[0]).toContain("1250元");
  });
});
