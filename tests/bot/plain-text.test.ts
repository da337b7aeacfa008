import { describe, expect, it } from "vitest";
import { markdownToChat } from "../../bot/plain-text.js";

describe("markdownToChat", () => {
  it("turns headings, lists, emphasis and links into plain chat text", () => {
    const md = "## 补多少钱\n- 鉴定为**C级**危房的，补助14000元。\n* 详见[细则](https://example.org)\n\n\n\n## 怎么申请\n向`村委会`申请。";
    expect(markdownToChat(md)).toBe("【补多少钱】\n· 鉴定为C级危房的，补助14000元。\n· 详见细则\n\n【怎么申请】\n向村委会申请。");
  });

  it("leaves plain text alone", () => {
    expect(markdownToChat("C级危房补助14000元。")).toBe("C级危房补助14000元。");
  });
});
