import type { BotGroup } from "../db/entities/bot.js";
import { findArea, villagesNameLike } from "../repositories/areas.js";
import { activeGroupsOfVillage, activeGroupsUnder } from "../repositories/bot.js";
import type { Deps } from "./deps.js";

/** A village as the bot and the forms name it. */
export interface VillagePlace {
  code: string;
  name: string;
}

export async function villageByCode(deps: Deps, code: string): Promise<VillagePlace | null> {
  const a = await findArea(deps.db, code);
  return a && a.level === "village" ? { code: a.code, name: a.name } : null;
}

/** Every bound, active village group. */
export const boundGroups = (deps: Deps): Promise<BotGroup[]> => activeGroupsUnder(deps.db, "");

/** The bound, active groups of one village. */
export const groupsOfVillage = (deps: Deps, villageCode: string): Promise<BotGroup[]> => activeGroupsOfVillage(deps.db, villageCode);

/** Villages whose name contains the text (its 村/村委会 ending dropped), or the one with that 12-digit code. */
export async function villagesNamed(deps: Deps, text: string, limit: number): Promise<VillagePlace[]> {
  const t = text.trim().replace(/(村委会|村民委员会|村)$/, "");
  if (/^\d{12}$/.test(t)) {
    const v = await villageByCode(deps, t);
    return v ? [v] : [];
  }
  if (t.length < 1 || t.length > 20 || /[%_]/.test(t)) return [];
  const rows = await villagesNameLike(deps.db, t, limit);
  const villages = rows.map((a) => ({ code: a.code, name: a.name }));
  // "阁山村" means 阁山村委会 even when 阁山林场 also matches.
  const exact = villages.filter((v) => v.name.replace(/(村民委员会|村委会|村)$/, "") === t);
  return exact.length === 1 ? exact : villages;
}
