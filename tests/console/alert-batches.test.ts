import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DepartmentAlertRowEntity } from "../../src/db/entities/department-alert-batch.js";
import { inTransaction } from "../../src/db/transaction.js";
import { findAccountByUsername } from "../../src/repositories/accounts.js";
import { actorOf } from "../../src/services/auth-service.js";
import { ALERT_CHUNK_ROWS, alertChunks, commitAlertChunk, openAlertBatch, planAlertCommit } from "../../src/services/department-alerts.js";
import { testEngines } from "../helpers/databases.js";
import { startTestSystem, type TestSystem } from "../helpers/test-system.js";
import { demoPlaces, validId, type Places } from "./console-fixtures.js";

/** A distinct valid ID number per row: a birth day per row and a fixed sequence per list. */
function idNumberOf(row: number, sequence: string): string {
  const born = new Date(Date.UTC(1950, 0, 1) + row * 86_400_000).toISOString().slice(0, 10).replaceAll("-", "");
  return validId(`231226${born}${sequence}`);
}

describe.each(testEngines())("a long department alert list is filed in chunks on %s", (engine) => {
  let sys: TestSystem;
  let places: Places;
  beforeAll(async () => {
    sys = await startTestSystem(engine);
    places = await demoPlaces(sys);
  });
  afterAll(() => sys.close());

  /** A list of `rows` people, spread over the two demo villages. */
  const list = (rows: number, sequence: string) =>
    Buffer.from(
      [
        "姓名,身份证号,村,风险类型,备注",
        ...Array.from({ length: rows }, (_, i) => `李${i}号,${idNumberOf(i, sequence)},${i % 2 ? places.villageA.code : places.villageB.code},因病,医保预警`),
      ].join("\n"),
    );
  const upload = async (username: string, file: Buffer) =>
    sys
      .request()
      .post("/api/department-alerts/commit")
      .set("authorization", `Bearer ${await sys.tokenFor(username)}`)
      .set("content-type", "text/csv")
      .send(file);
  const actorNamed = async (username: string) => actorOf((await findAccountByUsername(sys.deps.db, username))!);
  /** How many times the account's rows were filed: each filing adds a lead, even one merged into an open report. */
  const filings = async (accountId: string) =>
    Number((await sys.deps.db.query("SELECT COUNT(*) AS n FROM report_lead WHERE reporter_account_id = ?", [accountId]))[0].n);
  const chunkAudits = async (accountId: string): Promise<Array<{ created: number }>> =>
    (
      await sys.deps.db.query("SELECT detail FROM audit_event WHERE actor_id = ? AND action = 'department_alerts.chunk_committed' ORDER BY id", [accountId])
    ).map((r: { detail: string }) => JSON.parse(r.detail) as { created: number });
  const receivedAudits = async (accountId: string) =>
    Number((await sys.deps.db.query("SELECT COUNT(*) AS n FROM audit_event WHERE actor_id = ? AND action = 'report.received'", [accountId]))[0].n);

  // fails if: a list longer than 500 rows is filed in one transaction or row by row, or a chunk's reports go without their audit records
  it("520 rows are filed as a chunk of 500 and one of 20, every report with its audit record", async () => {
    const county = await actorNamed("demo-county");
    const res = await upload("demo-county", list(520, "417"));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 520, alreadyThere: 0, merged: 0 });
    expect((await chunkAudits(county.accountId)).map((d) => d.created)).toEqual([ALERT_CHUNK_ROWS, 20]);
    expect(await receivedAudits(county.accountId)).toBe(520);
    expect(await filings(county.accountId)).toBe(520);
  });

  // fails if: a commit cut short keeps part of a chunk, or committing the same list again files a row a second time or skips one
  it("a commit cut short after its first chunk keeps that chunk whole; committing again files every row exactly once", async () => {
    const department = await actorNamed("demo-department");
    const file = list(530, "418");
    const plan = await planAlertCommit(sys.deps, department, file);
    await inTransaction(sys.deps.db, (tx) => openAlertBatch(sys.deps, tx, department, plan));
    const [first, second] = alertChunks(plan, 0);
    await inTransaction(sys.deps.db, (tx) => commitAlertChunk(sys.deps, tx, department, plan, first));
    // the second chunk meets a constraint: one of its rows is already recorded as filed, so the chunk fails as a whole
    const clash = { accountId: department.accountId, fileHash: plan.fileHash, rowNo: plan.good[second.from + 15].row };
    await sys.deps.db.getRepository(DepartmentAlertRowEntity).insert({ ...clash, reportId: "injected", outcome: "created" });
    await expect(inTransaction(sys.deps.db, (tx) => commitAlertChunk(sys.deps, tx, department, plan, second))).rejects.toThrow();
    expect(await filings(department.accountId)).toBe(ALERT_CHUNK_ROWS);
    expect(await receivedAudits(department.accountId)).toBe(ALERT_CHUNK_ROWS);

    await sys.deps.db.getRepository(DepartmentAlertRowEntity).delete(clash);
    const resumed = await upload("demo-department", file);
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ created: 30, alreadyThere: ALERT_CHUNK_ROWS, merged: 0 });
    expect(resumed.body.rows).toHaveLength(530);
    expect(await filings(department.accountId)).toBe(530);
    const again = await upload("demo-department", file);
    expect(again.body).toMatchObject({ created: 0, alreadyThere: 530 });
    expect(await filings(department.accountId)).toBe(530);
  });

  // fails if: two commits of the same list at the same moment both file its rows, or one of them fails with a 500
  it("two commits of the same list at once file each row once; the later one is told the list is being filed", async () => {
    const admin = await actorNamed("demo-admin");
    const file = list(40, "419");
    const [a, b] = await Promise.all([upload("demo-admin", file), upload("demo-admin", file)]);
    expect([a.status, b.status].sort()).toEqual(a.status === b.status ? [200, 200] : [200, 409]);
    const busy = [a, b].find((r) => r.status === 409);
    if (busy) expect(busy.body.error.code).toBe("alert_batch_busy");
    expect(await filings(admin.accountId)).toBe(40);
  });
});
