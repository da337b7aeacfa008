/**
 * Where a policy applies. Sheets carry a 6-digit province code ("230000" Heilongjiang,
 * "430000" Hunan) or NATIONAL ("000000") for a rule that applies everywhere. Askers may
 * give any division code; only its province matters, because policy figures are provincial.
 */
export const NATIONAL = "000000";
export type RegionCode = string;

// GB/T 2260 provincial-level divisions: the province codes, their full and short names.
const PROVINCES: Array<[RegionCode, string, string]> = [
  ["110000", "北京市", "北京"],
  ["120000", "天津市", "天津"],
  ["130000", "河北省", "河北"],
  ["140000", "山西省", "山西"],
  ["150000", "内蒙古自治区", "内蒙古"],
  ["210000", "辽宁省", "辽宁"],
  ["220000", "吉林省", "吉林"],
  ["230000", "黑龙江省", "黑龙江"],
  ["310000", "上海市", "上海"],
  ["320000", "江苏省", "江苏"],
  ["330000", "浙江省", "浙江"],
  ["340000", "安徽省", "安徽"],
  ["350000", "福建省", "福建"],
  ["360000", "江西省", "江西"],
  ["370000", "山东省", "山东"],
  ["410000", "河南省", "河南"],
  ["420000", "湖北省", "湖北"],
  ["430000", "湖南省", "湖南"],
  ["440000", "广东省", "广东"],
  ["450000", "广西壮族自治区", "广西"],
  ["460000", "海南省", "海南"],
  ["500000", "重庆市", "重庆"],
  ["510000", "四川省", "四川"],
  ["520000", "贵州省", "贵州"],
  ["530000", "云南省", "云南"],
  ["540000", "西藏自治区", "西藏"],
  ["610000", "陕西省", "陕西"],
  ["620000", "甘肃省", "甘肃"],
  ["630000", "青海省", "青海"],
  ["640000", "宁夏回族自治区", "宁夏"],
  ["650000", "新疆维吾尔自治区", "新疆"],
];

const PROVINCE_NAMES: Record<string, string> = Object.fromEntries(PROVINCES.map(([code, name]) => [code, name]));

// "她们那边危房…", "当地能办…", "他们那雨露计划": the message points back at a place it named, as whose rule it asks about —
// not as where someone works or lives ("在吉林那边干活出事了" asks about the household's own province).
const THERE = /(?:那边|那里|那儿|那块|那头|当地|[他她]们那|人家那)(?!的?(?:干活|打工|上班|工作|务工|出事|出了|住|生活|念书|上学|读书|待|呆))/;

/**
 * The province a question asks about when it is somewhere else ("俺闺女嫁到吉林了 她们那边危房改造补多少"):
 * a province named, and the rule asked about pointed at as "over there". Null when no province is named,
 * or nothing points at it ("儿子在江苏打工 路费能补多少" asks about the household's own province's rule).
 */
export function provinceAskedAbout(question: string): RegionCode | null {
  if (!THERE.test(question)) return null;
  const named = PROVINCES.find(([, , short]) => question.includes(short));
  return named ? named[0] : null;
}

// Words after a place that say someone is or does something there ("吉林打工", "江苏工地干活", "北京上大学"):
// what follows them is not the place's rule.
const BEING_THERE = /干|打工|上班|上学|上大学|工作|务工|出事|出了|住|生活|念|读|待|呆|落户|嫁|看病|回|去/;

/**
 * The provinces a question names as the owner of the rule it asks about ("吉林危房补多少", "吉林省的雨露计划",
 * "吉林农村低保标准是多少"): a province named right before a subject of the sheets (`namesSubject`), in the
 * same clause and before any word saying someone is there.
 */
export function provincesOwningRule(question: string, namesSubject: (text: string) => boolean): RegionCode[] {
  const owners: RegionCode[] = [];
  for (const [code, , short] of PROVINCES) {
    for (let at = question.indexOf(short); at >= 0; at = question.indexOf(short, at + 1)) {
      const after = question
        .slice(at + short.length)
        .split(/[\s，。,、！!？?；;：:]/)[0]
        .slice(0, 8)
        .split(BEING_THERE)[0];
      if (namesSubject(after)) owners.push(code);
    }
  }
  return owners;
}

/** Whether a sheet's region is well formed: NATIONAL or a province code ending in 0000. */
export const isRegionCode = (code: string): boolean => code === NATIONAL || /^[1-9]\d0000$/.test(code);

// Province names a caller may send instead of a code: the full name or the short one.
const NAMES: Record<string, RegionCode> = {
  全国: NATIONAL,
  ...Object.fromEntries(
    PROVINCES.flatMap(([code, name, short]) => [
      [name, code],
      [short, code],
    ]),
  ),
};

/**
 * Reduces what an asker gives (2-digit province, 6-digit county, 12-digit area code,
 * "national", or a province name) to a sheet region; null when it is none of these.
 */
export function askerRegion(input: string): RegionCode | null {
  const v = input.trim().toLowerCase();
  if (v === "national" || v === NATIONAL) return NATIONAL;
  if (NAMES[v]) return NAMES[v];
  if (!/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/.test(v) || v.startsWith("00")) return null;
  return `${v.slice(0, 2)}0000`;
}

/** The name of a region, for answers that must say whose figure it is. */
export function regionName(code: RegionCode): string {
  if (code === NATIONAL) return "全国";
  return PROVINCE_NAMES[code] ?? `${code.slice(0, 2)}省（区、市）`;
}

/**
 * Whether a sheet may answer someone from `asker`: national sheets answer everyone, a
 * provincial sheet only its own province ("national" askers get national sheets only).
 * Without an asker region every sheet may answer (the answer then names the province).
 */
export function appliesTo(sheetRegion: RegionCode, asker: RegionCode | null): boolean {
  if (asker === null) return true;
  return sheetRegion === NATIONAL || sheetRegion === asker;
}
