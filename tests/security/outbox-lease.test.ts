import { LessThanOrEqual } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NotificationEntity } from "../../src/db/entities/notification.js";
import { dispatchChannel, LEASE_MS, type Sender } from "../../src/outbox/dispatcher.js";
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
});
