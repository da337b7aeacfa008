import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildNoticeSender } from "../../bot/build-bot.js";
import { NotificationEntity } from "../../src/db/entities/notification.js";
import { inTransaction } from "../../src/db/transaction.js";
import { enqueueNotification } from "../../src/outbox/outbox.js";
import { markOverdueReports } from "../../src/cron/report-clock.js";
import { buildReport, submitAs, uniquePhone } from "../helpers/factories.js";
import { testEngines } from "../helpers/databases.js";
import { BotHarness } from "./bot-harness.js";
import { policyDouble } from "./policy-double.js";

describe.each(testEngines())("staff notices through the bot (%s)", (engine) => {
  let h: BotHarness;
  let village: string;

  beforeEach(async () => {
    h = await BotHarness.start(engine, { policy: policyDouble() });
    village = await h.areaOf("demo-cadre");
  });
  afterEach(async () => h.stop());

  /** Moves the fake clock instead of waiting, and remembers each wait. */
  function fakeSleep() {
    const waits: number[] = [];
    return {
      waits,
      sleep: async (ms: number) => {
        waits.push(ms);
        h.sys.clock.advance(ms);
      },
    };
  }

  /** Queues a screening post to the village's group, due now. */
  const postToVillageGroup = (dedupeKey: string, text: string) =>
    inTransaction(h.sys.deps.db, (tx) =>
      enqueueNotification(
        tx,
        {
          dedupeKey,
          channel: "bot",
          kind: "screening_opened",
          recipientType: "village_group",
          recipientId: village,
          payload: { text },
          dueAt: h.sys.clock.now(),
        },
        h.sys.clock.now(),
      ),
    );

  async function setUp() {
    const cadre = await h.linkStaff("demo-cadre", "赵书记");
    const farmer = h.person("老李");
    const room = h.group("幸福村网格群", [cadre, farmer]);
    expect((await h.ask(cadre, `绑定 ${village}`, room)).join()).toContain("本群已绑定到");
    return { cadre, room };
  }

  async function report(name = "李桂兰", phone = uniquePhone()) {
    const res = await submitAs(h.sys, "demo-grid", buildReport(village, { relation: "grid_worker", household: { name, phone } }));
    expect(res.status).toBe(201);
    return res.body as { number: string; dueAt: string };
  }

  it("a new report reaches the bound cadre privately, not the group, with no name or phone", async () => {
    const { cadre, room } = await setUp();
    const receipt = await report("王秀英", "13712345678");
    const sender = buildNoticeSender({ bot: h.bot, deps: h.sys.deps, sleep: fakeSleep().sleep });
    expect(await sender.runOnce()).toMatchObject({ sent: 1 });
    const toCadre = h.saidTo(cadre.id).filter((t) => t.startsWith("【"));
    expect(toCadre).toHaveLength(1);
    expect(toCadre[0]).toContain(receipt.number);
    expect(toCadre[0]).toContain("因病");
    expect(toCadre[0]).not.toMatch(/王秀英|13712345678/);
    expect(h.saidTo(room.id).filter((t) => t.includes(receipt.number))).toEqual([]);

    // Two days before the deadline (00:00), the reminder: not at night, at the county's notice hour 08:30.
    const twoDaysBefore = new Date(receipt.dueAt).getTime() - 2 * 86_400_000;
    h.sys.clock.set(new Date(twoDaysBefore + 1000));
    expect(await sender.runOnce()).toMatchObject({ sent: 0 });
    h.sys.clock.set(new Date(twoDaysBefore + 8.5 * 3600_000));
    expect(await sender.runOnce()).toMatchObject({ sent: 1 });
    expect(h.saidTo(cadre.id).at(-1)).toContain("还剩2天");
  });

  it("a report left past its deadline is escalated to the township's linked WeChat", async () => {
    const { cadre } = await setUp();
    const township = await h.linkStaff("demo-township", "李干事");
    const receipt = await report();
    const sender = buildNoticeSender({ bot: h.bot, deps: h.sys.deps, sleep: fakeSleep().sleep });
    await sender.runOnce();
    h.sys.clock.set(new Date(new Date(receipt.dueAt).getTime() + 60_000));
    expect(await markOverdueReports(h.sys.deps)).toBe(1);
    // overdue at 24:00; the township's phone stays quiet until the notice hour, 08:30
    expect(await sender.runOnce()).toMatchObject({ sent: 0 });
    h.sys.clock.set(new Date(new Date(receipt.dueAt).getTime() + 8.5 * 3600_000));
    await sender.runOnce();
    const toTownship = h.saidTo(township.id).filter((t) => t.startsWith("【督办】"));
    expect(toTownship).toHaveLength(1);
    expect(toTownship[0]).toContain(receipt.number);
    expect(h.saidTo(cadre.id).filter((t) => t.startsWith("【督办】"))).toEqual([]);
  });

  it("a screening post goes to the village's bound group", async () => {
    const { room } = await setUp();
    await postToVillageGroup("screening:test", "【集中排查】本月开始集中排查，请大家留意。");
    await buildNoticeSender({ bot: h.bot, deps: h.sys.deps, sleep: fakeSleep().sleep }).runOnce();
    expect(h.saidTo(room.id).at(-1)).toContain("集中排查");
  });

  it("skips a post for a village without a bound group instead of retrying it", async () => {
    await postToVillageGroup("screening:unbound", "【集中排查】本月开始集中排查。");
    expect(await buildNoticeSender({ bot: h.bot, deps: h.sys.deps, sleep: fakeSleep().sleep }).runOnce()).toMatchObject({ sent: 0, skipped: 1 });
    expect((await h.sys.deps.db.getRepository(NotificationEntity).findOneByOrFail({ dedupeKey: "screening:unbound" })).status).toBe("skipped");
  });

  it("refuses to post a phone number to a group", async () => {
    const { room } = await setUp();
    await postToVillageGroup("screening:leak", "请联系13812345678");
    const counts = await buildNoticeSender({ bot: h.bot, deps: h.sys.deps, sleep: fakeSleep().sleep }).runOnce();
    expect(counts.failed).toBe(1);
    expect(h.saidTo(room.id).join()).not.toContain("13812345678");
  });

  it("spaces sends at least 3 seconds apart on the clock", async () => {
    const { cadre } = await setUp();
    for (let i = 0; i < 3; i++) await report(`农户${"甲乙丙"[i]}`);
    const { sleep, waits } = fakeSleep();
    const before = h.said.length;
    expect(await buildNoticeSender({ bot: h.bot, deps: h.sys.deps, sleep }).runOnce()).toMatchObject({ sent: 3 });
    const sends = h.said.slice(before).filter((s) => s.to === cadre.id);
    expect(sends).toHaveLength(3);
    for (let i = 1; i < sends.length; i++) expect(sends[i].at - sends[i - 1].at).toBeGreaterThanOrEqual(3000);
    expect(waits.length).toBe(2);
  });

  it("retries with back-off when the cadre has not linked WeChat yet, then delivers once linked", async () => {
    await report();
    const sender = buildNoticeSender({ bot: h.bot, deps: h.sys.deps, sleep: fakeSleep().sleep });
    expect(await sender.runOnce()).toMatchObject({ sent: 0, retried: 1 });
    const row = await h.sys.deps.db.getRepository(NotificationEntity).findOneByOrFail({ kind: "report_received" });
    expect(row.status).toBe("pending");
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(h.sys.clock.now().getTime());
    const cadre = await h.linkStaff("demo-cadre", "赵书记");
    expect(await sender.runOnce()).toMatchObject({ sent: 0 }); // not due yet: backing off
    h.sys.clock.advance(2 * 60_000);
    expect(await sender.runOnce()).toMatchObject({ sent: 1 });
    expect(h.saidTo(cadre.id).filter((t) => t.startsWith("【新申报】"))).toHaveLength(1);
  });

  it("a restart in the middle of a batch sends nothing twice", async () => {
    const { cadre } = await setUp();
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++) numbers.push((await report(`农户${"甲乙丙"[i]}`)).number);

    // The first sender dies while waiting its turn after the first send: it never wakes up.
    const dying = buildNoticeSender({ bot: h.bot, deps: h.sys.deps, sleep: () => new Promise<void>(() => undefined) });
    void dying.runOnce();
    await h.repliesSince(h.said.length);
    expect(h.saidTo(cadre.id).filter((t) => t.startsWith("【新申报】"))).toHaveLength(1);

    // A new process: the rest are still under the dead sender's lease…
    const restarted = buildNoticeSender({ bot: h.bot, deps: h.sys.deps, sleep: fakeSleep().sleep });
    expect(await restarted.runOnce()).toMatchObject({ sent: 0 });
    // …and once it ran out they go, and the first is not sent again.
    h.sys.clock.advance(6 * 60_000);
    expect(await restarted.runOnce()).toMatchObject({ sent: 2 });
    const received = h.saidTo(cadre.id).filter((t) => t.startsWith("【新申报】"));
    expect(received).toHaveLength(3);
    for (const n of numbers) expect(received.filter((t) => t.includes(n))).toHaveLength(1);
  });
});
