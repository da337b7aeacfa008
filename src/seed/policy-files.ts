import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parsePolicySheet, PolicySheetFormatError, type PolicySheetContent } from "../domain/policy/policy-sheet.js";

/** Where the sheet files live in the repository. */
export const POLICY_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../content/policies");

/** Reads and checks every content/policies/*.md; a broken file stops the start, naming the file. */
export function loadPolicyFiles(dir: string = POLICY_DIR): PolicySheetContent[] {
  const sheets: PolicySheetContent[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .sort()) {
    try {
      const sheet = parsePolicySheet(readFileSync(path.join(dir, file), "utf8"));
      if (`${sheet.id}.md` !== file) throw new PolicySheetFormatError([`文件名应为 ${sheet.id}.md`]);
      sheets.push(sheet);
    } catch (err) {
      if (err instanceof PolicySheetFormatError) throw new Error(`content/policies/${file}: ${err.message}`);
      throw err;
    }
  }
  return sheets;
}
