import { EntitySchema } from "typeorm";

export type CampaignStatus = "active" | "cancelled";

/** A centralised screening (集中排查) the county runs over a span of days in some of its area. */
export interface ScreeningCampaign {
  id: number;
  countyCode: string;
  name: string;
  /** JSON list of 12-digit codes: the county itself, or some of its townships. */
  areaCodes: string;
  firstDay: string;
  lastDay: string;
  status: CampaignStatus;
  /** Set on seeded campaigns only ("231226000000:2027-H1"); unique, so concurrent seeding makes one. */
  seedKey: string | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const ScreeningCampaignEntity = new EntitySchema<ScreeningCampaign>({
  name: "ScreeningCampaign",
  tableName: "screening_campaign",
  columns: {
    id: { type: "integer", primary: true, generated: "increment" },
    countyCode: { name: "county_code", type: "varchar", length: 12 },
    name: { type: "varchar", length: 64 },
    areaCodes: { name: "area_codes", type: "text" },
    firstDay: { name: "first_day", type: "varchar", length: 10 },
    lastDay: { name: "last_day", type: "varchar", length: 10 },
    status: { type: "varchar", length: 16 },
    seedKey: { name: "seed_key", type: "varchar", length: 32, nullable: true, unique: true },
    createdBy: { name: "created_by", type: "varchar", length: 36, nullable: true },
    createdAt: { name: "created_at", type: "datetime", precision: 3 },
    updatedAt: { name: "updated_at", type: "datetime", precision: 3 },
  },
});
