import { EntitySchema } from "typeorm";

/** A household (农户) of a village. Phone and ID number are sealed; lookups use the keyed hash. */
export interface Household {
  id: string;
  villageCode: string;
  headName: string;
  phoneSealed: string | null;
  phoneHash: string | null;
  idNumberSealed: string | null;
  idNumberHash: string | null;
  /** Unique within the village (domain/household/identity.ts): "i:<id hash>", else "n:<phone and head's name>", else "u:<uuid>" (never matched). */
  matchKey: string;
  createdAt: Date;
}

export const HouseholdEntity = new EntitySchema<Household>({
  name: "Household",
  tableName: "household",
  columns: {
    id: { type: "varchar", length: 36, primary: true },
    villageCode: { name: "village_code", type: "varchar", length: 12 },
    headName: { name: "head_name", type: "varchar", length: 64 },
    phoneSealed: { name: "phone_sealed", type: "varchar", length: 255, nullable: true },
    phoneHash: { name: "phone_hash", type: "varchar", length: 64, nullable: true },
    idNumberSealed: { name: "id_number_sealed", type: "varchar", length: 255, nullable: true },
    idNumberHash: { name: "id_number_hash", type: "varchar", length: 64, nullable: true },
    matchKey: { name: "match_key", type: "varchar", length: 66 },
    createdAt: { name: "created_at", type: "datetime", precision: 3 },
  },
});
