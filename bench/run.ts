import { benchLedger } from "./ledger.js";
import { printPolicyAnswerBench } from "./policy-answers.js";
import { benchReports } from "./reports.js";

/** `npm run bench`: each benchmark prints its ratios against a baseline measured in the same run. */
const only = process.argv[2];
const benches: Array<[string, () => Promise<void>]> = [
  ["reports", benchReports],
  ["ledger", benchLedger],
  ["policy-answers", printPolicyAnswerBench],
];

for (const [name, run] of benches) {
  if (only && only !== name) continue;
  console.log(`\n== ${name} ==`);
  await run();
}
