import { benchAlertImport } from "./alert-import.js";
import { benchIdentificationSweep } from "./identification.js";
import { benchLedger } from "./ledger.js";
import { printPolicyAnswerBench } from "./policy-answers.js";
import { benchReports } from "./reports.js";

/**
 * `npm run bench [name]`: each benchmark prints its figures as `bench <name>: <value> (goal <op> <value>)`
 * lines, each a ratio or rate against a baseline measured in the same run.
 */
const only = process.argv[2];
const benches: Array<[string, () => Promise<void>]> = [
  ["reports", benchReports],
  ["alerts", benchAlertImport],
  ["ledger", benchLedger],
  ["policy-answers", printPolicyAnswerBench],
  ["identification", benchIdentificationSweep],
];

try {
  for (const [name, run] of benches) {
    if (only && only !== name) continue;
    console.log(`\n== ${name} ==`);
    await run();
  }
} catch (err) {
  console.error(err);
  process.exit(1);
}
// the figures are reported, not enforced; a pool or timer left behind must not keep the run open
process.exit(0);
