import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FIELD_VISIBILITY, VIEWERS } from "../../src/domain/report/visibility.js";

const WORD: Record<string, string> = { plain: "full", masked: "masked", hidden: "—" };

/** The table as the README prints it, row by row, from the rule module itself. */
function tableRows(): string[] {
  const fields = Object.keys(FIELD_VISIBILITY) as Array<keyof typeof FIELD_VISIBILITY>;
  const cell = (field: keyof typeof FIELD_VISIBILITY, viewer: string) => WORD[(FIELD_VISIBILITY[field] as Record<string, string>)[viewer]];
  return [`| viewer | ${fields.join(" | ")} |`, ...VIEWERS.map((v) => `| ${v} | ${fields.map((f) => cell(f, v)).join(" | ")} |`)];
}

describe("the README's role × field table", () => {
  // fails if: the README tells a reader one thing about who sees a phone or a name and the code does another
  it("is the one FIELD_VISIBILITY holds, every viewer and every field", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    for (const row of tableRows()) expect(readme).toContain(row);
  });
});
