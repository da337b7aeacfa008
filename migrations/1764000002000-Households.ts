import { TableColumn, type MigrationInterface, type QueryRunner } from "typeorm";
import { namePhoneKey } from "../src/domain/household/identity.js";

/**
 * Two people on every report (issue 14): the household at risk and the reporter. Today's reports
 * keep their household as stored and get the reporting account as reporter (already in
 * reporter_account_id); a report for oneself gets the household's phone as the reporter's. Every
 * lead keeps the head's name its reporter typed. A household found by phone alone ("p:") is now
 * found by head's name and phone ("n:"), so a neighbour's phone no longer makes two households one.
 */
export class Households1764000002000 implements MigrationInterface {
  name = "Households1764000002000";

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn("report", new TableColumn({ name: "reporter_phone_sealed", type: "varchar", length: "255", isNullable: true }));
    await q.query("UPDATE report SET reporter_phone_sealed = phone_sealed WHERE relation = 'self' AND phone_sealed <> ''");
    await q.addColumn("report_lead", new TableColumn({ name: "household_name", type: "varchar", length: "64", default: "''" }));
    await q.addColumn("report_lead", new TableColumn({ name: "reporter_phone_sealed", type: "varchar", length: "255", isNullable: true }));
    await q.query("UPDATE report_lead SET household_name = COALESCE((SELECT r.household_name FROM report r WHERE r.id = report_lead.report_id), '')");
    const byPhone: Array<{ id: string; head_name: string; phone_hash: string }> = await q.query(
      "SELECT id, head_name, phone_hash FROM household WHERE match_key LIKE 'p:%' AND phone_hash IS NOT NULL",
    );
    for (const h of byPhone) {
      await q.query("UPDATE household SET match_key = ? WHERE id = ?", [`n:${namePhoneKey(h.phone_hash, h.head_name)}`, h.id]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const byNamePhone: Array<{ id: string; village_code: string; phone_hash: string }> = await q.query(
      "SELECT id, village_code, phone_hash FROM household WHERE match_key LIKE 'n:%' ORDER BY created_at, id",
    );
    // two households sharing a phone were one under the old rule: the later one cannot be found by it
    const taken = new Set<string>();
    for (const h of byNamePhone) {
      const key = `${h.village_code}:${h.phone_hash}`;
      await q.query("UPDATE household SET match_key = ? WHERE id = ?", [taken.has(key) ? `u:${h.id}` : `p:${h.phone_hash}`, h.id]);
      taken.add(key);
    }
    await q.dropColumn("report_lead", "reporter_phone_sealed");
    await q.dropColumn("report_lead", "household_name");
    await q.dropColumn("report", "reporter_phone_sealed");
  }
}
