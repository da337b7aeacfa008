import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AreaEntity } from "../../src/db/entities/area.js";
import { AuditEventEntity } from "../../src/db/entities/audit-event.js";
import { testEngines } from "../helpers/databases.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";
import { areaOf } from "../helpers/factories.js";

describe.each(testEngines())("bot groups API for county staff (%s)", (engine) => {
  let sys: TestSystem;
  let county: string;
  let village: string;
  let foreignVillage: string;

  beforeAll(async () => {
    sys = await startTestSystem(engine);
    county = await sys.tokenFor("demo-county");
    village = await areaOf(sys, "demo-cadre");
    const hunan = await sys.deps.db.getRepository(AreaEntity).createQueryBuilder("a").where("a.code LIKE :p", { p: "430503%" }).andWhere("a.level = 'village'").getOneOrFail();
    foreignVillage = hunan.code;
  });
  afterAll(async () => sys.close());

  const as = (token: string) => ({
    list: () => sys.request().get("/api/bot/groups").set("authorization", `Bearer ${token}`),
    bind: (body: object) => sys.request().post("/api/bot/groups").set("authorization", `Bearer ${token}`).send(body),
    unbind: (roomId: string) => sys.request().delete(`/api/bot/groups/${encodeURIComponent(roomId)}`).set("authorization", `Bearer ${token}`),
  });

  it("binds, lists and unbinds a group in the county, with an audit trail", async () => {
    const res = await as(county).bind({ roomId: "r1@chatroom", villageCode: village });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ roomId: "r1@chatroom", village: { code: village } });
    expect((await as(county).list()).body.items.map((g: { roomId: string }) => g.roomId)).toEqual(["r1@chatroom"]);
    expect((await as(county).unbind("r1@chatroom")).status).toBe(204);
    expect((await as(county).list()).body.items).toEqual([]);
    const audit = await sys.deps.db.getRepository(AuditEventEntity).findBy({ subjectType: "bot_group", subjectId: "r1@chatroom" });
    expect(audit.map((a) => a.action)).toEqual(["bot_group.bind", "bot_group.unbind"]);
  });

  it("refuses a village outside the county with 403 and a township code with 400", async () => {
    const out = await as(county).bind({ roomId: "r2@chatroom", villageCode: foreignVillage });
    expect(out.status).toBe(403);
    expect(out.body.error.code).toBe("area_out_of_scope");
    const township = await as(county).bind({ roomId: "r2@chatroom", villageCode: village.slice(0, 9) + "000" });
    expect(township.status).toBe(400);
    expect(township.body.error.code).toBe("village_code_invalid");
    const garbage = await as(county).bind({ roomId: "r2@chatroom", villageCode: "abc" });
    expect(garbage.status).toBe(400);
    expect(garbage.body.error.code).toBe("validation_failed");
  });

  it("is for county staff only; unbinding an unknown group is 404", async () => {
    const cadre = await sys.tokenFor("demo-cadre");
    expect((await as(cadre).bind({ roomId: "r3@chatroom", villageCode: village })).status).toBe(403);
    expect((await as(cadre).list()).status).toBe(403);
    expect((await as(county).unbind("nope@chatroom")).status).toBe(404);
  });

  it("gives staff a one-time link code and farmers none", async () => {
    const res = await sys.request().post("/api/bot/link-code").set("authorization", `Bearer ${await sys.tokenFor("demo-cadre")}`);
    expect(res.status).toBe(201);
    expect(res.body.code).toMatch(/^\d{6}$/);
    const farmer = await sys.request().post("/api/bot/link-code").set("authorization", `Bearer ${await sys.tokenFor("demo-farmer")}`);
    expect(farmer.status).toBe(403);
  });
});
