import { afterAll, describe, expect, it } from "vitest";
import { DepartmentLane1764000002100 } from "../../migrations/1764000002100-DepartmentLane.js";
import { createDataSource } from "../../src/db/data-source.js";
import { createTestDatabase, testEngines, undoMigrationsThrough } from "../helpers/databases.js";

describe.each(testEngines())("the department-lane migration on %s", (engine) => {
  const dropLater: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const drop of dropLater) await drop();
  });

  // fails if: alerts a department filed before batches existed vanish from its lane, or a cadre's report is counted as a department's
  it("alerts filed before it become one batch per department account; down removes batches and the clock columns; up again works", async () => {
    const database = await createTestDatabase(engine);
    dropLater.push(database.drop);
    const db = createDataSource(database.url);
    await db.initialize();
    await db.runMigrations({ transaction: "each" });
    await undoMigrationsThrough(db, DepartmentLane1764000002100);

    await db.query(
      "INSERT INTO account (id, role, username, display_name, area_code, department, failed_sign_ins, disabled, created_at) VALUES ('d1', 'department', 'mz', '民政 吴科员', '231226000000', 'civil_affairs', 0, 0, '2026-03-01 02:00:00'), ('c1', 'village_cadre', 'cz', '赵书记', '231226100201', NULL, 0, 0, '2026-03-01 02:00:00')",
    );
    const lead = (report: string, account: string, channel: string, at: string) =>
      `('${report}', '${at}', '${channel}', '${channel === "department" ? "department" : "cadre"}', '${account}', ',illness,', '')`;
    await db.query(
      `INSERT INTO report_lead (report_id, received_at, channel, relation, reporter_account_id, risk_types, description) VALUES ${[
        lead("r1", "d1", "department", "2026-03-05 02:00:00"),
        lead("r2", "d1", "department", "2026-03-06 02:00:00"),
        lead("r3", "c1", "in_person", "2026-03-06 03:00:00"),
      ].join(", ")}`,
    );

    await db.runMigrations({ transaction: "each" });
    const batches = await db.query("SELECT id, department, uploaded_by FROM alert_batch");
    expect(batches).toEqual([expect.objectContaining({ department: "civil_affairs", uploaded_by: "d1" })]);
    const linked = await db.query("SELECT report_id FROM alert_batch_row ORDER BY report_id");
    expect(linked.map((r: { report_id: string }) => r.report_id)).toEqual(["r1", "r2"]);

    await undoMigrationsThrough(db, DepartmentLane1764000002100);
    await expect(db.query("SELECT COUNT(*) FROM alert_batch")).rejects.toThrow();
    await expect(db.query("SELECT transferred_at FROM report")).rejects.toThrow();
    await db.runMigrations({ transaction: "each" });
    expect(await db.query("SELECT id FROM alert_batch")).toHaveLength(1);
    await db.destroy();
  });
});
