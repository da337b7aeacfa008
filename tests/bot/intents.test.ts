import { describe, expect, it } from "vitest";
import {
  bindCommand,
  intentOf,
  presetRisks,
  isSheetListRequest,
  linkCommand,
  looksLikeReport,
  questionText,
  sheetNumber,
  speaksOfPolicy,
  splitMessage,
  tellsOfSomeone,
  withoutGreeting,
  type MessageFacts,
} from "../../bot/intents.js";

const group = (text: string, extra: Partial<MessageFacts> = {}): MessageFacts => ({
  self: false,
  isText: true,
  text,
  inRoom: true,
  bound: true,
  mentioned: false,
  inConversation: false,
  ...extra,
});
const privately = (text: string, extra: Partial<MessageFacts> = {}): MessageFacts => group(text, { inRoom: false, bound: false, ...extra });

describe("matchers", () => {
  it.each([
    ["请问大病保险能报多少", false, "question"],
    ["问一下雨露计划", false, "question"],
    ["咨询：危房改造", false, "question"],
    ["危房改造补多少", true, "question"],
    ["危房改造补多少", false, "overheard_question"],
    // said to the bot, asking nothing: answered only if a sheet answers it surely, else the help text
    ["危房改造补助标准", true, "statement"],
    ["俺家今年黄豆亩产四百多斤 老高兴了", true, "statement"],
    ["老张家昨晚着火了 房子烧了半拉", true, "statement"],
    ["老张家昨晚着火了 房子烧了半拉", false, "ignore"],
    ["", true, "help"],
  ])("in a group, %j (mentioned: %s) is %s", (text, mentioned, expected) => {
    expect(intentOf(group(text, { mentioned }))).toBe(expected);
  });

  it("in a private chat, a message that asks nothing and reports nothing is a statement, not a question", () => {
    expect(intentOf(privately("谢谢你啊 小助手"))).toBe("statement");
    expect(intentOf(privately("隔壁老王家孩子出车祸了 太吓人了"))).toBe("statement");
    expect(intentOf(privately("低保怎么申请"))).toBe("question");
  });

  it("tells a question about anything a policy could cover from one about the bot or village life", () => {
    // fails if: a pension question loses the honest pointer to 12317, or chit-chat gets it
    for (const q of ["高龄津贴多少钱", "养老金能涨不", "家里吃的水发黄 能给打新井不", "种地补贴一亩多少"]) expect(speaksOfPolicy(q)).toBe(true);
    for (const q of ["你是机器人还是真人啊", "今晚上村部放电影不", "明天几点开会来着", "谁家大鹅养得最好"]) expect(speaksOfPolicy(q)).toBe(false);
  });

  it("tells a bare topic to look up from news of someone or of what happened", () => {
    // fails if: news of a neighbour said to the bot is looked up as a topic, or a bare topic is not
    for (const t of ["危房改造补助标准", "雨露计划 发放时间", "大病保险报销比例"]) expect(tellsOfSomeone(t)).toBe(false);
    for (const t of ["隔壁老王家房子漏雨漏得不行了 老可怜了", "俺邻居老刘住院了 挺可怜的", "我舅家房子叫雨冲了"]) expect(tellsOfSomeone(t)).toBe(true);
  });

  it("reads a message without the greeting before it", () => {
    // fails if: the 吗 of 在吗 makes a report a question, or a greeting alone is emptied
    expect(withoutGreeting("在吗 俺家孩子考上大学了 学费凑不齐 想报一下")).toBe("俺家孩子考上大学了 学费凑不齐 想报一下");
    expect(withoutGreeting("你好，请问危房补多少")).toBe("请问危房补多少");
    expect(withoutGreeting("好的 张三")).toBe("张三");
    expect(withoutGreeting("你好")).toBe("你好");
    expect(withoutGreeting("行不行啊 这样能报吗")).toBe("行不行啊 这样能报吗");
  });

  it("drops the cue and leading punctuation from a question", () => {
    expect(questionText("请问，大病保险怎么报？")).toBe("大病保险怎么报？");
    expect(questionText("咨询: 雨露计划")).toBe("雨露计划");
  });

  it.each([
    ["我家老人住院了", true],
    ["申报：房子塌了", true],
    ["屋里伢子他爸腿断了 想申报", true],
    ["要申报 家里收入断了 一个月就几百块", true],
    ["我家能申报吗？", false],
    ["请问我家怎么申报", false],
    ["我想问下申报要不要本人去村委会", false],
    ["帮别人申报行不 俺大姨不会用手机", false],
    ["今天开会", false],
    ["我家苞米今年长得不赖", false],
    // Xiang questions: 好多 = 多少, 好久 = 多久
    ["我们村里三天两头停水 供水保证率要达到好多才算有保障", false],
    ["报了监测户以后 从报上去到认定下来最多要好久", false],
    ["屋里老倌子住院花了好多钱", true],
    // Northeastern 多钱 after a word of degree tells ("老多钱"); a wish to report said last asks nothing ("申报吧")
    ["孩子今年上高中了 一年花老多钱了 俺要申报", true],
    ["上大学的钱实在凑不出来了 申报吧", true],
    ["俺家这情况 能申报吧", false],
    ["危房补多钱", false],
    ["屋里遭咯火 想报监测 是按一个人一个人算 还是按一屋人算", false],
    ["我屋里娭毑得了白内障 算冇算那30种大病咯", false],
  ])("looksLikeReport(%j) is %s", (text, expected) => {
    expect(looksLikeReport(text)).toBe(expected);
  });

  it("reads sheet list requests and sheet numbers, full-width digits too", () => {
    expect(isSheetListRequest("明白纸")).toBe(true);
    expect(isSheetListRequest("政策")).toBe(true);
    expect(isSheetListRequest("政策变了吗")).toBe(false);
    expect(sheetNumber("3")).toBe(3);
    expect(sheetNumber("３")).toBe(3);
    expect(sheetNumber("第2个")).toBe(2);
    expect(sheetNumber("3个人")).toBeNull();
  });

  it("reads bind and link commands, nothing looser", () => {
    expect(bindCommand("绑定 231226100201")).toBe("231226100201");
    expect(bindCommand("绑定231226100201")).toBe("231226100201");
    expect(bindCommand("绑定 2312")).toBeNull();
    expect(bindCommand("绑定 100201")).toBe("100201");
    expect(bindCommand("绑定 １００２０１")).toBe("100201");
    expect(bindCommand("绑定 1002011")).toBeNull();
    expect(linkCommand("绑定账号 012345")).toBe("012345");
    expect(linkCommand("绑定账号 12345")).toBeNull();
  });
});

describe("a household's question that tells of its trouble", () => {
  it.each([
    ["家里危房能补多少钱", "question"],
    ["孩子上职高有啥补助", "question"],
    ["老人七十多了没人养能进特困不", "question"],
    ["我家房子塌了怎么办", "question"],
    ["我家老伴住院了想申报", "report_invite"],
    ["我家老伴住院了，花了好几万", "report_invite"],
    ["我家房子塌了", "report_invite"],
    // fails if: a question closed by 吧 ("…也不用交吧") is taken for a report and gets no answer
    ["俺家是监测户 听说特困的医保不用交钱 俺们也不用交吧", "question"],
    ["我要报监测 在微信上讲一声就要得了吧", "question"],
    // fails if: a Northeastern question word the engine reads (多钱, 多咱) is not taken for asking
    ["俺家孩子上中专一年能补多钱", "question"],
    ["俺家低保批了 钱多咱能到", "question"],
    ["俺家老伴住院花了好多钱 想申报", "report_invite"],
    // fails if: a question form households use is read as telling, and a question with a hardship gets only the invitation
    ["俺家住山上 挑水上下高差不超过好多米才算方便", "question"],
    ["俺家务工补助一年给五百还是一千", "question"],
    ["俺家侄子十七在念职高 评特困他算有劳动能力还是没劳动能力", "question"],
    ["我家老人在外县出的事 临时救助得回老家申请 还是在出事那边就能申请", "question"],
    ["俺家孩子上中专 一年补几千", "question"],
    ["我家有冒得帮扶责任人", "question"],
    ["我家大儿子回来养猪 区里支持不支持", "question"],
    ["家里吃水难 听说取水来回不超过20分钟就算方便", "question"],
    ["俺家房子漏雨 快手上说危房改造能全给盖", "question"],
    ["我家老人住院了 说是能单独吃低保 真的假的", "question"],
    // fails if: a question typed in traditional characters (交錢嗎, 不麼) is not read as one
    ["我家老人是特困 醫保還用自己交錢嗎", "question"],
    ["我家是監測戶 還能領務工補助不麼", "question"],
    // …and telling stays telling
    ["俺家看病花了几万 钱不够了", "report_invite"],
    ["俺爹住院半个月了还是不见好", "report_invite"],
    ["俺家报了困难还是没人来", "report_invite"],
    // fails if: two claims set side by side, asking who is right, are taken for a remark
    ["我家老伴说孙子上职高领不了雨露计划 我说能领", "question"],
    ["我家是低保边缘户 我说老伴重病能单独办低保 儿子说得全家一起", "question"],
    ["俺爹住院了 听说挺重的", "report_invite"],
  ])("in a group, %j is a %s", (text, intent) => {
    // fails if: REPORT_CUES are checked before the question, and the question never reaches the engine
    expect(intentOf(group(text))).toBe(intent);
  });

  it("reads the private offer's reply as a report with the risk types chosen", () => {
    expect(presetRisks("申报因病")).toEqual(["illness"]);
    expect(presetRisks("申报住房安全、因灾")).toEqual(["housing", "disaster"]);
    expect(presetRisks("申报")).toBeNull();
    expect(presetRisks("申报 3")).toBeNull();
    expect(intentOf(privately("申报因病"))).toBe("report_start");
    // fails if: the reply is read as typed, and "申報因災" (traditional characters) starts a report with nothing chosen
    expect(presetRisks("申報因災")).toEqual(["disaster"]);
  });
});

describe("intentOf", () => {
  it("ignores its own messages and unbound groups (except binding)", () => {
    expect(intentOf(group("请问", { self: true }))).toBe("ignore");
    expect(intentOf(group("请问危房", { bound: false }))).toBe("ignore");
    expect(intentOf(group("绑定 231226100201", { bound: false }))).toBe("bind_group");
  });

  it("in a bound group: report before question, sheets, chatter ignored", () => {
    expect(intentOf(group("我家房子塌了"))).toBe("report_invite");
    expect(intentOf(group("涝了 地里全是水 俺家要申报"))).toBe("report_invite");
    expect(intentOf(group("俺家苞米今年长得不赖"))).toBe("ignore");
    expect(intentOf(group("请问危房补多少"))).toBe("question");
    expect(intentOf(group("明白纸"))).toBe("sheet_list");
    expect(intentOf(group("2"))).toBe("sheet");
    // asked in the group without addressing the bot: the answer when sure, else one line or nothing (bot-conversations)
    expect(intentOf(group("吃了吗"))).toBe("overheard_question");
    expect(intentOf(group("今天开会"))).toBe("ignore");
    expect(intentOf(group("谢谢你啊"))).toBe("ignore");
    expect(intentOf(group("谢谢你啊", { mentioned: true }))).toBe("help");
    expect(intentOf(group("在不", { mentioned: true }))).toBe("help");
    expect(intentOf(group("你能搞些么子", { mentioned: true }))).toBe("help");
    expect(intentOf(group("你能帮俺查查低保不", { mentioned: true }))).toBe("question");
    expect(intentOf(group("", { mentioned: true }))).toBe("help");
    expect(intentOf(group("", { isText: false }))).toBe("non_text");
  });

  it("privately: a conversation under way takes every answer, except 查询 and linking", () => {
    expect(intentOf(privately("2", { inConversation: true }))).toBe("report_continue");
    expect(intentOf(privately("查询", { inConversation: true }))).toBe("status");
    expect(intentOf(privately("申报"))).toBe("report_start");
    expect(intentOf(privately("2"))).toBe("sheet");
    expect(intentOf(privately("低保怎么申请"))).toBe("question");
    expect(intentOf(privately("绑定账号 123456"))).toBe("link_account");
    expect(intentOf(privately("你好"))).toBe("help");
    expect(intentOf(privately("取消"))).toBe("nothing_to_cancel");
    expect(intentOf(privately("取消", { inConversation: true }))).toBe("report_continue");
    expect(intentOf(group("你好", { mentioned: true }))).toBe("help");
  });
});

describe("splitMessage", () => {
  it("keeps short texts whole", () => {
    expect(splitMessage("短", 1500)).toEqual(["短"]);
  });

  it("cuts at paragraph ends and never exceeds the limit", () => {
    const text = Array.from({ length: 30 }, (_, i) => `第${i}段。`.padEnd(100, "字")).join("\n\n");
    const parts = splitMessage(text, 1500);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(1500);
    expect(parts.join("\n\n")).toBe(text);
  });

  it("cuts a text without breaks hard at the limit", () => {
    const parts = splitMessage("字".repeat(3100), 1500);
    expect(parts.map((p) => p.length)).toEqual([1500, 1500, 100]);
  });
});
