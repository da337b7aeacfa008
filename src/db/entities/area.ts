import { EntitySchema } from "typeorm";
import type { AreaLevel } from "../../domain/area-code.js";

export interface Area {
  code: string;
  name: string;
  level: AreaLevel;
  parentCode: string | null;
}

export const AreaEntity = new EntitySchema<Area>({
  name: "Area",
  tableName: "area",
  columns: {
    code: { type: "varchar", length: 12, primary: true },
    name: { type: "varchar", length: 64 },
    level: { type: "varchar", length: 16 },
    parentCode: { name: "parent_code", type: "varchar", length: 12, nullable: true },
  },
});
