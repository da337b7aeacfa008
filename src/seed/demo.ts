import { matchKeyOf } from "../domain/household/identity.js";
import type { DataSource } from "typeorm";
import { AreaEntity, type Area } from "../db/entities/area.js";
import type { Role } from "../domain/roles.js";
import { findAccountByUsername, insertAccount, insertHousehold } from "../repositories/accounts.js";
import type { FieldCrypto } from "../security/field-crypto.js";
import { hashPassword } from "../security/password.js";
import type { Clock } from "../clock.js";

/** The password of every demo staff account (README lists them). */
export const DEMO_PASSWORD = "yijian-demo-2026";

export interface DemoPlaces {
  county: Area;
  township: Area;
  village: Area;
  otherTownship: Area;
  otherVillage: Area;
}

/** Picks the two townships with the most villages (村; 社区 only where a county has no 村) as the demo's places. */
export async function demoPlaces(db: DataSource, countyCode6: string): Promise<DemoPlaces> {
  const areas = await db.getRepository(AreaEntity).find();
  const county = areas.find((a) => a.code === countyCode6.padEnd(12, "0"))!;
  const inCounty = areas.filter((a) => a.level === "village" && a.code.startsWith(countyCode6));
  const rural = inCounty.some((a) => a.name.includes("村")) ? (a: Area) => a.name.includes("村") : () => true;
  const villagesOf = (t: Area) => areas.filter((a) => a.parentCode === t.code && a.level === "village" && rural(a));
  const townships = areas
    .filter((a) => a.parentCode === county.code)
    .sort((a, b) => villagesOf(b).length - villagesOf(a).length || a.code.localeCompare(b.code));
  const [township, otherTownship] = townships;
  return { county, township, village: villagesOf(township)[0], otherTownship, otherVillage: villagesOf(otherTownship)[0] };
}

interface DemoAccount {
  username: string;
  role: Role;
  displayName: string;
  /** null: the whole system (admin). */
  area: (p: DemoPlaces) => Area | null;
  phone: string;
  department?: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: "demo-county", role: "county", displayName: "县农业农村局 王科长", area: (p) => p.county, phone: "13900000001" },
  { username: "demo-township", role: "township", displayName: "乡镇 李干事", area: (p) => p.township, phone: "13900000002" },
  { username: "demo-cadre", role: "village_cadre", displayName: "村委会 赵书记", area: (p) => p.village, phone: "13900000003" },
  { username: "demo-cadre-other", role: "village_cadre", displayName: "村委会 孙主任", area: (p) => p.otherVillage, phone: "13900000004" },
  { username: "demo-grid", role: "grid_worker", displayName: "网格员 周大姐", area: (p) => p.village, phone: "13900000005" },
  { username: "demo-department", role: "department", displayName: "县民政局 吴科员", area: (p) => p.county, phone: "13900000006", department: "civil_affairs" },
  // enters the year's holiday arrangement, among other system-wide tasks
  { username: "demo-admin", role: "admin", displayName: "系统管理员 陈工", area: () => null, phone: "13900000007" },
];

/** Creates the demo accounts once (a farmer household in demo-cadre's village too). */
export async function seedDemo(db: DataSource, crypto: FieldCrypto, clock: Clock, countyCode6: string): Promise<DemoPlaces> {
  const places = await demoPlaces(db, countyCode6);
  const now = clock.now();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const a of DEMO_ACCOUNTS) {
    if (await findAccountByUsername(db, a.username)) continue;
    await insertAccount(db, {
      role: a.role,
      username: a.username,
      displayName: a.displayName,
      areaCode: a.area(places)?.code ?? null,
      department: a.department ?? null,
      householdId: null,
      phoneHash: crypto.lookupHash(a.phone),
      phoneSealed: crypto.encrypt(a.phone),
      passwordHash,
      wechatOpenid: null,
      createdAt: now,
    });
  }
  if (!(await findAccountByUsername(db, "demo-farmer"))) {
    const phone = "13800138000";
    const household = await insertHousehold(db, {
      villageCode: places.village.code,
      headName: "张德福",
      phoneSealed: crypto.encrypt(phone),
      phoneHash: crypto.lookupHash(phone),
      idNumberSealed: null,
      idNumberHash: null,
      matchKey: matchKeyOf({ headName: "张德福", idHash: null, phoneHash: crypto.lookupHash(phone) })!,
      createdAt: now,
    });
    await insertAccount(db, {
      role: "farmer",
      username: "demo-farmer",
      displayName: "张德福",
      areaCode: null,
      department: null,
      householdId: household.id,
      phoneHash: null,
      phoneSealed: null,
      passwordHash: null,
      wechatOpenid: "demo-farmer-openid",
      createdAt: now,
    });
  }
  return places;
}
