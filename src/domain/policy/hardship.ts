/**
 * Whether a question also tells of a hardship of the asker's own household ("看病花了一大笔",
 * "房子塌了半边"), and which risk types it names: then the answer is followed by an offer to
 * report. A question about a policy in general ("危房改造补多少") tells of none, and a hardship
 * of someone else's household ("邻居家…") is not the asker's to report here.
 */
import type { RiskTypeCode } from "../risk-types.js";

/** What happened, per risk type: words that say the trouble is real, not a policy name. */
const HARDSHIPS: Array<{ risk: RiskTypeCode; happened: RegExp }> = [
  {
    risk: "illness",
    happened:
      /(住院|看病|治病|手术|化疗|透析|癌|白血病|尿毒症|脑梗|中风|心脏病|大病|重病).{0,12}(花了|欠了|借了|掏空|没钱|治不起|看不起|好几万|几万|十几万|一大笔)|住院了|病倒了|生病了|(得了|查出|确诊|患了).{0,8}(病|癌|瘤|症|梗)/,
  },
  { risk: "disability", happened: /(残了|落下残疾|成了残疾|瘫了|瘫痪了|瘫在床|截肢)/ },
  { risk: "accident", happened: /(车祸|工伤|摔伤|摔断|砸伤|被撞|出了事故|出事故|意外受伤)/ },
  {
    risk: "disaster",
    happened: /(洪水|发大水|冰雹|雹子|水灾|旱灾|火灾|着火|失火|台风|大风|泥石流|冻灾).{0,8}(了|冲|淹|毁|砸|烧|刮|绝收|损失)|(淹了|冲走了|冲垮了|烧没了|绝收)/,
  },
  { risk: "housing", happened: /(房|屋|墙|房顶|屋顶).{0,4}(塌|倒|裂|漏|歪)|(住的|住着|家).{0,4}危房|危房.{0,4}(住|不敢住)/ },
  {
    risk: "unstable_work",
    happened: /(没活干|没活了|找不到活|失业|下岗|被辞|辞退|工作丢了|厂子倒了|工钱.{0,6}(没给|拿不到|要不回)|欠薪|工资.{0,6}(没给|拿不到|要不回))/,
  },
  { risk: "labour_shortage", happened: /(没人养|没人管|无儿无女|没有劳力|没劳力|干不了活|没人干活)/ },
  { risk: "drinking_water", happened: /(没水吃|吃不上水|吃水难|井干了|水.{0,4}(发黄|发臭|有味|不干净|喝不了))/ },
  { risk: "schooling", happened: /(上不起学|供不起|学费.{0,6}(交不起|凑不齐|拿不出))/ },
  { risk: "dropout", happened: /(不上学了|不念了|辍学|退学了)/ },
  { risk: "no_insurance", happened: /(没交医保|没参保|没上医保|没有医保|医保.{0,4}断了)/ },
  { risk: "business_failure", happened: /(赔了|亏了|赔光|血本无归|养的.{0,4}死了|庄稼.{0,4}(死|毁))/ },
];

/** The asker's own household: "我家", "俺", "老伴", a family member … */
const OWN_HOUSEHOLD = /(我|俺|咱|自家|家里|屋里|老伴|老婆|媳妇|丈夫|男人|孩子|娃|儿子|闺女|女儿|爹|娘|爸|妈|公公|婆婆|老人|爷爷|奶奶|孙子|孙女)/;

/** Someone else's: the asker may report for them as a neighbour, but the offer here is for their own. */
const SOMEONE_ELSE = /(邻居|别人|人家|他家|她家|隔壁|亲戚家|朋友家)/;

/** A past event told as such ("住院花了好几万"), even without naming whose household. */
const TOLD_AS_HAPPENED = /(了|过)/;

/** The risk types of the asker's own household a message tells of (none for a question in general). */
export function hardshipsIn(text: string): RiskTypeCode[] {
  const t = text.replace(/\s+/g, "");
  if (SOMEONE_ELSE.test(t)) return [];
  const told = HARDSHIPS.filter((h) => h.happened.test(t)).map((h) => h.risk);
  if (!told.length) return [];
  return OWN_HOUSEHOLD.test(t) || TOLD_AS_HAPPENED.test(t) ? told : [];
}
