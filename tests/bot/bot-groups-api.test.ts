import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "../../src/db/transaction.js";
import { AuditEventEntity } from "../../src/db/entities/audit-event.js";
import { bindGroup, groupVillage } from "../../src/services/bot-service.js";
import { findAccountByUsername } from "../../src/repositories/accounts.js";
import { actorOf } from "../../src/services/auth-service.js";
import { testEngines } from "../helpers/databases.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";
import { areaOf } from "../helpers/factories.js";
import { otherCountyAccount, hunanVillage } from "./group-binding-helpers.js";

describe.each(testEngines())("the 微信群 API: bind codes, bound groups, unbinding (%s)", (engine) => {
  let sys: TestSystem;
  let villageA: string;
  let villageB: string;
  let outsider: string;

  beforeAll(async () => {
    sys = await startTestSystem(engine);
    villageA = await areaOf(sys, "demo-cadre");
    villageB = await areaOf(sys, "demo-cadre-other");
    outsider = await otherCountyAccount(sys);
  });
  afterAll(async () => sys.close());

  const as = async (username: string) => {
    const token = await sys.tokenFor(username);
    const auth = { authorization: `Bearer ${token}` };
    return {
      overview: (township?: string) =>
        sys
          .request()
          .get("/api/bot/groups")
          .query(township ? { township } : {})
          .set(auth),
      bindById: (body: object) => sys.request().post("/api/bot/groups").set(auth).send(body),
      unbind: (roomId: string) =>
        sys
          .request()
          .delete(`/api/bot/groups/${encodeURIComponent(roomId)}`)
          .set(auth),
    };
  };
  /** Binds a room as the bot would after "绑定 <code>" from that staff member. */
  const boundBy = async (username: string, roomId: string, village: string) => {
    const actor = actorOf((await findAccountByUsername(sys.deps.db, username))!);
    await inTransaction(sys.deps.db, (tx) => bindGroup(sys.deps, tx, actor, { roomId, code: village.slice(6), topic: `${roomId}群` }));
  };
  const townshipOf = (village: string) => `${village.slice(0, 9)}000`;

  it("shows a village cadre their own village's bind code and groups, and whether their WeChat is linked", async () => {
    await boundBy("demo-cadre", "a1@chatroom", villageA);
    const res = await (await as("demo-cadre")).overview();
    expect(res.status).toBe(200);
    expect(res.body.wechatLinked).toBe(false);
    expect(res.body.villages).toEqual([
      {
        village: { code: villageA, name: expect.any(String) },
        bindCode: villageA.slice(6),
        groups: [{ roomId: "a1@chatroom", topic: "a1@chatroom群", boundAt: expect.any(String) }],
      },
    ]);
  });

  it("shows the county every village of a township with its code", async () => {
    const res = await (await as("demo-county")).overview(townshipOf(villageB));
    expect(res.status).toBe(200);
    expect(res.body.villages.length).toBeGreaterThan(1);
    expect(res.body.villages.find((v: { village: { code: string } }) => v.village.code === villageB).bindCode).toBe(villageB.slice(6));
  });

  it("another county sees none of it: 404 for a 绥棱 township, and no 绥棱 group in its list", async () => {
    const other = await as(outsider);
    // fails if: the township filter is not checked against the caller's area
    expect((await other.overview(townshipOf(villageA))).status).toBe(404);
    expect(JSON.stringify((await other.overview()).body)).not.toContain("a1@chatroom");
  });

  it("no account binds or moves a group by its room id: the route does not exist and the group stays", async () => {
    const hunan = await hunanVillage(sys);
    // fails if: a route binds by room id again (the hijack: any county moved any group it knew the id of)
    for (const user of [outsider, "demo-county"]) {
      const res = await (await as(user)).bindById({ roomId: "a1@chatroom", villageCode: user === outsider ? hunan : villageB });
      expect([404, 405]).toContain(res.status);
    }
    expect(await groupVillage(sys.deps, "a1@chatroom")).toBe(villageA);
  });

  it("unbinding: another county and another village get 404, the township 403; the village's grid worker may, audited", async () => {
    // fails if: unbinding ignores the caller's area
    expect((await (await as(outsider)).unbind("a1@chatroom")).status).toBe(404);
    expect((await (await as("demo-cadre-other")).unbind("a1@chatroom")).status).toBe(404);
    // fails if: the township may unbind its villages' groups
    expect((await (await as("demo-township")).unbind("a1@chatroom")).status).toBe(403);
    expect(await groupVillage(sys.deps, "a1@chatroom")).toBe(villageA);
    expect((await (await as("demo-grid")).unbind("a1@chatroom")).status).toBe(204);
    expect(await groupVillage(sys.deps, "a1@chatroom")).toBeNull();
    const audit = await sys.deps.db
      .getRepository(AuditEventEntity)
      .find({ where: { subjectType: "bot_group", subjectId: "a1@chatroom" }, order: { at: "ASC" } });
    expect(audit.map((a) => a.action)).toEqual(["bot_group.bind", "bot_group.unbind"]);
    expect((await (await as("demo-county")).unbind("a1@chatroom")).status).toBe(404);
  });

  it("is not for the township, departments or households", async () => {
    for (const user of ["demo-township", "demo-department", "demo-farmer"]) expect((await (await as(user)).overview()).status).toBe(403);
  });

  it("still gives staff a one-time link code and households none", async () => {
    const res = await sys
      .request()
      .post("/api/bot/link-code")
      .set("authorization", `Bearer ${await sys.tokenFor("demo-cadre")}`);
    expect(res.status).toBe(201);
    expect(res.body.code).toMatch(/^\d{6}$/);
    const farmer = await sys
      .request()
      .post("/api/bot/link-code")
      .set("authorization", `Bearer ${await sys.tokenFor("demo-farmer")}`);
    expect(farmer.status).toBe(403);
  });
});
