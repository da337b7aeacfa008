import { In, LessThanOrEqual } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NotificationEntity } from "../../src/db/entities/notification.js";
import { inTransaction } from "../../src/db/transaction.js";
import { dispatchChannel, LEASE_MS, type Sender } from "../../src/outbox/dispatcher.js";
import { takeLeases } from "../../src/outbox/outbox.js";
import { testEngines } from "../helpers/databases.js";
import { areaOf, buildReport, submitAs } from "../helpers/factories.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";

describe.each(testEngines())("outbox leases when WeChat is slow, on %s", (engine) => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(engine);
  });
  afterAll(() => sys.close());

  // fails if: a batch is sent on one lease that runs out mid-batch, or an acknowledgement ignores whose lease it is
  it("a batch that outlasts its lease does not send what another sender took over; each notice goes out once", async () => {
    const village = await areaOf(sys, "demo-cadre");
    for (let i = 0; i < 8; i++) expect((await submitAs(sys, "demo-cadre", buildReport(village, { relation: "cadre" }))).status).toBe(201);
    const due = await sys.deps.db
      .getRepository(NotificationEntity)
      .countBy({ channel: "bot", status: "pending", nextAttemptAt: LessThanOrEqual(sys.clock.now()) });
    expect(due).toBeGreaterThanOrEqual(8);

    const sends: number[] = [];
    const fast: Sender = async (n) => {
      sends.push(n.id);
      return { kind: "sent" };
    };
    let secondRan = false;
    // Each send takes 40% of the lease; halfway through, a second instance dispatches too.
    const slow: Sender = async (n) => {
      sends.push(n.id);
      sys.clock.advance(LEASE_MS * 0.4);
      if (sends.length === 3 && !secondRan) {
        secondRan = true;
        await dispatchChannel(sys.deps, "bot", fast);
      }
      return { kind: "sent" };
    };
    await dispatchChannel(sys.deps, "bot", slow);
    expect(secondRan).toBe(true);
    expect(sends.length).toBe(new Set(sends).size);
    const sent = await sys.deps.db.getRepository(NotificationEntity).countBy({ channel: "bot", status: "sent" });
    expect(sent).toBe(sends.length);
    expect(sent).toBe(due);
  });

  // fails if: a claim writes its lease on rows it read without a lock after another sender claimed them (TiDB ignores SKIP LOCKED)
  it("two senders that read the same due rows never both claim one: the second gets only what is still free", async () => {
    const village = await areaOf(sys, "demo-cadre");
    for (let i = 0; i < 3; i++) expect((await submitAs(sys, "demo-cadre", buildReport(village, { relation: "cadre" }))).status).toBe(201);
    const repo = sys.deps.db.getRepository(NotificationEntity);
    const now = sys.clock.now();
    const due = await repo.find({ where: { channel: "bot", status: "pending", nextAttemptAt: LessThanOrEqual(now) }, order: { id: "ASC" } });
    expect(due.length).toBeGreaterThanOrEqual(3);
    // Both read the same rows before either writes; the first takes two of them.
    const first = await inTransaction(sys.deps.db, (tx) => takeLeases(tx, due.slice(0, 2), now, LEASE_MS));
    const second = await inTransaction(sys.deps.db, (tx) => takeLeases(tx, due, now, LEASE_MS));
    expect(first.map((n) => n.id)).toEqual(due.slice(0, 2).map((n) => n.id));
    expect(second.map((n) => n.id)).toEqual(due.slice(2).map((n) => n.id));
    const tokens = await repo.find({ where: { id: In(due.map((n) => n.id)) } });
    for (const row of tokens) expect(row.leaseToken).toBe((first.find((n) => n.id === row.id) ?? second.find((n) => n.id === row.id))?.leaseToken);
  });
});
