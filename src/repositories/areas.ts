import type { DataSource, EntityManager } from "typeorm";
import { AreaEntity, type Area } from "../db/entities/area.js";

type Db = DataSource | EntityManager;

export const findArea = (db: Db, code: string): Promise<Area | null> => db.getRepository(AreaEntity).findOneBy({ code });

export const childAreas = (db: Db, code: string): Promise<Area[]> => db.getRepository(AreaEntity).find({ where: { parentCode: code }, order: { code: "ASC" } });

/** Names of many areas at once, by code. */
export async function areaNames(db: Db, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .getRepository(AreaEntity)
    .createQueryBuilder("a")
    .where("a.code IN (:...codes)", { codes: [...new Set(codes)] })
    .getMany();
  return new Map(rows.map((a) => [a.code, a.name]));
}

/** Villages whose name contains `text` (no LIKE wildcards in it), by code. */
export const villagesNameLike = (db: Db, text: string, limit: number): Promise<Area[]> =>
  db
    .getRepository(AreaEntity)
    .createQueryBuilder("a")
    .where("a.level = :level", { level: "village" })
    .andWhere("a.name LIKE :name", { name: `%${text}%` })
    .orderBy("a.code", "ASC")
    .limit(limit)
    .getMany();
