import type { DataSource } from "typeorm";
import type { Clock } from "../clock.js";
import { RecurringRuleEntity } from "../db/entities/recurring-rule.js";
import { ScreeningCampaignEntity } from "../db/entities/screening-campaign.js";
import { isUniqueViolation } from "../db/unique-violation.js";
import { provinceOf } from "../domain/area-code.js";
import { chinaDay } from "../domain/china-time.js";
import type { Audience } from "../domain/rhythm/audiences.js";
import type { ScheduleSpec } from "../domain/rhythm/schedule.js";

interface SeedRule {
  code: string;
  title: string;
  schedule: ScheduleSpec;
  audiences: Audience[];
  template: string;
  holidayShift: boolean;
  enabled: boolean;
}

const ROUTINE_VISIT: SeedRule = {
  // seed 001 一(一)2(1): every month, visit newly disabled, new low-income-allowance applicants and other vulnerable families
  code: "routine_visit",
  title: "每月常态化排查",
  schedule: { kind: "monthly", day: 1 },
  audiences: ["cadres", "grid_workers"],
  template: "{month}常态化排查开始了：请对新致残或有重度残疾人的家庭、新识别或新申请低保的家庭等困难群体各走访一次，发现风险及时录入。",
  holidayShift: true,
  enabled: true,
};

const MIGRANT_RECORDS: SeedRule = {
  // seed 001 (务工监测): by the 2nd of each month, last month's migrant-worker records are entered
  code: "migrant_records",
  title: "务工监测信息录入",
  schedule: { kind: "monthly", day: 1, dueDay: 2 },
  audiences: ["cadres", "township"],
  template: '提醒：请在{due}前把上月务工脱贫人口（含监测对象）的信息录入全国系统"务工监测模块"，逐人核实。',
  // the deadline is the 2nd whatever the weekday; a reminder moved past it would be useless
  holidayShift: false,
  enabled: true,
};

const YULU_PAYMENT: SeedRule = {
  // seed 001 雨露计划 二2: spring term paid by 15 July, autumn term by 15 December
  code: "yulu_payment",
  title: "雨露计划补助发放",
  schedule: {
    kind: "yearly",
    dates: [
      { on: "07-01", due: "07-15" },
      { on: "12-01", due: "12-15" },
    ],
  },
  audiences: ["county", "township"],
  template: '提醒：雨露计划本学期补助须在{due}前通过"一卡通"直补到户，请抓紧完成公示、公告和发放。',
  holidayShift: true,
  enabled: true,
};

const YULU_ENTRY: SeedRule = {
  // seed 001 雨露计划 一5: entered in the national system by 20 December
  code: "yulu_entry",
  title: "雨露计划系统录入",
  schedule: { kind: "yearly", dates: [{ on: "12-10", due: "12-20" }] },
  audiences: ["county"],
  template: '提醒：请在{due}前把本年度获得雨露计划补助的学生信息和补助金额录入全国系统"雨露计划"子项目。',
  holidayShift: true,
  enabled: true,
};

/** Heilongjiang (seeds 000–003). Suiling's own plan (seed 003) adds the department-alert window. */
const HEILONGJIANG: SeedRule[] = [
  ROUTINE_VISIT,
  MIGRANT_RECORDS,
  {
    // seed 000 (三): townships survey the household income of people lifted out of poverty every quarter
    code: "income_survey",
    title: "季度家庭收入调查",
    schedule: { kind: "quarterly", month: 1, day: 1 },
    audiences: ["township", "cadres"],
    template: "{quarter}脱贫人口家庭收入调查开始了：请组织入户了解家庭收入，及时发现减收风险。",
    holidayShift: true,
    enabled: true,
  },
  YULU_PAYMENT,
  YULU_ENTRY,
];

const SUILING_ONLY: SeedRule[] = [
  {
    // seed 003 2.: the departments push alerts between the 5th and the 15th of every month
    code: "department_alert_window",
    title: "部门筛查预警推送期",
    schedule: { kind: "monthly_window", startDay: 5, endDay: 15 },
    audiences: ["county", "township"],
    template: "部门预警推送期（每月5日至15日）：请留意行业部门推送的预警信息，县里比对后及时分给乡镇核实反馈。截止{due}。",
    holidayShift: false,
    enabled: true,
  },
];

/**
 * Hunan 大祥区 (seed 004): information of formerly poor and monitored households is
 * collected and their income updated every quarter. The migrant-record and 雨露计划 dates
 * come from Heilongjiang's guide (seed 001): seeded switched off until the district confirms its own.
 */
const DAXIANG: SeedRule[] = [
  ROUTINE_VISIT,
  {
    code: "info_update",
    title: "季度信息采集更新",
    schedule: { kind: "quarterly", month: 1, day: 1 },
    audiences: ["township", "cadres"],
    template: "{quarter}信息采集开始了：请对脱贫户和监测户的基本情况和收入做一次更新。",
    holidayShift: true,
    enabled: true,
  },
  { ...MIGRANT_RECORDS, enabled: false },
  { ...YULU_PAYMENT, enabled: false },
  { ...YULU_ENTRY, enabled: false },
];

/** The recurring rules a county starts with. */
export function seedRulesFor(countyCode: string): SeedRule[] {
  if (countyCode.startsWith("231226")) return [...HEILONGJIANG, ...SUILING_ONLY];
  if (countyCode.startsWith("430503")) return DAXIANG;
  return provinceOf(countyCode) === "23" ? HEILONGJIANG : [ROUTINE_VISIT];
}

/**
 * The two centralised screenings of the coming year: one in each half (seed 003: 每半年组织
 * 开展1次全县集中排查; seed 001: at least twice a year), in April, after the Spring Festival
 * and before the busy season, and in September, before the year's income is verified (seed 000 (四)).
 */
export function comingScreenings(today: string): Array<{ name: string; firstDay: string; lastDay: string }> {
  const year = Number(today.slice(0, 4));
  const slots = [year, year + 1].flatMap((y) => [
    { name: `${y}年上半年防止返贫集中排查`, firstDay: `${y}-04-01`, lastDay: `${y}-04-30` },
    { name: `${y}年下半年防止返贫集中排查`, firstDay: `${y}-09-01`, lastDay: `${y}-09-30` },
  ]);
  return slots.filter((s) => s.firstDay > today).slice(0, 2);
}

/** "2027-H1": which half of which year a day is in. */
const halfYearOf = (day: string) => `${day.slice(0, 4)}-H${Number(day.slice(5, 7)) <= 6 ? 1 : 2}`;

/** Another instance seeding at the same moment got there first: its row stands. */
async function insertOnce(insert: () => Promise<unknown>): Promise<void> {
  try {
    await insert();
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
}

/** Seeds a county's recurring rules and its coming two screenings; adds only what is missing. */
export async function seedRhythm(db: DataSource, clock: Clock, countyCode6: string): Promise<void> {
  const countyCode = countyCode6.padEnd(12, "0");
  const now = clock.now();
  const rules = db.getRepository(RecurringRuleEntity);
  for (const r of seedRulesFor(countyCode)) {
    if (await rules.findOneBy({ countyCode, code: r.code })) continue;
    await insertOnce(() =>
      rules.insert({
        countyCode,
        code: r.code,
        title: r.title,
        schedule: JSON.stringify(r.schedule),
        audiences: JSON.stringify(r.audiences),
        template: r.template,
        holidayShift: r.holidayShift,
        enabled: r.enabled,
        activeFrom: now,
        createdAt: now,
        updatedAt: now,
      }),
    );
  }
  const campaigns = db.getRepository(ScreeningCampaignEntity);
  const existing = await campaigns.findBy({ countyCode });
  for (const s of comingScreenings(chinaDay(now))) {
    if (existing.some((c) => halfYearOf(c.firstDay) === halfYearOf(s.firstDay))) continue;
    await insertOnce(() =>
      campaigns.insert({
        countyCode,
        name: s.name,
        areaCodes: JSON.stringify([countyCode]),
        firstDay: s.firstDay,
        lastDay: s.lastDay,
        status: "active",
        seedKey: `${countyCode}:${halfYearOf(s.firstDay)}`,
        createdBy: null,
        createdAt: now,
        updatedAt: now,
      }),
    );
  }
}
