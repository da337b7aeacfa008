import type { Logger } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "../../src/db/transaction.js";
import { findAccountByUsername } from "../../src/repositories/accounts.js";
import { actorOf } from "../../src/services/auth-service.js";
import { commitAlertChunk, nextAlertChunk } from "../../src/services/department-alerts.js";
import { openAndCheckAlertList } from "../../src/http/department-alerts/router.js";
import { submitReport } from "../../src/services/report-service.js";
import { ReportEntity } from "../../src/db/entities/report.js";
import type { Actor } from "../../src/domain/access.js";
import { testEngines } from "../helpers/databases.js";
import { buildReport } from "../helpers/factories.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";
import { demoPlaces, validId, type Places } from "../console/console-fixtures.js";

/** The transaction's own bracket, which every transaction has whatever it does. */
const BRACKET = /^\s*(BEGIN|START TRANSACTION|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT|SET TRANSACTION)/i;

/**
 * Counts the statements (round trips) the database is sent while `work` runs, leaving out
 * BEGIN/COMMIT and savepoints. Counting is deterministic, unlike timing.
 */
async function statementsOf(sys: TestSystem, work: () => Promise<unknown>): Promise<string[]> {
  const db = sys.deps.db;
  const original = db.logger;
  const sent: string[] = [];
  const counting: Logger = {
    logQuery: (query, parameters, runner) => {
      if (!BRACKET.test(query)) sent.push(query.replace(/\s+/g, " ").slice(0, 80));
      return original.logQuery(query, parameters, runner);
    },
    logQueryError: (...args) => original.logQueryError(...args),
    logQuerySlow: (...args) => original.logQuerySlow(...args),
    logSchemaBuild: (...args) => original.logSchemaBuild(...args),
    logMigration: (...args) => original.logMigration(...args),
    log: (...args) => original.log(...args),
  };
  db.logger = counting;
  try {
    await work();
  } finally {
    db.logger = original;
  }
  return sent;
}

/** A distinct valid ID number per row: a birth day per row and a fixed sequence per list. */
function idNumberOf(row: number, sequence: string): string {
  const born = new Date(Date.UTC(1960, 0, 1) + row * 86_400_000).toISOString().slice(0, 10).replaceAll("-", "");
  return validId(`231226${born}${sequence}`);
}

describe.each(testEngines())("one intake's round trips on %s", (engine) => {
  let sys: TestSystem;
  let cadre: Actor;
  let county: Actor;
  let places: Places;
  beforeAll(async () => {
    sys = await startTestSystem(engine);
    places = await demoPlaces(sys);
    cadre = actorOf((await findAccountByUsername(sys.deps.db, "demo-cadre"))!);
    county = actorOf((await findAccountByUsername(sys.deps.db, "demo-county"))!);
    // the village and the county's deadline rule are read once and kept: the counts below are of a running server
    await inTransaction(sys.deps.db, (tx) => submitReport(sys.deps, tx, cadre, buildReport(cadre.areaCode!, { relation: "cadre" })));
  });
  afterAll(() => sys.close());

  it("a new household's report costs 10 statements: households, cadres and notice hour read once; household, report, lead, event, audit, notices and the village's counter written once each", async () => {
    // fails if: the intake reads or writes a row at a time again (12 before issue 19: two household reads, two notice inserts, the cadres read twice)
    const sent = await statementsOf(sys, () =>
      inTransaction(sys.deps.db, (tx) => submitReport(sys.deps, tx, cadre, buildReport(cadre.areaCode!, { relation: "cadre" }))),
    );
    expect(sent, sent.join("\n")).toHaveLength(10);
    expect(sent.filter((q) => /^INSERT (IGNORE )?(OR IGNORE )?INTO [^(]*notification/i.test(q)), sent.join("\n")).toHaveLength(1);
  });

  it("a second report for a household with an open one costs 5 statements (households and their open reports read together) and is added to it", async () => {
    // fails if: joining the open report grows back to more round trips (the open reports read apart from the households, a write per row)
    const body = buildReport(cadre.areaCode!, { relation: "cadre" });
    await inTransaction(sys.deps.db, (tx) => submitReport(sys.deps, tx, cadre, body));
    let outcome = "";
    const sent = await statementsOf(sys, async () => {
      outcome = (await inTransaction(sys.deps.db, (tx) => submitReport(sys.deps, tx, cadre, { ...body, riskTypes: ["housing"] }))).outcome;
    });
    expect(outcome).toBe("added_to_open");
    expect(sent, sent.join("\n")).toHaveLength(5);
  });

  it("an alert chunk sends as many statements for 40 rows as for 4: one set of reads and writes per chunk, not per row", async () => {
    // fails if: commitAlertChunk takes its rows in one at a time again (then 40 rows cost about ten times the statements of 4)
    const list = (rows: number, sequence: string) =>
      new TextEncoder().encode(
        [
          "姓名,身份证号,村,风险类型,备注",
          ...Array.from({ length: rows }, (_, i) => `李${i}号,${idNumberOf(i, sequence)},${i % 2 ? places.villageA.code : places.villageB.code},因病,医保预警`),
        ].join("\n"),
      );
    const chunkStatements = async (rows: number, sequence: string) => {
      const plan = await openAndCheckAlertList(sys.deps, county, list(rows, sequence));
      const chunk = (await inTransaction(sys.deps.db, (tx) => nextAlertChunk(tx, plan)))!;
      let filed = 0;
      const sent = await statementsOf(sys, async () => {
        filed = (await inTransaction(sys.deps.db, (tx) => commitAlertChunk(sys.deps, tx, county, plan, chunk))).filter((o) => o.outcome === "created").length;
      });
      expect(filed).toBe(rows);
      return sent;
    };
    const four = await chunkStatements(4, "517");
    const forty = await chunkStatements(40, "518");
    expect(forty, forty.join("\n")).toHaveLength(four.length);
  });

  it("one chunk names the same household twice and one with an open report: each later row joins the open report, its risks added", async () => {
    // fails if: the rows of a chunk are taken in together but not in order (a second report for the same household, or a lost risk type)
    const stored = idNumberOf(1, "519");
    const opened = await inTransaction(sys.deps.db, (tx) =>
      submitReport(sys.deps, tx, cadre, buildReport(places.villageA.code, { relation: "cadre", household: { name: "周桂芝", phone: "", idNumber: stored } })),
    );
    const twice = idNumberOf(2, "519");
    const file = new TextEncoder().encode(
      [
        "姓名,身份证号,村,风险类型,备注",
        `吴建国,${twice},${places.villageB.code},因病,医保预警`,
        `周桂芝,${stored},${places.villageA.code},住房安全,住建预警`,
        `吴建国,${twice},${places.villageB.code},因学,教育预警`,
      ].join("\n"),
    );
    const plan = await openAndCheckAlertList(sys.deps, county, file);
    const chunk = (await inTransaction(sys.deps.db, (tx) => nextAlertChunk(tx, plan)))!;
    const outcomes = await inTransaction(sys.deps.db, (tx) => commitAlertChunk(sys.deps, tx, county, plan, chunk));
    expect(outcomes.map((o) => o.outcome)).toEqual(["created", "merged", "merged"]);
    expect(outcomes[1].number).toBe(opened.number);
    expect(outcomes[2].number).toBe(outcomes[0].number);
    const reports = sys.deps.db.getRepository(ReportEntity);
    expect((await reports.findOneByOrFail({ number: opened.number! })).riskTypes).toBe(",illness,housing,");
    expect((await reports.findOneByOrFail({ number: outcomes[0].number })).riskTypes).toBe(",illness,schooling,");
    const wu = await reports.findOneByOrFail({ number: outcomes[0].number });
    expect(await reports.countBy({ householdId: wu.householdId })).toBe(1);
  });
});
