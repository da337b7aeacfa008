import type { Wechaty } from "wechaty";
import { provinceOf } from "../src/domain/area-code.js";
import type { Deps } from "../src/services/deps.js";
import { boundGroups, villageByCode, villagesNamed } from "../src/services/places.js";
import type { Village } from "./conversation/report-conversation.js";

export { villageByCode };

/** Policy figures are provincial: a village's region is its province code. */
export const regionOf = (villageCode: string | null): string | null => (villageCode ? provinceOf(villageCode) : null);

/** The villages of the bound groups this person is a member of. */
export async function villagesOfMember(deps: Deps, bot: Wechaty, contactId: string): Promise<Village[]> {
  const groups = await boundGroups(deps);
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
