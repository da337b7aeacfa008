import { Table, type MigrationInterface, type QueryRunner } from "typeorm";

const datetime = (name: string, nullable = false) => ({ name, type: "datetime", precision: 3, isNullable: nullable });
const varchar = (name: string, length: number, nullable = false) => ({ name, type: "varchar", length: String(length), isNullable: nullable });

/** Reports, their timeline and leads, idempotency records, the notification outbox, county settings. */
export class Reports1764000000100 implements MigrationInterface {
  name = "Reports1764000000100";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "report",
        columns: [
          { ...varchar("id", 36), isPrimary: true },
          { ...varchar("number", 16), isUnique: true },
          varchar("village_code", 12),
          varchar("household_id", 36),
          varchar("household_name", 64),
          varchar("phone_sealed", 255),
          varchar("id_number_sealed", 255, true),
          varchar("risk_types", 255),
          { name: "description", type: "text" },
          varchar("relation", 16),
          varchar("channel", 16),
          varchar("reporter_account_id", 36, true),
          { name: "consent_given", type: "boolean" },
          varchar("consent_text_version", 32),
          varchar("status", 16),
          { ...varchar("open_key", 64, true), isUnique: true },
          datetime("received_at"),
          datetime("due_at"),
          datetime("accepted_at", true),
          datetime("visited_at", true),
          datetime("opinion_at", true),
          varchar("opinion_kind", 32, true),
          { name: "opinion_reason", type: "text", isNullable: true },
          varchar("opinion_policy_ref", 255, true),
          datetime("overdue_at", true),
          datetime("closed_at", true),
          varchar("transferred_to", 32, true),
          datetime("updated_at"),
        ],
        indices: [
          { name: "idx_report_village_due", columnNames: ["village_code", "due_at"] },
          // the queue: open statuses × an area's range of village codes, then a small sort by deadline
          { name: "idx_report_status_village_due", columnNames: ["status", "village_code", "due_at"] },
          { name: "idx_report_sweep", columnNames: ["opinion_at", "overdue_at", "due_at"] },
          { name: "idx_report_household", columnNames: ["household_id"] },
          { name: "idx_report_reporter", columnNames: ["reporter_account_id"] },
          { name: "idx_report_received", columnNames: ["received_at"] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "report_event",
        columns: [
          { name: "id", type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" },
          varchar("report_id", 36),
          datetime("at"),
          varchar("actor_id", 36, true),
          varchar("actor_role", 16, true),
          varchar("action", 32),
          varchar("from_status", 16, true),
          varchar("to_status", 16, true),
          { name: "note", type: "text", isNullable: true },
          { name: "internal", type: "boolean", default: false },
        ],
        indices: [{ name: "idx_report_event_report", columnNames: ["report_id", "id"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "report_lead",
        columns: [
          { name: "id", type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" },
          varchar("report_id", 36),
          datetime("received_at"),
          varchar("channel", 16),
          varchar("relation", 16),
          varchar("reporter_account_id", 36, true),
          varchar("risk_types", 255),
          { name: "description", type: "text" },
        ],
        indices: [{ name: "idx_report_lead_report", columnNames: ["report_id"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "idempotency_record",
        columns: [
          { ...varchar("scope", 64), isPrimary: true },
          { ...varchar("idem_key", 128), isPrimary: true },
          varchar("request_hash", 64),
          varchar("state", 16),
          { name: "response_status", type: "int", isNullable: true },
          { name: "response_body", type: "text", isNullable: true },
          datetime("created_at"),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "notification",
        columns: [
          { name: "id", type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" },
          { ...varchar("dedupe_key", 191), isUnique: true },
          varchar("channel", 24),
          varchar("kind", 48),
          varchar("recipient_type", 16),
          varchar("recipient_id", 64),
          { name: "payload", type: "text" },
          datetime("due_at"),
          varchar("status", 16),
          { name: "attempts", type: "int", default: 0 },
          datetime("next_attempt_at"),
          datetime("lease_until", true),
          datetime("sent_at", true),
          varchar("last_error", 500, true),
          datetime("created_at"),
        ],
        indices: [{ name: "idx_notification_claim", columnNames: ["channel", "status", "next_attempt_at"] }],
      }),
    );
    await q.createTable(
      new Table({
        name: "county_setting",
        columns: [{ ...varchar("county_code", 12), isPrimary: true }, varchar("deadline_rule", 16)],
      }),
    );
    await q.createTable(
      new Table({
        name: "subscription_quota",
        columns: [
          { ...varchar("account_id", 36), isPrimary: true },
          { ...varchar("template_id", 64), isPrimary: true },
          { name: "remaining", type: "int" },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ["subscription_quota", "county_setting", "notification", "idempotency_record", "report_lead", "report_event", "report"])
      await q.dropTable(t);
  }
}
