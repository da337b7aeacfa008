import { AreaEntity } from "../../src/db/entities/area.js";
import { insertAccount } from "../../src/repositories/accounts.js";
import type { TestSystem } from "../helpers/test-system.js";

/** A village in Hunan (大祥区), outside the demo county. */
export const hunanVillage = (sys: TestSystem): Promise<string> =>
  sys.deps.db
    .getRepository(AreaEntity)
    .createQueryBuilder("a")
    .where("a.code LIKE :p", { p: "430503%" })
    .andWhere("a.level = 'village'")
    .orderBy("a.code")
    .getOneOrFail()
    .then((a) => a.code);

/** Another county's staff account (大祥区), signed in like the demo accounts: the attacker of the hijack issue. */
export async function otherCountyAccount(sys: TestSystem): Promise<string> {
  const username = "demo-hunan-county";
  await insertAccount(sys.deps.db, {
    role: "county",
    username,
    displayName: "大祥区农业农村局 刘科长",
    areaCode: "430503000000",
    department: null,
    householdId: null,
    phoneHash: null,
    phoneSealed: null,
    passwordHash: null,
    wechatOpenid: null,
    createdAt: sys.clock.now(),
  });
  return username;
}
