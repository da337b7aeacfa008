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
  ])("%j tells of %j", (text, risks) => {
    expect(hardshipsIn(text)).toEqual(risks);
  });

  it.each(["危房改造补多少", "大病保险怎么报", "孩子上职高有啥补助", "雨露计划怎么领", "邻居家房子塌了能补多少"])(
    "%j tells of none of the asker's own",
    (text) => {
      // fails if: a question about a policy in general (or about someone else) is met with an offer to report
      expect(hardshipsIn(text)).toEqual([]);
    },
  );
});
