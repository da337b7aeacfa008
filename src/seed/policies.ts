import type { DataSource } from "typeorm";
import type { Clock } from "../clock.js";
import { inTransaction } from "../db/transaction.js";
import type { PolicySheetContent } from "../domain/policy/policy-sheet.js";
import { recordAudit } from "../repositories/audit.js";
import { insertPolicyVersion, latestPolicyVersion } from "../repositories/policy-sheets.js";
import { loadPolicyFiles } from "./policy-files.js";

/**
 * Loads content/policies into the database: a file's sheet is stored when its version
 * is newer than every stored version of that id. A version published through the API
 * is never overwritten by an older or equal file version. Returns the ids stored.
 */
export async function seedPolicies(db: DataSource, clock: Clock, sheets: PolicySheetContent[] = loadPolicyFiles()): Promise<string[]> {
  const stored: string[] = [];
  for (const sheet of sheets) {
    const done = await inTransaction(db, async (tx) => {
      if ((await latestPolicyVersion(tx, sheet.id)) >= sheet.version) return false;
      const at = clock.now();
      await insertPolicyVersion(tx, sheet, at, null);
      await recordAudit(tx, {
        at,
        actorId: null,
        action: "policy.loaded_from_file",
        subjectType: "policy_sheet",
        subjectId: sheet.id,
        detail: { version: sheet.version },
      });
      return true;
    });
    if (done) stored.push(sheet.id);
  }
  return stored;
}
