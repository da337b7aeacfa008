import { describe, expect, it } from "vitest";
import { hardshipsIn } from "../../src/domain/policy/hardship.js";

describe("hardshipsIn: the asker's own trouble a question tells of", () => {
  it.each([
    ["请问住院花了好几万，有啥补助", ["illness"]],
    ["看病花了一大笔 能报多少", ["illness"]],
    ["我家房子塌了半边 能补多少", ["housing"]],
    ["家里危房能补多少钱", ["housing"]],
    ["老人七十多了没人养能进特困不", ["labour_shortage"]],
    ["俺家孩子不念了 咋办", ["dropout"]],
    // a herd lost is a failed business, not an illness, though the animals were sick
    ["屋里牛病死了三头 本钱都是贷的 有冇得补", ["business_failure"]],
    ["今年收入一下少一半 这样能纳入监测不", ["income_drop"]],
    ["厂子黄了 我回村了 有啥就业补贴", ["unstable_work"]],
    ["房后山体滑坡 墙都推歪了 要报", ["disaster", "housing"]],
    ["俺家老头子查出脑梗 住院花了三万", ["illness"]],
    // the second review of the words (README "Message set 4"): job loss, a dry well, a breadwinner gone, a dropout
    ["厂子倒闭了 俺给裁了 现在没进项", ["unstable_work", "income_drop"]],
    ["井见底了 吃水得去镇上拉", ["drinking_water"]],
    ["孩子他爹前年走了 屋里就剩俺一个劳力", ["labour_shortage"]],
    ["俺家老二初二就不念了 咋劝都不去学校", ["dropout"]],
    ["今年没赶上交医保", ["no_insurance"]],
    // typed in traditional characters, read as in simplified
    ["房子讓大風颳塌了半邊", ["housing"]],
  ])("%j tells of %j", (text, risks) => {
    expect(hardshipsIn(text)).toEqual(risks);
  });

  it.each([
    "危房改造补多少",
    "大病保险怎么报",
    "孩子上职高有啥补助",
    "雨露计划怎么领",
    "邻居家房子塌了能补多少",
    // what would happen, not what happened
    "要是房子塌了能补多少",
    "假如下雹子把苞米打了 有啥补的不",
    // another household, named by its family name or kin
    "俺们屯老张家房子漏雨 这种能给修不",
    "我老舅家房子裂了好几道缝 能帮他报不",
    "隔壁屋里伢子不读书了 这个要管不",
    // a trouble told as already dealt with
    "前年俺家房子漏雨早修好了 现在还用报不",
    "村里来看过了 已经给办了 谢谢",
    // a cost asked about in general is no trouble told
    "住院能报多少",
    // fails if: the table is matched on traditional characters as typed (鄰居 is 邻居: a neighbour's house)
    "鄰居家房子塌了",
  ])("%j tells of none of the asker's own", (text) => {
    // fails if: a question about a policy in general (or about someone else) is met with an offer to report
    expect(hardshipsIn(text)).toEqual([]);
  });
});
