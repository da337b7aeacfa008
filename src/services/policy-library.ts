import type { DataSource } from "typeorm";
import { AnswerEngine, type AskResult } from "../domain/policy/answer-engine.js";
import type { RegionCode } from "../domain/policy/region.js";
import { currentPolicySheets, type PolicySheetRecord } from "../repositories/policy-sheets.js";

/**
 * The current version of every sheet, held in memory with the answer index built from
 * them: questions never scan the database. Rebuilt when a sheet is published (in this
 * process; another process picks it up at its next start).
 */
export class PolicyLibrary {
  private sheets = new Map<string, PolicySheetRecord>();
  private engine = new AnswerEngine([]);

  /** Reads the current sheets from the database and builds the index. */
  static async load(db: DataSource): Promise<PolicyLibrary> {
    const library = new PolicyLibrary();
    library.reset(await currentPolicySheets(db));
    return library;
  }

  /** Replaces everything (start, tests). */
  reset(sheets: PolicySheetRecord[]): void {
    this.sheets = new Map(sheets.map((s) => [s.id, s]));
    this.rebuild();
  }

  /** A sheet was published: it becomes the current version and the index is rebuilt. */
  put(sheet: PolicySheetRecord): void {
    this.sheets.set(sheet.id, sheet);
    this.rebuild();
  }

  private rebuild(): void {
    this.engine = new AnswerEngine([...this.sheets.values()].sort((a, b) => a.id.localeCompare(b.id)));
  }

  list(): PolicySheetRecord[] {
    return [...this.sheets.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  get(id: string): PolicySheetRecord | undefined {
    return this.sheets.get(id);
  }

  ask(question: string, region: RegionCode | null): AskResult {
    return this.engine.ask(question, region);
  }
}
