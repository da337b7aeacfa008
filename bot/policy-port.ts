import { AppError } from "../src/errors.js";
import { answerQuestion, getPolicy, listPolicies } from "../src/services/policy-service.js";
import type { Deps } from "../src/services/deps.js";
import type { PolicyPort } from "./ports.js";

/**
 * The policy service (明白纸 and answers, in memory) as the bot uses it. Questions go through
 * the same pipeline as the mini-program's and the API's (`answerQuestion`). Without a region
 * (a private chat with someone in no bound group, naming no county) the asker is asked to
 * choose one; no province's figure is given.
 */
export function policyService(deps: Deps): PolicyPort {
  return {
    ask: (question, region) => answerQuestion(deps, question, region),
    listSheets: async (region) => listPolicies(deps, { region: region ?? undefined }).map(({ id, title }) => ({ id, title })),
    getSheet: async (id) => {
      try {
        const sheet = await getPolicy(deps, id);
        return { id: sheet.id, title: sheet.title, text: sheet.body, source: sheet.source };
      } catch (error) {
        if (error instanceof AppError && error.code === "policy_not_found") return null;
        throw error;
      }
    },
  };
}
