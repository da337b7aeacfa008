import type { Wechaty } from "wechaty";
import { provinceOf } from "../src/domain/area-code.js";
import { findArea } from "../src/repositories/areas.js";
import { activeGroupsUnder } from "../src/repositories/bot.js";
import type { Deps } from "../src/services/deps.js";
import type { Village } from "./conversation/report-conversation.js";
import { AreaEntity } from "../src/db/entities/area.js";

/** Policy figures are provincial: a village's region is its province code. */
export const regionOf = (villageCode: string | null): string | null => (villageCode ? provinceOf(villageCode) : null);

export async function villageByCode(deps: Deps, code: string): Promise<Village | null> {
  const a = await findArea(deps.db, code);
  return a && a.level === "village" ? { code: a.code, name: a.name } : null;
}

/** The villages of the bound groups this person is a member of. */
export async function villagesOfMember(deps: Deps, bot: Wechaty, contactId: string): Promise<Village[]> {
  const groups = await activeGroupsUnder(deps.db, "");
  const codes = new Set<string>();
  for (const g of groups) {
    const room = await bot.Room.find({ id: g.roomId }).catch(() => undefined);
    if (!room) continue;
    const members = await room.memberAll().catch(() => []);
    if (members.some((m) => m.id === contactId)) codes.add(g.villageCode);
  }
  const villages: Village[] = [];
  for (const code of codes) {
    const v = await villageByCode(deps, code);
    if (v) villages.push(v);
  }
  return villages;
}

/** Villages whose name contains the typed text ("永安" finds 永安村委会), or the one with that code. */
export async function findVillages(deps: Deps, text: string, limit = 10): Promise<Village[]> {
  const found = await villagesNamed(deps, text, limit);
  if (found.length > 0) return found;
  // "长山镇永安村": the township is not part of the village's name.
  const withoutTownship = text.trim().replace(/^.{2,}?(镇|乡|街道)(?=.{2,})/, "");
  return withoutTownship !== text.trim() ? villagesNamed(deps, withoutTownship, limit) : [];
}

async function villagesNamed(deps: Deps, text: string, limit: number): Promise<Village[]> {
  const t = text.trim().replace(/(村委会|村民委员会|村)$/, "");
  if (/^\d{12}$/.test(t)) {
    const v = await villageByCode(deps, t);
    return v ? [v] : [];
  }
  if (t.length < 1 || t.length > 20 || /[%_]/.test(t)) return [];
  const rows = await deps.db
    .getRepository(AreaEntity)
    .createQueryBuilder("a")
    .where("a.level = :level", { level: "village" })
    .andWhere("a.name LIKE :name", { name: `%${t}%` })
    .orderBy("a.code", "ASC")
    .limit(limit)
    .getMany();
  const villages = rows.map((a) => ({ code: a.code, name: a.name }));
  // "阁山村" means 阁山村委会 even when 阁山林场 also matches.
  const exact = villages.filter((v) => v.name.replace(/(村民委员会|村委会|村)$/, "") === t);
  return exact.length === 1 ? exact : villages;
}
