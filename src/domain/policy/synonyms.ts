/**
 * The synonym and dialect table: each group's first word is the canonical term the
 * sheets use; any other word in the group (colloquial, dialect, common misspelling)
 * adds the canonical term to the text. Applied to questions and sheets alike, so a
 * question about 娃 finds a sheet about 孩子 and 学生.
 */
/**
 * Subjects households ask about that none of the policy documents covers (pensions, the
 * disability allowances, farmland and machinery subsidies, plots, card replacement): the
 * engine answers them "not sure" unless the best answer itself speaks of the subject.
 */
const OUT_OF_SCOPE_GROUPS: readonly (readonly string[])[] = [
  ["养老金待遇", "养老金", "退休金", "养老钱", "领养老", "老年补贴", "高龄补贴"],
  ["残疾人两项补贴", "两项补贴", "护理补贴", "残疾补贴", "残疾人补贴", "残补"],
  ["耕地地力保护补贴", "耕地地力保护", "种地补贴", "地补", "粮补", "耕地补贴", "种粮补贴", "一亩地给", "每亩", "一亩"],
  ["农机购置补贴", "农机购置", "农机补贴", "买农机", "农机具补贴", "买拖拉机", "买收割机"],
  ["宅基地审批", "批宅基地", "宅基地怎么申请", "申请宅基地", "要宅基地"],
  ["补办证件", "补办", "卡丢了", "丢了", "挂失"],
  ["计划生育奖励", "独生子女", "计生"],
  ["征信", "上征信", "黑名单", "失信"],
  ["低保年审", "年审", "一年审", "多久审", "复审"],
];

export const OUT_OF_SCOPE: ReadonlySet<string> = new Set(OUT_OF_SCOPE_GROUPS.map((g) => g[0]));

export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ["孩子", "娃", "小子", "小孩", "伢", "崽", "孩儿", "闺女", "女儿", "儿子", "学生", "子女", "孩"],
  ["看病", "瞧病", "治病", "就医", "就诊", "医疗", "生病", "得病", "病了", "住院", "病号", "病人", "患者"],
  ["医保", "医疗保险", "合作医疗", "新农合", "农合", "居民医保", "医疗险", "一保", "医宝", "参保", "保费"],
  ["住房", "房子", "房屋", "屋子", "盖房", "建房", "修房", "起房", "翻盖", "翻建", "翻修", "起屋", "建屋", "造房", "新房"],
  ["无房户", "没房", "无房", "没地方住", "没房子", "没有房"],
  ["危房", "危改", "危房改造", "危险房", "危防", "为房", "危方子", "破房", "漏雨", "塌", "裂缝", "快倒", "危旧房", "危方", "c级", "d级"],
  ["务工", "打工", "干活", "上班", "打零工", "做工", "找活", "挣钱", "就业", "外出务工"],
  ["跨省", "外省", "省外", "出省", "南方", "广东", "浙江", "江苏", "上海", "北京", "深圳", "福建"],
  ["省内", "省里", "本省", "哈尔滨", "绥化"],
  ["贷款", "借钱", "借款", "信贷", "借贷", "贷", "代款"],
  ["低保", "低保户", "低保对象", "最低生活保障", "吃低保", "低宝", "底保"],
  ["残疾", "残障", "残废", "伤残", "残疾人", "瘫痪", "瘫"],
  ["职业教育", "职高", "中职", "技校", "职校", "职业学校", "职业高中", "中专", "高职", "职业院校", "卫校", "技工学校", "大专", "职中"],
  ["本科", "大学", "本科生", "大学生", "读大学", "上大学", "考上大学", "研究生", "读研", "考研", "硕士"],
  ["交通补助", "路费", "车费", "车票", "交通费", "往返", "火车票", "盘缠", "路费钱", "路钱"],
  ["补助", "补贴", "资助", "奖补", "补的", "给补", "补钱", "帮扶资金", "补多少"],
  ["特困", "特昆", "特因", "五保", "五保户", "孤寡", "孤老", "没人养", "无儿无女", "供养"],
  ["临时救助", "救急", "急难", "应急救助", "临时补助", "救济", "临时就助", "临时求助", "急茬", "急事"],
  ["公益性岗位", "公益岗", "公益刚", "公益工作", "公益岗位", "保洁员", "护林员", "保洁", "护林", "护路"],
  ["雨露计划", "雨露", "雨路计划", "雨露补助", "雨路", "鱼露", "雨陆", "语露"],
  ["大病", "重病", "癌症", "癌", "肿瘤", "恶性", "大毛病", "绝症"],
  ["慢性病", "慢病", "老病", "高血压", "糖尿病", "血压高", "血糖高"],
  ["家庭医生", "签约医生", "签约", "村医"],
  ["饮水", "水", "吃水", "喝水", "用水", "自来水", "水管", "水井", "挑水", "饮用水", "供水", "停水", "水质"],
  ["税", "交税", "税收", "税费", "免税", "减税"],
  ["个体户", "开店", "小卖部", "做买卖", "做生意", "个体工商户", "摆摊", "开个店", "买卖"],
  ["申报", "报贫", "报返贫", "一键申报", "上报", "反映", "求助", "申请纳入", "代报", "替我报", "帮我报", "找人报", "代为申报", "报上去", "报了"],
  ["监测户", "监测对象", "检测户", "监侧户", "边缘户", "边缘易致贫户", "监测", "检测对象"],
  ["脱贫户", "贫困户", "建档立卡", "脱贫人口", "扶贫户", "脱贫家庭"],
  ["风险消除", "退出", "出列", "销号", "摘帽", "不当监测户", "移出", "退出监测", "里出来", "退出来", "摘掉", "去掉监测", "不再监测", "解除监测", "出监测"],
  ["排查", "摸排", "走访", "入户", "上门", "查一查", "排察", "挨家挨户", "挨家查"],
  ["学杂费", "学费", "书本费", "课本", "教科书"],
  ["寄宿", "住宿", "住校", "住读"],
  ["非寄宿", "不住校", "走读"],
  ["老人", "老人家", "老年人", "岁数大", "上岁数", "老汉", "老太太", "老头", "七十多", "六十多", "爹妈", "老两口"],
  ["火灾", "着火", "失火", "烧了", "起火"],
  ["交通事故", "车祸", "撞了", "出车祸"],
  ["押金", "预交", "先交钱", "先交", "垫钱"],
  ["先诊疗后付费", "先看病后付钱", "先看病后交钱", "先治病后交钱", "先看病后付费"],
  ["一卡通", "存折", "银行卡"],
  ["公示", "张榜", "贴出来"],
  ["利息", "贴息", "利钱", "利率", "息钱"],
  ["抵押", "担保", "担保人", "押东西"],
  ["富农产业贷", "富农贷", "产业贷"],
  ["存款", "积蓄", "存的钱", "钱存", "货币财产"],
  ["汽车", "小车", "轿车", "车子", "机动车", "有车", "面包车"],
  ["辍学", "不上学", "退学", "不念书", "不想念", "不读书", "不念了", "不读了"],
  ["特殊教育", "特教", "特殊学校", "送教上门"],
  ["增收", "收入", "挣得", "涨收入", "增长", "涨"],
  ["技能", "手艺", "培训", "学技术", "技术", "本事"],
  ["大祥区", "大祥", "邵阳"],
  ["上学", "读书", "念书", "上学校", "读书补助"],
  ["经营失败", "生意失败", "失败", "赔了", "亏了", "亏本", "绝收", "减产", "赔钱", "赔本"],
  ["公租房", "农村公租房", "公租", "租的房"],
  ["帮扶政策", "啥政策", "哪些政策", "什么政策", "享受政策", "有啥帮扶", "帮扶措施", "能享受"],
  ["返贫风险", "返贫", "致贫", "报贫", "防返贫"],
  ["养老保险", "养老保", "居民养老", "社保"],
  ["12317", "热线", "热线电话", "防贫电话"],
  ["返乡", "回来了", "回乡", "回家了", "没活干", "没活", "失业", "没工作", "找不到活"],
  ["报销", "能报", "报多少", "报销比例", "给报"],
  ["脑卒中", "中风", "脑梗", "脑出血", "脑溢血"],
  // Common names of the 30 major illnesses (30种大病) → the names on the list.
  ["终末期肾病", "尿毒症", "肾衰竭", "肾衰", "透析"],
  ["急性心肌梗死", "心梗", "心肌梗塞", "心肌梗死"],
  ["慢性阻塞性肺气肿", "慢阻肺", "肺气肿"],
  ["儿童先心病", "先心病", "先天性心脏病"],
  ["重性精神疾病", "精神病", "精神分裂", "严重精神障碍", "精神障碍"],
  ["唇腭裂", "兔唇", "豁嘴"],
  ["耐多药结核病", "结核", "肺结核", "痨病"],
  ["风湿性心脏病", "风心病", "风湿心脏病"],
  ["艾滋病机会感染", "艾滋病", "艾滋"],
  ["招用", "雇", "招人", "雇人", "招工", "用工", "企业招"],
  ["多久", "几天", "多长时间", "多少天", "多长", "几个月", "啥时候", "什么时候", "多会儿", "几日"],
  ["两免一补", "两免", "一补", "免学杂费", "两免一不"],
  ["部门预警", "预警", "部门推送", "部门筛查"],
  ["卫生室", "村卫生所", "诊所", "村医务室", "卫生所", "村卫生院"],
  ["授权承诺书", "承诺书", "授权书"],
  ["受理", "回话", "答复", "回复", "给信", "给个信", "来核查", "来人看", "办理意见", "给个说法"],
  ["帮扶计划", "帮扶方案", "帮扶办法", "咋帮我", "怎么帮", "帮扶的计划"],
  ["集中排查", "集中摸排", "大排查", "统一排查", "集中走访"],
  ["生活补助", "生活费", "饭钱", "伙食费", "吃饭钱"],
  ["合同", "协议", "签几年", "签多长", "聘用"],
  ["不达标", "不安全", "不合格", "算困难", "不方便"],
  ["村集体", "集体经济", "村里收入", "村集体经济", "村里集体"],
  // Topics the policy documents say nothing about: a question on them gets "not sure", not a near miss.
  ...OUT_OF_SCOPE_GROUPS,
];

/** Concepts too common to show on their own that a question is about a sheet's topic. */
export const GENERIC_CONCEPTS: ReadonlySet<string> = new Set(["孩子", "补助", "老人", "增收", "监测户", "脱贫户", "多久"]);

// Every two-character word of a generic group ("孩子", "补贴", …): as bigrams they show no topic either.
const GENERIC_BIGRAMS: ReadonlySet<string> = new Set(SYNONYM_GROUPS.filter((g) => GENERIC_CONCEPTS.has(g[0])).flatMap((g) => g.filter((w) => Array.from(w).length === 2)));

/** Whether a canonical concept or a character bigram says nothing about the topic on its own. */
export const isGenericTerm = (kind: "concept" | "bigram", term: string): boolean => (kind === "concept" ? GENERIC_CONCEPTS : GENERIC_BIGRAMS).has(term);

/** Words that carry no meaning for retrieval (fillers, particles, polite phrases). */
export const FILLERS: readonly string[] = [
  "请问", "想问", "问问", "问一下", "打听", "知道", "俺们", "俺家", "俺", "咱家", "咱们", "咱", "我们", "我家", "我",
  "你们", "你", "他们", "她", "他", "啥", "咋", "怎么", "怎样", "什么", "吗", "呢", "吧", "啊", "呀", "嘛", "哦", "哈", "啵", "咯", "哟",
  "有没有", "是不是", "能不能", "可不可以", "可以", "一个", "这个", "那个", "的", "了", "着", "么", "哪些", "哪个",
];

interface Expansion {
  word: string;
  canonical: string;
}

const EXPANSIONS: Expansion[] = SYNONYM_GROUPS.flatMap((g) => g.map((word) => ({ word, canonical: g[0] }))).sort((a, b) => b.word.length - a.word.length);

/**
 * The canonical terms a (normalised) text mentions, each once. Longer words are matched
 * first and used up, so "不住校" means 非寄宿 and not also 寄宿.
 */
export function canonicalTerms(normalized: string): string[] {
  const found = new Set<string>();
  let rest = normalized;
  for (const { word, canonical } of EXPANSIONS) {
    if (!rest.includes(word)) continue;
    found.add(canonical);
    rest = rest.split(word).join("\u0000");
  }
  return [...found];
}

const FILLERS_LONGEST_FIRST = [...FILLERS].sort((a, b) => b.length - a.length);

/** Replaces filler words by a space, so that n-grams do not run across them. */
export function dropFillers(normalized: string): string {
  let s = normalized;
  for (const f of FILLERS_LONGEST_FIRST) s = s.split(f).join(" ");
  return s.replace(/\s+/g, " ").trim();
}
