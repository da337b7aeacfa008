/**
 * Text normalisation for questions and sheets: full-width to half-width (NFKC),
 * common traditional characters to simplified, dialect words to standard ones, and
 * punctuation to spaces, so that the same question typed differently looks the same.
 */

// Traditional → simplified for characters that appear in questions about these policies.
const TRADITIONAL =
  "醫療補貼貸學險劃資費護戶農錢縣鄉電話證殘屬價養區齡單報辦說麼幾個嗎這們給還讀書職業務獎勵貧難災傷蓋層樓飲質實驗體檢員師歲兒孫婦親發錄記號碼問題應當於時間長東車輛機關門開會從來對為與過進選認識標準規則數額結幫測監請聯繫網絡組織讓續賬項歸陽龍紹險領導種專頭錯張處麵線壓糖尿結核殺癥癡視聽聾啞聯養邊緣隊貧務臨調查與應變縣鎮產營銷買賣貨創稅費稅齊貸條課義務師範畢歷屆養費準則辭脫貧戶負擔減輕擔憂灣廣蘇滬濟濱雜壽錢鐵醫補顧園區兩萬億條資險還隨寫據貼納稅優惠節約續週遠較際協嗎吶啥麼甚麼級樣該鄰經參點確獲離裡裏癱瘓壞塊夠窮勞動";
const SIMPLIFIED =
  "医疗补贴贷学险划资费护户农钱县乡电话证残属价养区龄单报办说么几个吗这们给还读书职业务奖励贫难灾伤盖层楼饮质实验体检员师岁儿孙妇亲发录记号码问题应当于时间长东车辆机关门开会从来对为与过进选认识标准规则数额结帮测监请联系网络组织让续账项归阳龙绍险领导种专头错张处面线压糖尿结核杀症痴视听聋哑联养边缘队贫务临调查与应变县镇产营销买卖货创税费税齐贷条课义务师范毕历届养费准则辞脱贫户负担减轻担忧湾广苏沪济滨杂寿钱铁医补顾园区两万亿条资险还随写据贴纳税优惠节约续周远较际协吗呐啥么甚么级样该邻经参点确获离里里瘫痪坏块够穷劳动";
const T2S = new Map<string, string>();
for (let i = 0; i < TRADITIONAL.length && i < SIMPLIFIED.length; i++) T2S.set(TRADITIONAL[i], SIMPLIFIED[i]);

/**
 * Dialect question words, rewritten to the standard ones before the kind of figure a
 * question asks for is read: Hunan 好多/几多 (how much), 好久 (how long); Northeastern
 * 多钱 (how much), 多咱/啥前儿 (when). The third field says the word can only ask: 好多 and
 * 好久 also tell ("花了好多钱", "住了好久"), 好高 too ("长得好高").
 */
const QUESTION_WORDS: Array<[string, string, boolean]> = [
  ["好多钱", "多少钱", false],
  ["几个子儿", "多少钱", true],
  ["几多钱", "多少钱", true],
  ["多钱", "多少钱", true],
  ["好多", "多少", false],
  ["几多", "多少", false],
  ["好久", "多久", false],
  ["好远", "多远", false],
  ["好高", "多高", false],
  ["好长时间", "多长时间", false],
  ["多长日子", "多久", true],
  ["多咱", "什么时候", true],
  ["啥前儿", "什么时候", true],
  ["多前儿", "什么时候", true],
  ["么时候", "什么时候", true],
  ["几时", "什么时候", true],
];

// A word that can also tell, where it tells: after 了/过/得 ("花了好多钱", "等了好久"), before 人/年 ("好多人").
// 过 of 超过/不过/经过 is part of a verb, not a past: "不超过好多米" asks.
const AMBIGUOUS = QUESTION_WORDS.filter(([, , onlyAsks]) => !onlyAsks).map(([word]) => word);
// Northeastern 多钱 asks ("补多钱"), but after a word of degree it tells: "花了老多钱", "挺多钱", "那么多钱".
const A_LOT_OF_MONEY = /(?:老|挺|贼|太|可|这么|那么|特别|非常)多钱/g;
const TELLING = new RegExp(`(?<=[了得]|(?<![超不经通越])过)(?:${AMBIGUOUS.join("|")})|(?:${AMBIGUOUS.join("|")})(?=人|年|次了)`, "g");
const TELLING_OR_A_LOT = new RegExp(`${TELLING.source}|${A_LOT_OF_MONEY.source}`, "g");

/**
 * Whether a message asks with a dialect question word: one that can only ask ("补多钱", "多咱能定"),
 * or one that can also tell, where it does not ("要达到好多才算", "最多要好久"; not "花了好多钱").
 */
export function asksInDialect(text: string): boolean {
  const t = text.replace(TELLING_OR_A_LOT, " ");
  return QUESTION_WORDS.some(([word]) => t.includes(word));
}

const DIGIT: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** The value of a compound Chinese numeral below 万 ("十七" 17, "一百五十二" 152, "三百八" 380). */
function numeralValue(run: string): number {
  let section = 0;
  let digit = 0;
  let lastUnit = 0;
  for (const c of run) {
    if (c in DIGIT) {
      digit = DIGIT[c];
      continue;
    }
    const unit = UNIT[c];
    section += (digit || 1) * unit;
    digit = 0;
    lastUnit = unit;
  }
  // "三百八": a digit after the last unit counts in the next unit down (80, not 8).
  const tail = digit && lastUnit >= 100 && !/零/.test(run) ? digit * (lastUnit / 10) : digit;
  return section + tail;
}

/**
 * Compound Chinese numerals ("十七了", "一百五十二", "三百八") as digits, so that an age, an
 * amount or a count said in words reads like one typed in digits. A lone 一/两/三 is left
 * alone: it is part of too many words (一卡通, 两免一补, 三保障).
 */
export const numeralsToDigits = (text: string): string =>
  text
    .split("十四五") // the five-year plan, not a number
    .map((part) =>
      part
        .replace(/[零一二两三四五六七八九]*[十百千][零一二两三四五六七八九十百千]*(?!几)/g, (run) =>
          run === "千" || run === "百" ? run : String(numeralValue(run)),
        )
        // "五万" as the sheets write it, "5万"
        .replace(/[一二两三四五六七八九](?=万)/g, (d) => String(DIGIT[d])),
    )
    .join("十四五");

/** A question with its dialect question words made standard (full-width folded, nothing else touched). */
export function standardQuestionWords(question: string): string {
  const s = numeralsToDigits(question.normalize("NFKC"));
  const standard = (part: string) => QUESTION_WORDS.reduce((t, [from, to]) => t.split(from).join(to), part);
  // "花了好多钱" tells what was spent: a word that tells is kept as it is, so it asks for no figure.
  let out = "";
  let last = 0;
  for (const m of s.matchAll(TELLING_OR_A_LOT)) {
    out += standard(s.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + standard(s.slice(last));
}

/** Dialect and colloquial words, rewritten to the words the sheets use (longest first). */
const DIALECT: Array<[string, string]> = [
  ...QUESTION_WORDS.filter(([from]) => !from.endsWith("钱")).map(([from, to]): [string, string] => [from, to]),
  ["咋整", "怎么办"],
  ["屯子", "村"],
  ["屯里", "村里"],
  ["堂客", "妻子"],
  ["咋办", "怎么办"],
  ["何解", "为什么"],
  ["晓得", "知道"],
  ["老些", "很多"],
  ["寻思", "想"],
  ["么子", "什么"],
  ["嘎哈", "干什么"],
  ["干哈", "干什么"],
  // Xiang (Hunan) aspect particle: 认定哒 = 认定了.
  ["哒", "了"],
  ["冇得", "没有"],
  ["冇", "没有"],
  ["屋里", "家里"],
  ["伢子", "孩子"],
  ["细伢子", "孩子"],
  ["妹伢子", "孩子"],
  ["啷个", "怎么"],
  ["咋个", "怎么"],
  ["块钱", "元"],
  ["一回", "一次"],
  // 监测户 as households mistype it (检测户 by sound, jc户 by pinyin): read as the word it is, so that
  // 申请检测户 is 申请监测户 and its bigrams are the sheets' (the synonym table, matched after this, needs no typo of it).
  ["检测户", "监测户"],
  ["检测对象", "监测对象"],
  ["监侧", "监测"],
  ["jc户", "监测户"],
  // Negated boarding, so that its bigrams do not say 住校.
  ["不住校", "走读"],
  ["不住宿", "走读"],
  ["非寄宿", "走读"],
  ["几回", "几次"],
  // The amount question is one intent, not two words about money.
  ["多少钱", "多少"],
  ["几个钱", "多少"],
  ["好多钱", "多少"],
  ["米²", "平米"],
  ["平方米", "平米"],
  ["平方", "平米"],
  ["㎡", "平米"],
  ["m²", "平米"],
].sort((a, b) => b[0].length - a[0].length) as Array<[string, string]>;

const PUNCTUATION = /[\s\p{P}\p{S}]+/gu;

const toSimplified = (text: string): string => Array.from(text, (c) => T2S.get(c) ?? c).join("");

/** The text in the characters the rest reads: full-width folded, traditional characters simplified ("交錢嗎" → "交钱吗"); nothing else touched. */
export const simplifiedText = (input: string): string => toSimplified(input.normalize("NFKC"));

/** Normalises one text for indexing or asking (keeps digits and letters, lower-cased). */
export function normalizeText(input: string): string {
  let s = toSimplified(numeralsToDigits(input.normalize("NFKC").toLowerCase()));
  // 平米/元 must survive before punctuation is dropped (㎡ and ² are symbols).
  for (const [from, to] of DIALECT) s = s.split(from).join(to);
  s = s.replace(/(\d)\s*块/g, "$1元");
  return s.replace(PUNCTUATION, " ").trim();
}
