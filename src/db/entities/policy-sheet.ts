import { EntitySchema } from "typeorm";

/** Whether a stored version is the one households read, or an older one kept for the record. */
export type PolicySheetStatus = "current" | "superseded";

/** One version of a policy sheet (明白纸); every version ever published is kept. */
export interface PolicySheetRow {
  id: string;
  version: number;
  title: string;
  /** JSON array of audience codes. */
  audience: string;
  region: string;
  source: string;
  year: number;
  /** JSON array of search keywords. */
  keywords: string;
  body: string;
  /** JSON array of {question, answer, source}. */
  faq: string;
  status: PolicySheetStatus;
  publishedAt: Date;
  /** The account that published it; null for versions loaded from content/policies. */
  publishedBy: string | null;
}

export const PolicySheetEntity = new EntitySchema<PolicySheetRow>({
  name: "PolicySheet",
  tableName: "policy_sheet",
  columns: {
    id: { type: "varchar", length: 64, primary: true },
    version: { type: "int", primary: true },
    title: { type: "varchar", length: 200 },
    audience: { type: "text" },
    region: { type: "varchar", length: 6 },
    source: { type: "text" },
    year: { type: "int" },
    keywords: { type: "text" },
    body: { type: "text" },
    faq: { type: "text" },
    status: { type: "varchar", length: 16 },
    publishedAt: { name: "published_at", type: "datetime", precision: 3 },
    publishedBy: { name: "published_by", type: "varchar", length: 36, nullable: true },
  },
});
