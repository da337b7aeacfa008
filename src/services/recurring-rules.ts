import { RecurringRuleEntity, type RecurringRule } from "../db/entities/recurring-rule.js";
import type { EntityManager } from "typeorm";
import { isUniqueViolation } from "../db/unique-violation.js";
import { canSeeArea, type Actor } from "../domain/access.js";
import type { Audience } from "../domain/rhythm/audiences.js";
import type { ScheduleSpec } from "../domain/rhythm/schedule.js";
import { scheduleProblem } from "../domain/rhythm/schedule-check.js";
import { badRequest, conflict, notFound } from "../errors.js";
import type { RuleCreateInput, RuleUpdateInput } from "../contracts/rules.js";
import { recordAudit } from "../repositories/audit.js";
import { findRule, rulesOfCounty } from "../repositories/rhythm.js";
import type { Deps } from "./deps.js";
import { countyOfActor } from "./rhythm-scope.js";

export interface RuleView {
  id: number;
  countyCode: string;
  code: string;
  title: string;
  schedule: ScheduleSpec;
  audiences: Audience[];
  template: string;
  holidayShift: boolean;
  enabled: boolean;
}

const view = (r: RecurringRule): RuleView => ({
  id: r.id,
  countyCode: r.countyCode,
  code: r.code,
  title: r.title,
  schedule: JSON.parse(r.schedule) as ScheduleSpec,
  audiences: JSON.parse(r.audiences) as Audience[],
  template: r.template,
  holidayShift: r.holidayShift,
  enabled: r.enabled,
});

function checkSchedule(spec: ScheduleSpec | undefined): void {
  const problem = spec && scheduleProblem(spec);
  if (problem) throw badRequest("schedule_invalid", problem);
}

async function loadInScope(deps: Deps, actor: Actor, id: number): Promise<RecurringRule> {
  const r = await findRule(deps.db, id);
  if (!r || !canSeeArea(actor, r.countyCode)) throw notFound("rule_not_found", "没有找到这条提醒规则");
  return r;
}

export async function listRules(deps: Deps, actor: Actor, countyCode?: string): Promise<{ items: RuleView[] }> {
  return { items: (await rulesOfCounty(deps.db, countyOfActor(actor, countyCode))).map(view) };
}

/** A county adds a recurring reminder of its own. */
export async function createRule(deps: Deps, tx: EntityManager, actor: Actor, input: RuleCreateInput): Promise<RuleView> {
  const county = countyOfActor(actor, input.countyCode);
  checkSchedule(input.schedule);
  const now = deps.clock.now();
  const row: Omit<RecurringRule, "id"> = {
    countyCode: county,
    code: input.code,
    title: input.title,
    schedule: JSON.stringify(input.schedule),
    audiences: JSON.stringify(input.audiences),
    template: input.template,
    holidayShift: input.holidayShift,
    enabled: input.enabled,
    activeFrom: now,
    createdAt: now,
    updatedAt: now,
  };
  let id: number;
  try {
    const result = await tx.getRepository(RecurringRuleEntity).insert(row);
    id = Number(result.identifiers[0].id);
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict("rule_code_taken", `本县已有代号为 ${input.code} 的提醒规则`);
    throw err;
  }
  await recordAudit(tx, {
    at: now,
    actorId: actor.accountId,
    action: "rule.create",
    subjectType: "recurring_rule",
    subjectId: String(id),
    detail: { code: input.code },
  });
  return view({ ...row, id });
}

/**
 * Changes a rule, or switches it on or off. A changed schedule, or a rule switched back
 * on, owes nothing from before the change: those days were never planned.
 */
export async function updateRule(deps: Deps, tx: EntityManager, actor: Actor, id: number, input: RuleUpdateInput): Promise<RuleView> {
  const r = await loadInScope(deps, actor, id);
  checkSchedule(input.schedule);
  const now = deps.clock.now();
  const restarts = (input.enabled === true && !r.enabled) || input.schedule !== undefined;
  const patch: Partial<RecurringRule> = {
    ...(input.title !== undefined && { title: input.title }),
    ...(input.schedule !== undefined && { schedule: JSON.stringify(input.schedule) }),
    ...(input.audiences !== undefined && { audiences: JSON.stringify(input.audiences) }),
    ...(input.template !== undefined && { template: input.template }),
    ...(input.holidayShift !== undefined && { holidayShift: input.holidayShift }),
    ...(input.enabled !== undefined && { enabled: input.enabled }),
    ...(restarts && { activeFrom: now }),
    updatedAt: now,
  };
  await tx.getRepository(RecurringRuleEntity).update({ id }, patch);
  await recordAudit(tx, {
    at: now,
    actorId: actor.accountId,
    action: input.enabled === false ? "rule.switch_off" : "rule.update",
    subjectType: "recurring_rule",
    subjectId: String(id),
    detail: { fields: Object.keys(input) },
  });
  return view({ ...r, ...patch });
}
