import { AppError } from "../src/errors.js";
import { askPolicy, getPolicy, listPolicies } from "../src/services/policy-service.js";
import type { Deps } from "../src/services/deps.js";
import type { PolicyPort } from "./ports.js";

/**
 * The policy service (明白纸 and answers, in memory) as the bot uses it. Regions are
 * province codes ("23"); the service reduces them to its sheet regions and adds the
 * national sheets. Without a region (a private chat with someone in no bound group) every
 * sheet may answer and the answer names its province.
 */
export function policyService(deps: Deps): PolicyPort {
  return {
    ask: async (question, region) => askPolicy(deps, question, region ?? undefined),
    listSheets: async (region) => listPolicies(deps, { region: region ?? undefined }).map(({ id, title }) => ({ id, title })),
    getSheet: async (id) => {
      try {
        const sheet = await getPolicy(deps, id);
        return { id: sheet.id, title: sheet.title, text: sheet.body, source: sheet.source };
      } catch (error) {
        if (error instanceof AppError && error.status === 404) return null;
        throw error;
      }
    },
  };
}
