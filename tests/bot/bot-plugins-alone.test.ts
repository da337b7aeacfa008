import { afterEach, describe, expect, it } from "vitest";
import { binding } from "../../bot/plugins/binding.js";
import { nonText } from "../../bot/plugins/non-text.js";
import { policyAnswers } from "../../bot/plugins/policy-answers.js";
import { privateReport } from "../../bot/plugins/private-report.js";
import { reportInvite } from "../../bot/plugins/report-invite.js";
import { reportService, type ReportsPort } from "../../bot/ports.js";
import type { Deps } from "../../src/services/deps.js";
import { ReportEntity } from "../../src/db/entities/report.js";
import { AppError } from "../../src/errors.js";
import { BotHarness } from "./bot-harness.js";
import { HLJ_FIGURE, policyDouble } from "./policy-double.js";

/** Each feature is a plugin that works on its own: installed alone, it answers its intents and nothing else. */
describe("bot plugins installed alone (sqlite)", () => {
  let h: BotHarness;
  afterEach(async () => h.stop());

  it("non-text alone answers a picture and nothing else", async () => {
    h = await BotHarness.start("sqlite", { policy: policyDouble(), features: [nonText] });
    const farmer = h.person("老李");
    expect((await h.sendPicture(farmer)).join()).toContain("只能看懂文字");
    expect(await h.ask(farmer, "申报")).toEqual([]);
  });

  it("binding plus policy answers, without the report plugin: questions answered, reports not invited", async () => {
    h = await BotHarness.start("sqlite", { policy: policyDouble(), features: [binding, policyAnswers] });
    const village = await h.areaOf("demo-cadre");
    const cadre = await h.linkStaff("demo-cadre", "赵书记");
    const farmer = h.person("老李");
    const room = h.group("网格群", [cadre, farmer]);
    expect((await h.ask(cadre, `绑定 ${village}`, room)).join()).toContain("本群已绑定到");
    expect((await h.ask(farmer, "请问危房改造补多少", room)).join()).toContain(HLJ_FIGURE);
    expect(await h.ask(farmer, "我家房子塌了", room)).toEqual([]);
  });

  it("a failing service gets a kind 'try again', not silence", async () => {
    const broken = { ...policyDouble(), ask: async () => Promise.reject(new Error("index not loaded")) };
    h = await BotHarness.start("sqlite", { policy: broken, features: [policyAnswers] });
    const farmer = h.person("老李");
    expect((await h.ask(farmer, "请问低保怎么申请")).join()).toContain("系统有点忙");
  });

  it("a long sheet goes out in pieces of at most 1,500 characters", async () => {
    h = await BotHarness.start("sqlite", { policy: policyDouble(), features: [policyAnswers] });
    const farmer = h.person("老李");
    expect((await h.ask(farmer, "明白纸")).join()).toMatch(/1\. 申报政策明白纸\n2\. 住房安全明白纸/);
    const parts = await h.ask(farmer, "1");
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(1500);
    expect(parts[0]).toContain("【申报政策明白纸】");
    expect(parts.at(-1)).toContain("依据：防止返贫监测帮扶工作指南");
  });

  it("a submit that fails keeps the confirmation, and 确认 again files the report once", async () => {
    let failures = 1;
    const flaky = (deps: Deps): ReportsPort => {
      const real = reportService(deps);
      return {
        listMine: real.listMine,
        submit: async (...args) => {
          if (failures-- > 0) throw new AppError(409, "request_in_flight", "这份申报正在提交中，请稍等几秒再查看结果");
          return real.submit(...args);
        },
      };
    };
    h = await BotHarness.start("sqlite", { features: [privateReport], reports: flaky });
    const village = await h.areaOf("demo-cadre");
    const farmer = h.person("老李");
    await h.ask(farmer, "申报");
    for (const answer of ["1", village, "李大山", "13800138001", "1", "无"]) await h.ask(farmer, answer);
    expect((await h.ask(farmer, "确认")).join()).toContain("还没有提交成功：这份申报正在提交中");
    expect((await h.ask(farmer, "确认")).join()).toMatch(/编号\d{6}-\d{5}/);
    expect(await h.sys.deps.db.getRepository(ReportEntity).count()).toBe(1);
  });

  it("offers the mini-program card with the public invitation where the puppet can send one", async () => {
    const card = { appid: "wx-demo-app-id", username: "gh_demo", title: "一键申报", pagePath: "pages/report/report" };
    h = await BotHarness.start("sqlite", { features: [binding, reportInvite], miniProgram: card });
    const sent: Array<{ appid?: string }> = [];
    h.puppet.messageSendMiniProgram = async (_conversationId, payload) => {
      sent.push(payload);
      return undefined;
    };
    const village = await h.areaOf("demo-cadre");
    const cadre = await h.linkStaff("demo-cadre", "赵书记");
    const farmer = h.person("老李");
    const room = h.group("网格群", [cadre, farmer]);
    await h.ask(cadre, `绑定 ${village}`, room);
    expect((await h.ask(farmer, "我家老人住院了", room)).join()).toContain("私聊");
    expect(sent).toEqual([expect.objectContaining({ appid: "wx-demo-app-id", pagePath: "pages/report/report" })]);
  });
});
