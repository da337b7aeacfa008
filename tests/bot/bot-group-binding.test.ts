import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AuditEventEntity } from "../../src/db/entities/audit-event.js";
import { groupVillage } from "../../src/services/bot-service.js";
import { testEngines } from "../helpers/databases.js";
import { BotHarness } from "./bot-harness.js";
import { hunanVillage, otherCountyAccount } from "./group-binding-helpers.js";

/** Who may bind, move and unbind a village group from inside it (issue 15 item 4, issue 18). */
describe.each(testEngines())("binding a WeChat group to a village on the mock puppet (%s)", (engine) => {
  let h: BotHarness;
  let villageA: string;
  let villageB: string;

  beforeEach(async () => {
    h = await BotHarness.start(engine);
    villageA = await h.areaOf("demo-cadre");
    villageB = await h.areaOf("demo-cadre-other");
  });
  afterEach(async () => h.stop());

  const shortCode = (village: string) => village.slice(6);
  const auditOf = (roomId: string) =>
    h.sys.deps.db.getRepository(AuditEventEntity).find({ where: { subjectType: "bot_group", subjectId: roomId }, order: { at: "ASC" } });

  /** A group bound to village B by its own cadre, with the short code. */
  async function groupOfB(...others: ReturnType<BotHarness["person"]>[]) {
    const cadreB = await h.linkStaff("demo-cadre-other", "孙主任");
    const room = h.group("村B网格群", [cadreB, ...others]);
    expect((await h.ask(cadreB, `绑定 ${shortCode(villageB)}`, room)).join()).toContain("本群已绑定到");
    return { cadreB, room };
  }

  it("a village cadre binds the group with the short code from the console, and the group is told", async () => {
    const cadre = await h.linkStaff("demo-cadre", "赵书记");
    const room = h.group("幸福村网格群", [cadre]);
    expect((await h.ask(cadre, `绑定 ${shortCode(villageA)}`, room)).join()).toMatch(/^本群已绑定到.+村/);
    expect(await groupVillage(h.sys.deps, room.id)).toBe(villageA);
    expect((await h.ask(cadre, `绑定 ${villageA}`, room)).join()).toContain("不用再绑"); // the 12-digit code still works
    expect((await auditOf(room.id)).map((a) => a.action)).toEqual(["bot_group.bind"]);
  });

  it("a grid worker of village A cannot move village B's group with 绑定 A", async () => {
    const grid = await h.linkStaff("demo-grid", "周大姐");
    const { room } = await groupOfB(grid);
    // fails if: a move checks only the village the group goes to, not the one it is bound to
    expect((await h.ask(grid, `绑定 ${shortCode(villageA)}`, room)).join()).toContain("只有");
    expect((await h.ask(grid, `绑定 ${villageA}`, room)).join()).toContain("改绑");
    expect(await groupVillage(h.sys.deps, room.id)).toBe(villageB);
    expect((await auditOf(room.id)).map((a) => a.action)).toEqual(["bot_group.bind"]);
  });

  it("another county's staff cannot move a 绥棱 group to its own village, nor bind a group to a 绥棱 village", async () => {
    const hunan = await hunanVillage(h.sys);
    const outsider = await h.linkStaff(await otherCountyAccount(h.sys), "刘科长");
    const { room } = await groupOfB(outsider);
    // fails if: the county's right over its own village is enough to take a group bound in another county
    expect((await h.ask(outsider, `绑定 ${hunan}`, room)).join()).toContain("没有绑定成功");
    expect((await h.ask(outsider, `绑定 ${shortCode(hunan)}`, room)).join()).toContain("没有绑定成功");
    expect(await groupVillage(h.sys.deps, room.id)).toBe(villageB);
    const fresh = h.group("新群", [outsider]);
    // fails if: any county account may bind a group to any village (the old check for admin-like reach)
    expect((await h.ask(outsider, `绑定 ${villageA}`, fresh)).join()).toContain("只有本村的村干部、网格员或县农业农村局");
    expect(await groupVillage(h.sys.deps, fresh.id)).toBeNull();
  });

  it("a village cadre cannot bind a group to a neighbouring village, by short or full code", async () => {
    const cadre = await h.linkStaff("demo-cadre", "赵书记");
    const room = h.group("新群", [cadre]);
    // fails if: village staff may bind to any village in their county (the short code resolves county-wide)
    expect((await h.ask(cadre, `绑定 ${shortCode(villageB)}`, room)).join()).toContain("只有本村的村干部、网格员或县农业农村局");
    expect((await h.ask(cadre, `绑定 ${villageB}`, room)).join()).toContain("只有本村的村干部、网格员或县农业农村局");
    expect(await groupVillage(h.sys.deps, room.id)).toBeNull();
  });

  it("the township and a department may not bind, even within their area", async () => {
    const township = await h.linkStaff("demo-township", "李干事");
    const department = await h.linkStaff("demo-department", "吴科员");
    const room = h.group("新群", [township, department]);
    // fails if: the township's area reach is taken as the right to bind (the old BINDING_ROLES)
    expect((await h.ask(township, `绑定 ${shortCode(villageA)}`, room)).join()).toContain("没有绑定成功");
    // fails if: department accounts, scoped to the county, may bind
    expect((await h.ask(department, `绑定 ${shortCode(villageA)}`, room)).join()).toContain("没有绑定成功");
    expect(await groupVillage(h.sys.deps, room.id)).toBeNull();
  });

  it("the county moves a group between its villages: audited with both villages, and the group is told", async () => {
    const county = await h.linkStaff("demo-county", "王科长");
    const farmer = h.person("老李");
    const { room } = await groupOfB(county, farmer);
    const told = await h.ask(county, `绑定 ${shortCode(villageA)}`, room);
    // fails if: a move is silent in the group
    expect(told.join()).toMatch(/^本群原来绑定在.+，现已改绑到.+/);
    expect(await groupVillage(h.sys.deps, room.id)).toBe(villageA);
    const audit = await auditOf(room.id);
    // fails if: a move is recorded as a plain bind, losing where the group came from
    expect(audit.map((a) => a.action)).toEqual(["bot_group.bind", "bot_group.move"]);
    expect(JSON.parse(audit[1].detail!)).toEqual({ fromVillageCode: villageB, villageCode: villageA });
  });

  it("解绑 in the group works only for the group's own village staff or county", async () => {
    const cadreA = await h.linkStaff("demo-cadre", "赵书记");
    const township = await h.linkStaff("demo-township", "李干事");
    const { cadreB, room } = await groupOfB(cadreA);
    expect((await h.ask(cadreA, "解绑", room)).join()).toContain("没有解绑成功");
    const roomA = h.group("幸福村网格群", [cadreA, township]);
    expect((await h.ask(cadreA, `绑定 ${shortCode(villageA)}`, roomA)).join()).toContain("本群已绑定到");
    // fails if: anyone whose area holds the village may unbind it (the township)
    expect((await h.ask(township, "解绑", roomA)).join()).toContain("只有本村的村干部、网格员或县农业农村局才能解绑");
    expect(await groupVillage(h.sys.deps, roomA.id)).toBe(villageA);
    expect(await groupVillage(h.sys.deps, room.id)).toBe(villageB);
    expect((await h.ask(cadreB, "解绑", room)).join()).toContain("已解除绑定");
    expect(await groupVillage(h.sys.deps, room.id)).toBeNull();
  });

  it("a staff member whose WeChat is not linked is told how to link it", async () => {
    const stranger = h.person("没关联的赵书记");
    const room = h.group("新群", [stranger]);
    expect((await h.ask(stranger, `绑定 ${shortCode(villageA)}`, room)).join()).toContain("绑定账号");
    expect(await groupVillage(h.sys.deps, room.id)).toBeNull();
  });
});
