import { In, type EntityManager } from "typeorm";
import { countyOf } from "../domain/area-code.js";
import { DEFAULT_NOTICE_TIME } from "../domain/notice-hours.js";
import { AccountEntity } from "../db/entities/account.js";
import { CountySettingEntity } from "../db/entities/county-setting.js";
import { HouseholdEntity } from "../db/entities/household.js";

/** Someone a notification goes to. */
export interface NoticeRecipient {
  recipientType: "account" | "village_group";
  recipientId: string;
}

/**
 * The notice hour ("HH:MM") of each recipient's county: a village group's village, a staff
 * member's area, a farmer's household's village; the default for accounts of no county (admins).
 * `knownAreas` (by recipientKey): accounts whose area the caller has read already.
 */
export async function noticeTimesOf(
  tx: EntityManager,
  recipients: readonly NoticeRecipient[],
  knownAreas: ReadonlyMap<string, string> = new Map(),
): Promise<Map<string, string>> {
  const countyOfRecipient = new Map<string, string | null>();
  for (const [key, area] of knownAreas) countyOfRecipient.set(key, countyOf(area));
  const accountIds = [...new Set(recipients.filter((r) => r.recipientType === "account" && !knownAreas.has(recipientKey(r))).map((r) => r.recipientId))];
  for (const r of recipients) if (r.recipientType === "village_group") countyOfRecipient.set(recipientKey(r), countyOf(r.recipientId));
  if (accountIds.length) {
    const accounts = await tx.getRepository(AccountEntity).find({ select: { id: true, areaCode: true, householdId: true }, where: { id: In(accountIds) } });
    const householdIds = accounts.filter((a) => !a.areaCode && a.householdId).map((a) => a.householdId!);
    const households = householdIds.length
      ? await tx.getRepository(HouseholdEntity).find({ select: { id: true, villageCode: true }, where: { id: In(householdIds) } })
      : [];
    const villageOf = new Map(households.map((h) => [h.id, h.villageCode]));
    for (const a of accounts) {
      const area = a.areaCode ?? (a.householdId ? villageOf.get(a.householdId) : undefined);
      countyOfRecipient.set(`account:${a.id}`, area ? countyOf(area) : null);
    }
  }
  const counties = [...new Set([...countyOfRecipient.values()].filter((c): c is string => c !== null))];
  const settings = counties.length ? await tx.getRepository(CountySettingEntity).find({ where: { countyCode: In(counties) } }) : [];
  const timeOfCounty = new Map(settings.map((s) => [s.countyCode, s.noticeTime]));
  return new Map(
    recipients.map((r) => {
      const county = countyOfRecipient.get(recipientKey(r));
      return [recipientKey(r), (county && timeOfCounty.get(county)) || DEFAULT_NOTICE_TIME];
    }),
  );
}

export const recipientKey = (r: NoticeRecipient): string => `${r.recipientType}:${r.recipientId}`;

/** Sets a county's notice hour (creating its settings row with the statutory rule if it has none). */
export async function setNoticeTime(tx: EntityManager, countyCode: string, noticeTime: string): Promise<void> {
  const repo = tx.getRepository(CountySettingEntity);
  const existing = await repo.findOneBy({ countyCode });
  await repo.save({ countyCode, deadlineRule: existing?.deadlineRule ?? "statutory", noticeTime });
}
