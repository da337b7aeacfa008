import type { DataSource, EntityManager } from "typeorm";
import { AccountEntity } from "../db/entities/account.js";
import { AreaEntity } from "../db/entities/area.js";
import { HouseholdEntity } from "../db/entities/household.js";
import { ReportEntity } from "../db/entities/report.js";
import { SubscriptionQuotaEntity } from "../db/entities/subscription-quota.js";
import { areaPrefix } from "../domain/area-code.js";
import type { Audience } from "../domain/rhythm/audiences.js";
import type { Role } from "../domain/roles.js";

type Db = DataSource | EntityManager;

/** Who an audience reaches in some areas: village codes for groups, account ids (with their area) otherwise. */
export interface Recipient {
  type: "village_group" | "account";
  id: string;
  areaCode: string | null;
}

const STAFF_ROLE: Partial<Record<Audience, Role>> = { cadres: "village_cadre", grid_workers: "grid_worker", township: "township", county: "county" };

function likeAny(alias: string, column: string, areaCodes: string[]): { sql: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const parts = areaCodes.map((code, i) => {
    params[`p${i}`] = `${areaPrefix(code)}%`;
    return `${alias}.${column} LIKE :p${i}`;
  });
  return { sql: `(${parts.join(" OR ")})`, params };
}

/** The recipients of an audience within the given areas (a county, or some townships). */
export async function recipientsOf(db: Db, audience: Audience, areaCodes: string[], opts: { screeningTemplateId: string }): Promise<Recipient[]> {
  if (areaCodes.length === 0) return [];
  if (audience === "village_groups") {
    const where = likeAny("a", "code", areaCodes);
    const rows = await db
      .getRepository(AreaEntity)
      .createQueryBuilder("a")
      .where("a.level = 'village'")
      .andWhere(where.sql, where.params)
      .orderBy("a.code")
      .getMany();
    return rows.map((a) => ({ type: "village_group", id: a.code, areaCode: a.code }));
  }
  if (audience === "farmers") {
    const where = likeAny("h", "villageCode", areaCodes);
    const rows = await db
      .getRepository(AccountEntity)
      .createQueryBuilder("acc")
      .innerJoin(HouseholdEntity.options.name, "h", "h.id = acc.householdId")
      .innerJoin(SubscriptionQuotaEntity.options.name, "q", "q.accountId = acc.id AND q.templateId = :t AND q.remaining > 0", { t: opts.screeningTemplateId })
      .where("acc.role = 'farmer' AND acc.disabled = :off", { off: false })
      .andWhere(where.sql, where.params)
      .orderBy("acc.id")
      .getMany();
    return rows.map((a) => ({ type: "account", id: a.id, areaCode: null }));
  }
  const role = STAFF_ROLE[audience]!;
  const where = likeAny("acc", "areaCode", areaCodes);
  const rows = await db
    .getRepository(AccountEntity)
    .createQueryBuilder("acc")
    .where("acc.role = :role AND acc.disabled = :off", { role, off: false })
    .andWhere(where.sql, where.params)
    .orderBy("acc.id")
    .getMany();
  return rows.map((a) => ({ type: "account", id: a.id, areaCode: a.areaCode }));
}

/** Reports received in some areas over a span, and how many of them have their handling opinion. */
export async function reportCounts(db: Db, areaCodes: string[], from: Date, to: Date): Promise<{ reports: number; answered: number }> {
  if (areaCodes.length === 0) return { reports: 0, answered: 0 };
  const where = likeAny("r", "villageCode", areaCodes);
  const base = () =>
    db
      .getRepository(ReportEntity)
      .createQueryBuilder("r")
      .where("r.receivedAt >= :from AND r.receivedAt < :to", { from, to })
      .andWhere(where.sql, where.params);
  const [reports, answered] = await Promise.all([base().getCount(), base().andWhere("r.opinionAt IS NOT NULL").getCount()]);
  return { reports, answered };
}
