import type { DataSource, EntityManager, EntitySchema, ObjectLiteral, QueryRunner } from "typeorm";
import type { ColumnMetadata } from "typeorm/metadata/ColumnMetadata.js";

// SQLite binds at most 32,766 values a statement and MySQL 65,535: a longer list goes in as several statements.
const MAX_VALUES_PER_STATEMENT = 30_000;

/** An entity's INSERT, as the engine spells it: the columns in metadata order and the statement's head. */
interface InsertShape {
  columns: ColumnMetadata[];
  /** `(<columns>) VALUES `, after the table's name. */
  head: string;
  table: string;
  sqlite: boolean;
}

const shapes = new WeakMap<object, Map<EntitySchema<ObjectLiteral>, InsertShape | null>>();

/**
 * The statement's shape for the entity on this connection; null when the entity needs what only
 * TypeORM's query builder does (a version, discriminator or database-generated uuid column, a
 * spatial type, an engine other than MySQL/MariaDB and SQLite): such an entity goes through it.
 */
function insertShape(dataSource: DataSource, entity: EntitySchema<ObjectLiteral>): InsertShape | null {
  let perSource = shapes.get(dataSource);
  if (!perSource) shapes.set(dataSource, (perSource = new Map()));
  if (perSource.has(entity)) return perSource.get(entity)!;
  const { driver } = dataSource;
  const type = dataSource.options.type;
  const sqlite = type === "better-sqlite3";
  const metadata = dataSource.getMetadata(entity);
  const columns = metadata.columns.filter((c) => c.isInsert);
  const plain =
    (sqlite || type === "mysql" || type === "mariadb") &&
    columns.every(
      (c) =>
        !c.isVersion &&
        !c.isDiscriminator &&
        !(c.isGenerated && c.generationStrategy === "uuid") &&
        !driver.spatialTypes.includes(c.type as never) &&
        c.type !== "jsonb",
    );
  const shape = plain
    ? {
        columns,
        head: `(${columns.map((c) => driver.escape(c.databaseName)).join(", ")}) VALUES `,
        table: driver.escape(metadata.tablePath),
        sqlite,
      }
    : null;
  perSource.set(entity, shape);
  return shape;
}

/**
 * Inserts rows in as few statements as the engine allows (one, unless the list is very long),
 * without reading anything back: TypeORM's default insert re-selects generated and default
 * columns, a round trip the hot paths do not need. The statement is written here from the
 * entity's metadata, each value converted as TypeORM converts it (`preparePersistentValue`:
 * dates, booleans, transformers), a missing value as the column's default: TypeORM's query
 * builder takes several times longer to write a 500-row INSERT than the database takes to run
 * it. Returns how many rows went in (with `orIgnore`, those whose unique key was new).
 */
export async function insertRows<T extends ObjectLiteral>(
  db: DataSource | EntityManager,
  entity: EntitySchema<T>,
  rows: T | T[],
  opts: { orIgnore?: boolean } = {},
): Promise<number> {
  const list = Array.isArray(rows) ? rows : [rows];
  if (list.length === 0) return 0;
  const dataSource = "manager" in db ? db : db.connection;
  const shape = insertShape(dataSource, entity as EntitySchema<ObjectLiteral>);
  if (!shape) return insertByQueryBuilder(db, entity, list, opts);
  const perStatement = Math.max(1, Math.floor(MAX_VALUES_PER_STATEMENT / shape.columns.length));
  const verb = opts.orIgnore ? (shape.sqlite ? "INSERT OR IGNORE INTO " : "INSERT IGNORE INTO ") : "INSERT INTO ";
  const own = "manager" in db ? undefined : db.queryRunner;
  const runner: QueryRunner = own ?? dataSource.createQueryRunner();
  try {
    let inserted = 0;
    for (let from = 0; from < list.length; from += perStatement) {
      const part = list.slice(from, from + perStatement);
      const params: unknown[] = [];
      const tuples = part.map((row) => `(${shape.columns.map((c) => valueOf(dataSource, shape, c, row, params)).join(", ")})`);
      const result = await runner.query(verb + shape.table + shape.head + tuples.join(", "), params, true);
      inserted += result.affected ?? part.length;
    }
    return inserted;
  } finally {
    if (!own) await runner.release();
  }
}

/** A value's place in the statement: a bound parameter, or the column's default when the row leaves it out (as TypeORM writes it). */
function valueOf(dataSource: DataSource, shape: InsertShape, column: ColumnMetadata, row: ObjectLiteral, params: unknown[]): string {
  const value: unknown = dataSource.driver.preparePersistentValue(column.getEntityValue(row), column);
  if (value === undefined) {
    // SQLite has no DEFAULT in VALUES: the column's own default, or NULL (an autoincrement key draws its next value)
    if (!shape.sqlite) return "DEFAULT";
    return column.default !== undefined && column.default !== null ? dataSource.driver.normalizeDefault(column)! : "NULL";
  }
  params.push(value);
  return "?";
}

/** TypeORM's own insert, for an entity the written statement does not cover. */
async function insertByQueryBuilder<T extends ObjectLiteral>(
  db: DataSource | EntityManager,
  entity: EntitySchema<T>,
  list: T[],
  opts: { orIgnore?: boolean },
): Promise<number> {
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
