import { SubscriptionQuotaEntity } from "../db/entities/subscription-quota.js";
import type { EntityManager } from "typeorm";
import type { Actor } from "../domain/access.js";
import { recordAudit } from "../repositories/audit.js";
import type { Deps } from "./deps.js";

/** The farmer tapped "allow" for these subscribe-message templates: one more message each. */
export async function grantSubscriptions(deps: Deps, tx: EntityManager, actor: Actor, templateIds: readonly string[]) {
  const repo = tx.getRepository(SubscriptionQuotaEntity);
  const result: Record<string, number> = {};
  for (const templateId of new Set(templateIds)) {
    const row = await repo.findOneBy({ accountId: actor.accountId, templateId });
    const remaining = (row?.remaining ?? 0) + 1;
    await repo.save({ accountId: actor.accountId, templateId, remaining });
    result[templateId] = remaining;
  }
  await recordAudit(tx, {
    at: deps.clock.now(),
    actorId: actor.accountId,
    action: "subscription.granted",
    subjectType: "account",
    subjectId: actor.accountId,
    detail: { templateIds },
  });
  return { remaining: result };
}

/** What the farmer still holds per template, so the phone asks "allow?" only when it has run out. */
export async function subscriptionQuota(deps: Deps, actor: Actor) {
  const rows = await deps.db.getRepository(SubscriptionQuotaEntity).findBy({ accountId: actor.accountId });
  return { remaining: Object.fromEntries(rows.map((r) => [r.templateId, r.remaining])) };
}
