import { systemClock } from "../clock.js";
import { getConfig } from "../config.js";
import { openDatabase } from "../db/data-source.js";
import { purgeDemoAccounts } from "../seed/demo-purge.js";

/** `npm run demo:purge`: takes the demo accounts out of a database before it serves production. */
async function main() {
  const config = getConfig();
  const db = await openDatabase(config.DATABASE_URL);
  const purged = await purgeDemoAccounts(db, systemClock);
  console.log(`demo accounts taken out of use: ${purged}`);
  await db.destroy();
}

void main();
