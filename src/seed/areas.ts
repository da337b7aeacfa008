import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { DataSource } from "typeorm";
import { AreaEntity, type Area } from "../db/entities/area.js";

const AREA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "../data/areas");

/** The areas of every county file in src/data/areas (made by `npm run areas:extract`). */
export function loadAreaFiles(): Area[] {
  const byCode = new Map<string, Area>();
  for (const file of readdirSync(AREA_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const { areas } = JSON.parse(readFileSync(path.join(AREA_DIR, file), "utf8")) as { areas: Area[] };
    for (const a of areas) byCode.set(a.code, a);
  }
  return [...byCode.values()];
}

/** Inserts the areas the database does not have yet; safe to run at every start. */
export async function seedAreas(db: DataSource): Promise<number> {
  const repo = db.getRepository(AreaEntity);
  const known = new Set((await repo.find({ select: { code: true } })).map((a) => a.code));
  const missing = loadAreaFiles().filter((a) => !known.has(a.code));
  for (let i = 0; i < missing.length; i += 200) await repo.insert(missing.slice(i, i + 200));
  return missing.length;
}
