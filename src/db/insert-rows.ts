import type { DataSource, EntityManager, EntitySchema, ObjectLiteral } from "typeorm";

/**
 * Inserts rows in one statement without reading anything back: TypeORM's default insert
 * re-selects generated and default columns, a round trip the hot paths do not need.
 */
export async function insertRows<T extends ObjectLiteral>(
  db: DataSource | EntityManager,
  entity: EntitySchema<T>,
  rows: T | T[],
  opts: { orIgnore?: boolean } = {},
) {
  const qb = db.createQueryBuilder().insert().into(entity).values(rows).updateEntity(false);
  if (opts.orIgnore) qb.orIgnore();
  return qb.execute();
}
