/**
 * Shapes the mini-program keeps on the phone. What the server answers and accepts is generated
 * from its contracts: api-types.generated.ts (`npm run generate:client`).
 */
import type { RiskTypeCode } from "./api-types.generated";

export interface HouseholdDetails {
  name: string;
  phone: string;
  idNumber: string;
  villageCode: string;
  villageName: string;
}

/** Someone else's household the person reports for: never saved as their own details. */
export interface OtherHousehold {
  name: string;
  /** The household's own phone, when it has one. */
  phone: string;
  relation: "" | "family" | "neighbour";
  villageCode: string;
  villageName: string;
}

/** An unfinished report, kept in storage so it survives closing the app. */
export interface Draft {
  riskTypes: RiskTypeCode[];
  description: string;
  household: HouseholdDetails | null;
  /** 给自己家报 (absent in drafts kept before the question was asked) or 帮别人报. */
  whom?: "self" | "other";
  other?: OtherHousehold | null;
  /** The reporter's own phone when reporting for someone else. */
  reporterPhone?: string;
  /** Made once per draft; a retry after a lost answer sends the same key. */
  idempotencyKey: string;
}
