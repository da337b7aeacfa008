import { Table, TableColumn, type MigrationInterface, type QueryRunner } from "typeorm";

const datetime = (name: string, nullable = false) => new TableColumn({ name, type: "datetime", precision: 3, isNullable: nullable });

/**
 * Security: sessions an account can end (password reset, disabled), one-time passwords that
 * expire and must be replaced, sign-in failures counted per phone in the database, link-code
 * guesses counted per code, and outbox acknowledgements tied to the lease that was claimed.
 */
export class Security1764000000700 implements MigrationInterface {
  name = "Security1764000000700";

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns("account", [
      // a token carries the epoch it was issued under; raising it ends every session
      new TableColumn({ name: "session_epoch", type: "int", default: 0 }),
      new TableColumn({ name: "must_change_password", type: "boolean", default: false }),
      datetime("password_expires_at", true),
    ]);
    await q.addColumn("notification", new TableColumn({ name: "lease_token", type: "varchar", length: "36", isNullable: true }));
    await q.addColumn("bot_link_code", new TableColumn({ name: "failed_guesses", type: "int", default: 0 }));
    await q.createTable(
      new Table({
        name: "sign_in_throttle",
        columns: [
          // keyed hash of the phone number typed (staff or not)
          { name: "phone_hash", type: "varchar", length: "64", isPrimary: true },
          { name: "failures", type: "int", default: 0 },
          datetime("window_start"),
          // how many times this phone has been blocked in a row: each block lasts longer
          { name: "blocks", type: "int", default: 0 },
          datetime("blocked_until", true),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("sign_in_throttle");
    await q.dropColumn("bot_link_code", "failed_guesses");
    await q.dropColumn("notification", "lease_token");
    for (const c of ["password_expires_at", "must_change_password", "session_epoch"]) await q.dropColumn("account", c);
  }
}
