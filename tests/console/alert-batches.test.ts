import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "../../src/db/transaction.js";
import type { Actor } from "../../src/domain/access.js";
import { findAccountByUsername } from "../../src/repositories/accounts.js";
import { actorOf } from "../../src/services/auth-service.js";
import type { Deps } from "../../src/services/deps.js";
import {
  ALERT_CHUNK_ROWS,
  alertFileHash,
  checkedAlertPages,
  commitAlertChunk,
  nextAlertChunk,
  openAlertBatch,
  stageAlertRows,
} from "../../src/services/department-alerts.js";
import { openAndCheckAlertList } from "../../src/http/department-alerts/router.js";
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

  /** The route's steps up to filing: open the batch, check and write every row. */
  const openAndCheck = (actor: Actor, file: Buffer) => openAndCheckAlertList(sys.deps, actor, file);
  const fileNext = async (deps: Deps, actor: Actor, plan: Awaited<ReturnType<typeof openAndCheck>>) => {
    const chunk = await inTransaction(sys.deps.db, (tx) => nextAlertChunk(tx, plan));
    return inTransaction(sys.deps.db, (tx) => commitAlertChunk(deps, tx, actor, plan, chunk!));
  };
  const rowStates = async (accountId: string) =>
    Object.fromEntries(
      (
        await sys.deps.db.query(
          "SELECT x.outcome AS outcome, COUNT(*) AS n FROM alert_batch_row x INNER JOIN alert_batch b ON b.id = x.batch_id WHERE b.uploaded_by = ? GROUP BY x.outcome",
          [accountId],
        )
      ).map((r: { outcome: string; n: string | number }) => [r.outcome, Number(r.n)]),
    );

  const sealedInputs = async (accountId: string): Promise<string[]> =>
    (
      await sys.deps.db.query(
        "SELECT x.sealed_input AS sealed FROM alert_batch_row x INNER JOIN alert_batch b ON b.id = x.batch_id WHERE b.uploaded_by = ? AND x.sealed_input IS NOT NULL",
        [accountId],
      )
    ).map((r: { sealed: string }) => r.sealed);

  // fails if: after a crash between chunks the same list is not continued from its first unfiled chunk, or a row is filed twice or skipped
  it("a commit that stops after its first chunk is continued by committing the same list again; every row is filed exactly once", async () => {
    const department = await actorNamed("demo-department");
    const file = list(530, "418");
    const plan = await openAndCheck(department, file);
    await fileNext(sys.deps, department, plan);
    // the process dies here: the second chunk never starts
    expect(await filings(department.accountId)).toBe(ALERT_CHUNK_ROWS);
    expect(await rowStates(department.accountId)).toEqual({ created: ALERT_CHUNK_ROWS, pending: 30 });
    const waiting = await sealedInputs(department.accountId);
    expect(waiting).toHaveLength(30);
    expect(waiting.some((sealed) => sealed.includes(idNumberOf(529, "418")) || sealed.includes("李529号"))).toBe(false);

    const resumed = await upload("demo-department", file);
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ created: 30, alreadyThere: ALERT_CHUNK_ROWS, merged: 0, skipped: [] });
    expect(resumed.body.rows).toHaveLength(530);
    expect(resumed.body.rows.slice(499, 501).map((r: { row: number; outcome: string }) => [r.row, r.outcome])).toEqual([
      [501, "already_there"],
      [502, "created"],
    ]);
    expect(await filings(department.accountId)).toBe(530);
    const again = await upload("demo-department", file);
    expect(again.body).toMatchObject({ created: 0, alreadyThere: 530 });
    expect(await filings(department.accountId)).toBe(530);
    expect(await rowStates(department.accountId)).toEqual({ created: 530 });
    // the numbers in full waited sealed, and are gone from the batch once filed
    expect(await sealedInputs(department.accountId)).toEqual([]);
  });

  // fails if: a chunk that fails part-way keeps the reports it had filed, or its rows are marked filed, or its audit record is written anyway
  it("a chunk that fails part-way leaves nothing of itself; committing again files its rows once", async () => {
    const county = await actorNamed("demo-county");
    const before = await filings(county.accountId);
    const file = list(540, "420");
    const plan = await openAndCheck(county, file);
    await fileNext(sys.deps, county, plan);
    // the second chunk breaks after a dozen of its reports are written (sealing a number fails)
    let sealed = 0;
    const crypto = Object.create(sys.deps.crypto) as Deps["crypto"];
    crypto.encrypt = (plain: string) => {
      if (++sealed > 12) throw new Error("injected: the disk is full");
      return sys.deps.crypto.encrypt(plain);
    };
    await expect(fileNext({ ...sys.deps, crypto }, county, plan)).rejects.toThrow("injected");
    expect(sealed).toBeGreaterThan(12);
    expect((await filings(county.accountId)) - before).toBe(ALERT_CHUNK_ROWS);
    expect((await chunkAudits(county.accountId)).at(-1)!.created).toBe(ALERT_CHUNK_ROWS);
    expect((await rowStates(county.accountId)).pending).toBe(40);

    const resumed = await upload("demo-county", file);
    expect(resumed.body).toMatchObject({ created: 40, alreadyThere: ALERT_CHUNK_ROWS });
    expect((await filings(county.accountId)) - before).toBe(540);
  });

  // fails if: a list whose reading stopped part-way (the process died while its rows were being checked) is not checked to the end when committed again
  it("a list whose rows were only partly written is checked to the end and filed whole when committed again", async () => {
    const department = await actorNamed("demo-department");
    const before = await filings(department.accountId);
    const file = list(700, "421");
    const plan = await inTransaction(sys.deps.db, (tx) => openAlertBatch(sys.deps, tx, department, { fileHash: alertFileHash(file), fileName: null }));
    for await (const page of checkedAlertPages(sys.deps, department, file)) {
      await inTransaction(sys.deps.db, (tx) => stageAlertRows(sys.deps, tx, department, plan, page));
      break; // the process dies after the first page
    }
    expect((await rowStates(department.accountId)).pending).toBe(ALERT_CHUNK_ROWS - 1);
    const res = await upload("demo-department", file);
    expect(res.body).toMatchObject({ created: 700, alreadyThere: 0 });
    expect((await filings(department.accountId)) - before).toBe(700);
  });

  // fails if: a file refused part-way through its reading (too many rows) leaves a batch or rows behind, or files any row
  it("a list refused after its first pages (more than 10 000 rows) leaves no batch and files nothing", async () => {
    const county = await actorNamed("demo-county");
    const before = await filings(county.accountId);
    const batches = async () => Number((await sys.deps.db.query("SELECT COUNT(*) AS n FROM alert_batch WHERE uploaded_by = ?", [county.accountId]))[0].n);
    const batchesBefore = await batches();
    const res = await upload("demo-county", list(10_001, "422"));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("alert_file_too_many_rows");
    expect(await batches()).toBe(batchesBefore);
    expect(await filings(county.accountId)).toBe(before);
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
