// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoVillage } from "./flows.js";
import { startPhone, type Phone } from "./harness.js";

const DAY = 86_400_000;

describe("the village cadre's queue after 拟纳入监测: each case's next step and its clock", () => {
  let phone: Phone;
  let village: Awaited<ReturnType<typeof demoVillage>>;
  const numbers: Record<string, string> = {};

  /** A report the cadre takes in and answers now; proposed for monitoring unless said otherwise. */
  async function filed(n: number, propose = true): Promise<{ id: string; number: string }> {
    const cadre = `Bearer ${await phone.system.tokenFor("demo-cadre")}`;
    const res = await phone.system
      .request()
      .post("/api/reports")
      .set("Authorization", cadre)
      .send({
        villageCode: village.code,
        riskTypes: ["illness"],
        household: { name: `户${n}`, phone: `1370000${String(n).padStart(4, "0")}` },
        relation: "cadre",
        channel: "in_person",
        consent: { given: true, textVersion: "paper" },
      });
    expect(res.status).toBe(201);
    if (propose) {
      await phone.system.request().post(`/api/reports/${res.body.id}/accept`).set("Authorization", cadre).send({});
      const opinion = await phone.system.request().post(`/api/reports/${res.body.id}/opinion`).set("Authorization", cadre).send({ kind: "propose_monitoring" });
      expect(opinion.status).toBe(200);
    }
    return { id: res.body.id, number: res.body.number };
  }

  beforeAll(async () => {
    phone = await startPhone(); // Monday 2026-03-02, 10:00 in China
    village = await demoVillage(phone);
    // proposed 03-02 and left there: its 15 days ended 03-17 24:00
    numbers.late = (await filed(1)).number;
    phone.advance(17 * DAY);
    // proposed 03-19 with consent signed: the village review is next, the 15 days end 04-03
    const early = await filed(2);
    numbers.early = early.number;
    const consent = await phone.system
      .request()
      .post(`/api/reports/${early.id}/identification`)
      .set("Authorization", `Bearer ${await phone.system.tokenFor("demo-cadre")}`)
      .send({ step: "consent", date: "2026-03-19", signed: true });
    expect(consent.status).toBe(200);
    phone.advance(3 * DAY); // Sunday 03-22
    numbers.waiting = (await filed(3, false)).number;
    phone.storage.set("yijian.token", await phone.system.tokenFor("demo-cadre"));
    phone.storage.set("yijian.role", "village_cadre");
  });
  afterAll(() => phone.close());

  // fails if: a case after the opinion shows only "已答复" (no next step, no clock), the clock is worded differently from the rest of the app,
  // or a report still waiting for its answer gets an identification line
  it("each proposed case says its next step and how long is left or how late it is; a report before its opinion has no such line", async () => {
    const queue = await phone.open("/pages/queue/queue");
    await phone.waitFor(() => queue.data.loaded && queue.querySelectorAll(".item").length === 3, "the three reports");
    expect(phone.text(queue, `#next-${numbers.late}`)).toBe("下一步：签署授权承诺书已超期5天");
    expect(queue.querySelector(`#next-${numbers.late} .due-overdue`)).toBeTruthy();
    expect(phone.text(queue, `#next-${numbers.early}`)).toBe("下一步：民主评议还剩12天");
    expect(queue.querySelector(`#next-${numbers.early} .due-plain`)).toBeTruthy();
    expect(queue.querySelector(`#next-${numbers.waiting}`)).toBeFalsy();
  });
});
