import type { DataSource, EntityManager } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, serverProblem } from "../../src/db/data-source.js";
import { CountySettingEntity } from "../../src/db/entities/county-setting.js";
import { inTransaction } from "../../src/db/transaction.js";
import { createTestDatabase, testEngines, type TestDatabase } from "../helpers/databases.js";

/** Raises a server error with the given number from inside the transaction, as the server itself would. */
const serverError = (tx: EntityManager, errno: number) => tx.query(`SIGNAL SQLSTATE '40001' SET MYSQL_ERRNO = ${errno}, MESSAGE_TEXT = 'raised by the test'`);

describe.each(testEngines())("transactions that lose a conflict (%s)", (engine) => {
  let database: TestDatabase;
  let db: DataSource;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    db = await openDatabase(database.url);
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  const settings = () => db.getRepository(CountySettingEntity).find({ order: { countyCode: "ASC" } });

  // fails if: any error is retried, running a rule's work again (tried on MariaDB: isRetryable saying yes to errors without a retryable number).
  it("a transaction that fails for another reason runs once and leaves nothing behind", async () => {
    let attempts = 0;
    await expect(
      inTransaction(db, async (tx) => {
        attempts++;
        await tx.getRepository(CountySettingEntity).insert({ countyCode: "231226", deadlineRule: "calendar" });
        throw new Error("a rule broke");
      }),
    ).rejects.toThrow("a rule broke");
    expect(attempts).toBe(1);
    expect(await settings()).toEqual([]);
  });

  if (engine === "mysql") {
    // fails if: TiDB's write-conflict numbers (9007, 8005, 8002) are not retried, so a report lost to a concurrent write fails with a 500
    it.each([9007, 8005, 8002, 1213])("a transaction lost to error %i runs again, and only the attempt that committed is kept", async (errno) => {
      let attempts = 0;
      const result = await inTransaction(db, async (tx) => {
        attempts++;
        await tx.getRepository(CountySettingEntity).insert({ countyCode: `23122${attempts}`, deadlineRule: "calendar" });
        if (attempts === 1) await serverError(tx, errno);
        return attempts;
      });
      expect(result).toBe(2);
      expect((await settings()).map((s) => s.countyCode)).toEqual(["231222"]);
      await db.getRepository(CountySettingEntity).clear();
    });

    // fails if: a duplicate key is retried, so "already reported" is worked out five times (tried: 1062 in RETRYABLE_ERRNOS).
    it("a duplicate key (1062) is not run again: the caller decides what it means", async () => {
      let attempts = 0;
      await expect(
        inTransaction(db, async (tx) => {
          attempts++;
          await serverError(tx, 1062);
        }),
      ).rejects.toThrow("raised by the test");
      expect(attempts).toBe(1);
    });
  }
});

describe("the database server", () => {
  // fails if: a TiDB cluster left in optimistic mode is accepted, where READ COMMITTED and locking reads do not hold
  it.each([
    ["8.0.11-TiDB-v7.5.1", "optimistic", "tidb_txn_mode = 'pessimistic'"],
    ["8.0.11-TiDB-v3.0.5", "", "tidb_txn_mode = 'pessimistic'"],
    ["8.0.11-TiDB-v7.5.1", "pessimistic", null],
    ["10.11.6-MariaDB-0+deb12u1", null, null],
    ["8.0.36", null, null],
  ])("version %s with tidb_txn_mode %s: problem %s", (version, mode, problem) => {
    const said = serverProblem(version, mode);
    if (problem === null) expect(said).toBeNull();
    else expect(said).toContain(problem);
  });
});
