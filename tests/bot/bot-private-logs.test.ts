import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { validIdNumber } from "../helpers/factories.js";
import { logLines } from "../helpers/log-lines.js";
import { policyDouble } from "./policy-double.js";
import { BotHarness } from "./bot-harness.js";

describe("the bot's logs", () => {
  const household = { name: "欧阳翠花", phone: "13987654321", idNumber: validIdNumber(9101) };
  let h: BotHarness;
  let lines: string[];

  async function start(opts: Parameters<typeof BotHarness.start>[1] = {}) {
    const captured = logLines();
    lines = captured.lines;
    h = await BotHarness.start("sqlite", { ...opts, log: createLogger("trace", captured.sink) });
  }
  afterEach(async () => h?.stop());

  describe("when a private report fails in the database", () => {
    beforeEach(() => start());

    // fails if: the bot logs a failed submission's error as it is (tried: error.message unscrubbed in private-report.ts)
    it("logs the failure without the household's name, phone or ID number", async () => {
      const village = await h.areaOf("demo-cadre");
      const cadre = await h.linkStaff("demo-cadre", "赵书记");
      const farmer = h.person("老李");
      const room = h.group("幸福村网格群", [cadre, farmer]);
      expect((await h.ask(cadre, `绑定 ${village}`, room)).join()).toContain("本群已绑定到");
      await h.ask(farmer, "申报");
      await h.ask(farmer, "1");
      await h.ask(farmer, household.name);
      await h.ask(farmer, household.phone);
      await h.ask(farmer, "1");
      expect((await h.ask(farmer, "老伴住院了")).join()).toContain(household.phone);
      // A database that refuses the row and quotes it back, as MySQL's "Duplicate entry '…'" does.
      await h.sys.deps.db.query(
        `CREATE TRIGGER refuse_household BEFORE INSERT ON household BEGIN SELECT RAISE(ABORT, 'refused row ''' || NEW.head_name || ''' with ''${household.phone}'' and ''${household.idNumber}'''); END`,
      );
      const from = lines.length;
      expect((await h.ask(farmer, "确认")).join()).toContain("还没有提交成功");
      const logged = lines.slice(from).join("\n");
      expect(logged).toContain("bot report submit failed"); // the failure is logged …
      expect(logged).toContain("refused row"); // … with what the database said
      for (const secret of [household.name, household.phone, household.idNumber]) expect(logged).not.toContain(secret);
    });
  });

  describe("when answering a message fails", () => {
    beforeEach(() =>
      start({
        // An answer service whose error quotes the question, as a failing search may.
        policy: { ...policyDouble(), ask: async (question) => Promise.reject(new Error(`search failed for "${question}"`)) },
      }),
    );

    // fails if: the router logs a failed message's error as it is (tried: error.message unscrubbed in bot/env.ts)
    it("logs the failure without the name, phone or ID number the message carried", async () => {
      const farmer = h.person("老李");
      const from = lines.length;
      const replies = await h.ask(farmer, `我是${household.name}，电话${household.phone}，身份证${household.idNumber}，危房改造能补多少钱？`);
      expect(replies.join()).toContain("系统有点忙");
      const logged = lines.slice(from).join("\n");
      expect(logged).toContain("bot message failed");
      expect(logged).toContain("search failed");
      for (const secret of [household.name, household.phone, household.idNumber]) expect(logged).not.toContain(secret);
    });
  });
});
