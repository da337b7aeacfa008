import type { Deps } from "../src/services/deps.js";
import type { PolicyPort } from "./ports.js";

const NOT_YET = "政策问答还在准备中，请先问问村委会，或拨打全国防返贫监测帮扶热线12317。";

/**
 * The policy answers on the shared dependencies. The policy service (明白纸 and answers)
 * is being built on its own branch; until it is merged the bot says so honestly.
 */
export function policyService(_deps: Deps): PolicyPort {
  return {
    ask: async () => ({ answers: [{ sheet: null, title: "请问村委会", text: NOT_YET, source: null, score: 0 }], confident: false }),
    listSheets: async () => [],
    getSheet: async () => null,
  };
}
