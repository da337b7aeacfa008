import { Table, TableIndex, type MigrationInterface, type QueryRunner } from "typeorm";

const LEDGER_INDEX = "idx_ledger_source";

/**
 * Cron work split by county across instances (docs/scale.md section 4): a lease per county,
 * taken and renewed by compare-and-set, and the instances seen lately, whose number sets each
 * one's fair share. A county is an area row of level county (the set every county code of a
 * rule, campaign, account or report's village comes from); the rows of counties added later
 * are created by the tick. The ledger gets an index for reading one county's rules and
 * campaigns' occurrences rather than every county's.
 */
export class CountyLease1764000002800 implements MigrationInterface {
  name = "CountyLease1764000002800";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "county_lease",
        columns: [
          { name: "county_code", type: "varchar", length: "12", isPrimary: true },
          { name: "holder", type: "varchar", length: "64", default: "''" },
          { name: "lease_until", type: "datetime", precision: 3 },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "cron_instance",
        columns: [
          { name: "instance_id", type: "varchar", length: "64", isPrimary: true },
          { name: "seen_until", type: "datetime", precision: 3 },
        ],
      }),
    );
    await q.query("INSERT INTO county_lease (county_code, holder, lease_until) SELECT code, '', '1970-01-01 00:00:00.000' FROM area WHERE level = 'county'");
    await q.createIndex("occurrence_ledger", new TableIndex({ name: LEDGER_INDEX, columnNames: ["source", "source_id", "scheduled_for"] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex("occurrence_ledger", LEDGER_INDEX);
    await q.dropTable("cron_instance");
    await q.dropTable("county_lease");
  }
}
