import { getConfig } from "../config.js";
import { createDataSource } from "../db/data-source.js";

/** `npm run migrate` applies pending migrations; `npm run migrate -- down` reverts the last one. */
const db = createDataSource(getConfig().DATABASE_URL);
await db.initialize();
if (process.argv[2] === "down") {
  await db.undoLastMigration({ transaction: "each" });
  console.log("reverted the last migration");
} else {
  const applied = await db.runMigrations({ transaction: "each" });
  console.log(applied.length ? `applied: ${applied.map((m) => m.name).join(", ")}` : "database is up to date");
}
await db.destroy();
