import type { DataSource, EntityManager, EntitySchema, ObjectLiteral } from "typeorm";

// SQLite binds at most 32,766 values a statement and MySQL 65,535: a longer list goes in as several statements.
const MAX_VALUES_PER_STATEMENT = 30_000;

/**
 * Inserts rows in as few statements as the engine allows (one, unless the list is very long),
 * without reading anything back: TypeORM's default insert re-selects generated and default
 * columns, a round trip the hot paths do not need. Returns how many rows went in (with
 * `orIgnore`, those whose unique key was new).
 */
export async function insertRows<T extends ObjectLiteral>(
  db: DataSource | EntityManager,
  entity: EntitySchema<T>,
  rows: T | T[],
  opts: { orIgnore?: boolean } = {},
): Promise<number> {
  const list = Array.isArray(rows) ? rows : [rows];
  if (list.length === 0) return 0;
  const columns = ("manager" in db ? db : db.connection).getMetadata(entity).columns.length;
  const perStatement = Math.max(1, Math.floor(MAX_VALUES_PER_STATEMENT / columns));
  let inserted = 0;
  for (let from = 0; from < list.length; from += perStatement) {
    const part = list.slice(from, from + perStatement);
    const qb = db.createQueryBuilder().insert().into(entity).values(part).updateEntity(false);
    if (opts.orIgnore) qb.orIgnore();
    const raw = ((await qb.execute()).raw ?? {}) as { affectedRows?: number; changes?: number };
    inserted += raw.affectedRows ?? raw.changes ?? part.length;
  }
  return inserted;
}
