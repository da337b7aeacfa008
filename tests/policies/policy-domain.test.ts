import { describe, expect, it } from "vitest";
import { AnswerEngine, labelled, UNSURE_TEXT } from "../../src/domain/policy/answer-engine.js";
import { askedTypes, askedUnit, states } from "../../src/domain/policy/answer-type.js";
import { Bm25Index } from "../../src/domain/policy/bm25.js";
import { asksInDialect, normalizeText, simplifiedText, standardQuestionWords } from "../../src/domain/policy/normalize.js";
import { parsePolicySheet, PolicySheetFormatError, type PolicySheetContent } from "../../src/domain/policy/policy-sheet.js";
import { canPublishPolicy } from "../../src/domain/policy/publish-rule.js";
import { appliesTo, askerRegion, provinceAskedAbout, provincesOwningRule, regionName } from "../../src/domain/policy/region.js";
import { canonicalTerms } from "../../src/domain/policy/synonyms.js";
import { termsOf } from "../../src/domain/policy/tokenize.js";
import type { Actor } from "../../src/domain/access.js";

const FAQ = Array.from({ length: 5 }, (_, i) => `问：问题${i}？\n答：答案${i}，100元。\n据：某文件 第${i}条`).join("\n\n");
const sheetText = (front: string, faq = FAQ) => `---\n${front}\n---\n## 给谁看\n大家。\n\n## 常见问题\n${faq}\n`;
const FRONT =
  'id: test-sheet\ntitle: 测试明白纸\naudience: [all_households, workers]\nregion: "230000"\nsource: 黑农办发〔2024〕7号\nyear: 2024\nversion: 3\nkeywords: [打工, 路费]';

describe("parsePolicySheet", () => {
  it("reads front matter, body and 问/答/据 pairs", () => {
    const s = parsePolicySheet(sheetText(FRONT));
    expect(s).toMatchObject({
      id: "test-sheet",
      title: "测试明白纸",
      audience: ["all_households", "workers"],
      region: "230000",
      year: 2024,
      version: 3,
      keywords: ["打工", "路费"],
    });
    expect(s.body).toBe("## 给谁看\n大家。");
    expect(s.faq).toHaveLength(5);
    expect(s.faq[0]).toEqual({ question: "问题0？", answer: "答案0，100元。", source: "某文件 第0条" });
  });

  it("a pair without 据 takes no clause of its own", () => {
    const s = parsePolicySheet(sheetText(FRONT, FAQ.replace("\n据：某文件 第0条", "")));
    expect(s.faq[0].source).toBeNull();
  });

  it.each([
    ["no front matter", "## 常见问题\n", "头部"],
    ["missing source", sheetText(FRONT.replace(/source:.*\n/, "")), "缺少头部字段 source"],
    ["bad region", sheetText(FRONT.replace('"230000"', '"231226"')), "region"],
    ["unknown audience", sheetText(FRONT.replace("workers", "aliens")), "aliens"],
    ["unknown field", sheetText(`${FRONT}\ncolour: red`), "colour"],
    ["reserved id", sheetText(FRONT.replace("test-sheet", "ask")), "id 不能用 ask"],
    ["version not a number", sheetText(FRONT.replace("version: 3", "version: three")), "version"],
    ["four questions", sheetText(FRONT, FAQ.split("\n\n").slice(0, 4).join("\n\n")), "至少要有5条"],
    ["question without answer", sheetText(FRONT, `${FAQ}\n\n问：没有答案的问题？`), "没有答案"],
    ["stray line in the FAQ", sheetText(FRONT, `${FAQ}\n随便写的一行`), "看不懂"],
    ["no FAQ section", `---\n${FRONT}\n---\n正文\n`, "常见问题"],
  ])("rejects a sheet with %s", (_name, text, problem) => {
    expect(() => parsePolicySheet(text)).toThrow(PolicySheetFormatError);
    expect(() => parsePolicySheet(text)).toThrow(problem);
  });
});

describe("regions", () => {
  it.each([
    ["23", "230000"],
    ["43", "430000"],
    ["231226", "230000"],
    ["430503001001", "430000"],
    ["2312", "230000"],
    ["national", "000000"],
    ["000000", "000000"],
    ["湖南省", "430000"],
    ["黑龙江", "230000"],
    ["吉林省", "220000"],
    ["内蒙古", "150000"],
    ["abc", null],
    ["2", null],
    ["0012", null],
  ])("asker region %s reduces to %s", (input, expected) => {
    expect(askerRegion(input)).toBe(expected);
  });

  it.each([
    ["000000", "430000", true],
    ["230000", "430000", false],
    ["430000", "430000", true],
    ["230000", null, true],
    ["230000", "000000", false],
    ["000000", "000000", true],
  ])("a %s sheet applies to a %s asker: %s", (sheet, asker, expected) => {
    expect(appliesTo(sheet, asker)).toBe(expected);
  });

  it("names provinces", () => {
    expect([regionName("230000"), regionName("430000"), regionName("000000")]).toEqual(["黑龙江省", "湖南省", "全国"]);
    expect(regionName("220000")).toBe("吉林省");
  });

  it.each([
    ["我哥在辽宁 他们那边低保一个月给多少", "210000"],
    ["俺外甥在内蒙古当地能办小额贷款不", "150000"],
    ["俺表哥在吉林 他们那雨露计划一年补多少", "220000"],
    // Working somewhere else asks about the household's own province's rule.
    ["儿子在江苏打工 路费能补多少", null],
    ["那边村里说要先申请", null],
    ["俺儿在辽宁那边干活出事了 临时救助能在出事的地方申请不", null],
  ])("%j asks about the rules of %s", (question, province) => {
    // fails if: a province named only as where someone works is taken for the rule asked about, or "over there" is missed
    expect(provinceAskedAbout(question)).toBe(province);
  });
});

describe("provincesOwningRule", () => {
  // A subject of the sheets, as the engine reads one (here: a few words for the test).
  const namesSubject = (text: string) => /危房|低保|雨露计划|奖补|补助/.test(text);
  it.each([
    ["吉林危房补多少", ["220000"]],
    ["孩子在吉林读职校 吉林省的雨露计划补助标准是多少", ["220000"]],
    ["我在辽宁落户了 辽宁农村低保标准是多少", ["210000"]],
    // Where someone works, lives or studies: what follows is not that province's rule.
    ["俺儿子在江苏工地干活 跨省奖补给多少", []],
    ["孩子在北京上大学 能领补助不", []],
    ["去山东干了俩月就回来了 路费补助还给不", []],
  ])("%j names %j as the owner of the rule asked", (question, owners) => {
    // fails if: "吉林危房补多少" is answered with Heilongjiang's figure, or a place of work is read as whose rule
    expect(provincesOwningRule(question, namesSubject)).toEqual(owners);
  });
});

describe("asksInDialect", () => {
  it("finds a dialect word that asks, not one that tells", () => {
    // fails if: "花了好多钱" (spent a lot) is taken for asking, or "补多钱" / "多咱" / Xiang "好多" asked are missed
    expect(asksInDialect("上中专一年能补多钱")).toBe(true);
    expect(asksInDialect("低保批了 钱多咱能到")).toBe(true);
    expect(asksInDialect("供水保证率要达到好多才算有保障")).toBe(true);
    expect(asksInDialect("从报上去到认定下来最多要好久")).toBe(true);
    expect(asksInDialect("老伴住院花了好多钱")).toBe(false);
    expect(asksInDialect("住了好久的院")).toBe(false);
    expect(asksInDialect("好多人都报了")).toBe(false);
    // fails if: the 过 of 超过 is read as a past ("去过好多地方"), and "不超过好多米" is taken for telling
    expect(asksInDialect("取水的地方上下高差不超过好多米")).toBe(true);
    expect(asksInDialect("挑水的地方离屋里好高")).toBe(true);
    expect(asksInDialect("去过好多地方看病")).toBe(false);
    expect(asksInDialect("孩子长得好高")).toBe(false);
  });
});

describe("simplifiedText", () => {
  it("folds full-width and traditional characters and keeps everything else as typed", () => {
    // fails if: a question typed in traditional characters is read differently from the same in simplified ones
    expect(simplifiedText("醫保還用自己交錢嗎？ＡＢ１２")).toBe("医保还用自己交钱吗?AB12");
  });
});

describe("normalizeText", () => {
  it.each([
    ["全角：８００元？", "全角 800元"],
    ["醫療補貼", "医疗补贴"],
    ["屋里冇得人", "家里没有人"],
    ["给了800块", "给了800元"],
    ["多少钱一斤", "多少一斤"],
    ["Ｄ级危房！！", "d级危房"],
    ["Ｄ級危房補多少", "d级危房补多少"],
    ["村里好久来人", "村里多久来人"],
    ["俺们屯子", "俺们村"],
    ["申请检测户", "申请监测户"],
    ["报jc户", "报监测户"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});

describe("synonyms and terms", () => {
  it.each([
    ["娃上职高了", ["孩子", "职业教育"]],
    ["去广东打工路费", ["务工", "跨省", "交通补助"]],
    ["吃低保的", ["低保"]],
    ["俺爹中风了", ["脑卒中"]],
    ["盖房子借钱", ["住房", "贷款"]],
    ["申请检测户", ["申报"]],
    ["村里几天得来人核实", ["受理"]],
  ])("%s mentions %j", (text, concepts) => {
    expect(canonicalTerms(normalizeText(text))).toEqual(expect.arrayContaining(concepts));
  });

  it("reads the village's 帮扶措施申报 as the help plan, not as a household's report", () => {
    // fails if: the village filing its measures names 申报, so its line answers households asking how to report
    expect(canonicalTerms(normalizeText("10天内完成帮扶计划制定和帮扶措施申报"))).not.toContain("申报");
  });

  it("makes character unigrams and bigrams, drops fillers, keeps number-unit pairs", () => {
    const t = termsOf("俺家D级危房咋办");
    expect(t.bigrams).toEqual(expect.arrayContaining(["危房", "d级", "d"]));
    expect(t.bigrams).not.toContain("俺家");
    expect(t.unigrams).toEqual(expect.arrayContaining(["危", "房"]));
  });
});

describe("answer types", () => {
  it.each([
    ["去外省打工路费补多少", ["money"]],
    ["低保金一个月多少", ["money"]],
    ["雨露计划啥时候发", ["time"]],
    ["小额信贷多少岁能贷", ["age"]],
    ["集中排查一年几次", ["count"]],
    ["翻建房子能盖多大", ["area"]],
    ["孩子多大以下算无劳动能力", ["age"]],
    // Saying one's age asks whether that age still qualifies: the line with the age limit answers it.
    ["我都63了还能贷款吗", ["age"]],
    ["危房改造咋申请", ["procedure"]],
    ["自来水抢修电话多少", ["phone"]],
    ["县农业农村局电话", ["phone"]],
    ["在外地打工 能不能电话排查", []],
    ["老伴住院花了好几万 能报监测户不", []],
    ["低保户交医保国家给出几成", ["share"]],
    ["挑水走多远算不安全", ["distance"]],
    ["家里存款不能超过多少", ["figure"]],
    ["老板招人一个人能抵多少税", ["money"]],
    ["老伴七十三了能办特困不", ["age"]],
    ["吃水来回半个钟头算不算困难", ["time"]],
    // Where to go or whom to ask: a line of amounts does not answer it.
    ["想给俺妈申请低保 上哪交申请 交给谁", ["office"]],
    ["风险消除最后谁说了算", ["office"]],
    // 赔 pays money like 补 and 给; 咋弄 asks how to do it like 咋办理.
    ["大豆上了保险 一亩能赔多少", ["money"]],
    ["去北京看病 异地就医备案咋弄", ["procedure"]],
  ])("%s asks for %j", (q, types) => {
    expect(askedTypes(normalizeText(q))).toEqual(types);
  });

  it.each([
    ["村里好久给我答复", ["time"]],
    ["雨露计划一年补好多钱", ["money"]],
    ["收入每年要涨好多", ["figure"]],
    ["钱多咱能发下来", ["time"]],
    // fails if: a word that tells ("花了好多钱", "花了老多钱") is made a question word, asking for an amount
    ["老伴住院花了好多钱 除了村委会还能去哪报", ["procedure", "office"]],
    ["看病花了老多钱了 能申请临时救助不", []],
  ])("reads the dialect question word in %s as %j", (q, types) => {
    expect(askedTypes(standardQuestionWords(q))).toEqual(types);
  });

  it.each([
    ["减税能享受多少个月", "36个月", "3年"],
    ["贷款最小多少岁", "18周岁", "5万元"],
    ["公示几天", "不少于10日", "5万元"],
  ])("reads the unit %s asks in", (q, stating, notStating) => {
    const unit = askedUnit(q)!;
    expect(unit.test(stating)).toBe(true);
    expect(unit.test(notStating)).toBe(false);
  });

  it("reads no unit where none is asked", () => {
    expect(askedUnit("危房改造咋申请")).toBeNull();
  });

  it.each([
    ["每人每年800元", "money", true],
    ["最高不超过20万元", "money", true],
    ["要签1年以上的合同", "money", false],
    ["7月15日前发", "time", true],
    ["5天内受理", "time", true],
    ["18周岁到65周岁", "age", true],
    ["每年至少2次", "count", true],
    ["本人向村委会申请", "count", false],
    ["1到3人户40到60平米", "area", true],
  ] as const)("%s states a %s figure: %s", (text, type, expected) => {
    expect(states(text, type)).toBe(expected);
  });
});

describe("Bm25Index", () => {
  it("ranks the document with the rarer matching term first", () => {
    const idx = new Bm25Index();
    idx.add([
      { term: "a", weight: 1 },
      { term: "common", weight: 1 },
    ]);
    idx.add([
      { term: "b", weight: 1 },
      { term: "common", weight: 1 },
    ]);
    idx.add([{ term: "common", weight: 1 }]);
    const hits = idx.search([
      { term: "a", weight: 1 },
      { term: "common", weight: 1 },
    ]);
    expect(hits[0].doc).toBe(0);
    expect(hits).toHaveLength(3);
    expect(idx.idf("unknown")).toBeGreaterThan(idx.idf("a"));
  });

  it("counts a term's rarity within a scope when asked to", () => {
    // fails if: one province's documents make a word common for another province's askers
    const idx = new Bm25Index();
    idx.add([{ term: "补助", weight: 1 }], true, ["hn"]);
    idx.add([{ term: "补助", weight: 1 }], true, ["hn"]);
    idx.add([{ term: "补助", weight: 1 }], true, ["hn"]);
    idx.add([{ term: "危房", weight: 1 }], true, ["hlj"]);
    idx.add([{ term: "补助", weight: 1 }], true, ["hlj"]);
    idx.add([{ term: "农村", weight: 1 }], true, ["hn", "hlj"]);
    expect(idx.idf("补助", "hlj")).toBeGreaterThan(idx.idf("补助"));
    expect(idx.idf("补助", "hlj")).toBe(idx.idf("危房", "hlj"));
    expect(idx.idf("补助", "hn")).toBeLessThan(idx.idf("补助", "hlj"));
  });

  it("skips documents the filter refuses", () => {
    const idx = new Bm25Index();
    idx.add([{ term: "x", weight: 1 }]);
    idx.add([{ term: "x", weight: 1 }]);
    expect(idx.search([{ term: "x", weight: 1 }], (d) => d === 1).map((h) => h.doc)).toEqual([1]);
  });
});

describe("canPublishPolicy", () => {
  const actor = (role: Actor["role"], areaCode: string | null): Actor => ({ accountId: "a", role, areaCode, householdId: null });
  it.each([
    [actor("admin", null), "000000", true],
    [actor("county", "231226000000"), "230000", true],
    [actor("county", "231226000000"), "430000", false],
    [actor("county", "231226000000"), "000000", false],
    [actor("township", "231226100000"), "230000", false],
    [actor("farmer", "231226100001"), "230000", false],
  ])("%j publishing for %s: %s", (a, region, expected) => {
    expect(canPublishPolicy(a, region)).toBe(expected);
  });
});

describe("AnswerEngine", () => {
  const sheet = (id: string, region: string, question: string, answer: string): PolicySheetContent => ({
    id,
    title: `${id} 明白纸`,
    audience: ["all_households"],
    region,
    source: `${id} 文件`,
    year: 2024,
    version: 1,
    keywords: [],
    body: "## 给谁看\n农户。",
    faq: [
      { question, answer, source: `${id} 第一条` },
      ...Array.from({ length: 4 }, (_, i) => ({ question: `${id} 其他问题${i}`, answer: `其他答案${i}`, source: null })),
    ],
  });
  const engine = new AnswerEngine([
    sheet("hlj", "230000", "跨省打工有路费补贴吗？", "黑龙江省跨省打工3个月以上，交通补助800元。"),
    sheet("nat", "000000", "申报电话是多少？", "全国申报电话12317。"),
    sheet("hn", "430000", "大祥区收入目标？", "人均收入年均增长20%。"),
  ]);

  it("answers from the asker's province, with the clause", () => {
    const r = engine.ask("去外省打工路费能补多少", "230000");
    expect(r.confident).toBe(true);
    expect(r.answers[0]).toMatchObject({ sheet: "hlj", source: "hlj 第一条" });
    expect(r.answers[0].text).toContain("800元");
  });

  it("never answers another province's rule as the asker's own", () => {
    const r = engine.ask("去外省打工路费能补多少", "430000");
    expect(r.confident).toBe(false);
    expect(r.answers[0].text).toContain("湖南省");
    expect(r.answers[0].text).toContain("12317");
    expect(JSON.stringify(r)).not.toContain("800元");
  });

  it("gives no figure of anyone's for a province no sheet covers, asked about as “over there”", () => {
    // fails if: the asker's own province's figure is given for a relative's province elsewhere
    const r = engine.ask("俺闺女嫁到吉林了 她们那边跨省打工路费能补多少", "230000");
    expect(r.confident).toBe(false);
    expect(r.answers[0]).toMatchObject({ sheet: null });
    expect(r.answers[0].text).toContain("吉林省");
    expect(r.answers[0].text).not.toContain("800元");
    expect(engine.ask("儿子在吉林打工 跨省打工路费能补多少", "230000").answers[0].text).toContain("800元");
  });

  it("national rules answer everyone", () => {
    expect(engine.ask("申报电话多少", "430000").answers[0].sheet).toBe("nat");
    expect(engine.ask("申报电话多少", "230000").answers[0].sheet).toBe("nat");
  });

  it("labels a provincial answer that does not name its province", () => {
    const r = engine.ask("大祥区收入目标", null);
    expect(r.answers[0].text).toBe("（湖南省规定）人均收入年均增长20%。");
    expect(labelled("全国申报电话12317。", "000000")).toBe("全国申报电话12317。");
  });

  it("is honest about a question no sheet covers", () => {
    const r = engine.ask("明天会不会下雨", "230000");
    expect(r).toMatchObject({ confident: false });
    expect(r.answers[0]).toMatchObject({ sheet: null, text: UNSURE_TEXT });
  });

  it("says 'not sure' about a subject no document covers, however close a line looks", () => {
    const withAllowance = new AnswerEngine([sheet("hlj", "230000", "残疾孩子上学有补助吗？", "黑龙江省特殊教育学校学生生活补助每年1750元。")]);
    expect(withAllowance.ask("残疾孩子上学补助多少", "230000").confident).toBe(true);
    const r = withAllowance.ask("残疾人两项补贴一个月多少", "230000");
    expect(r.confident).toBe(false);
    expect(r.answers[0].text).toBe(UNSURE_TEXT);
  });
});
