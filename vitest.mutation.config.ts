import { defineConfig } from "vitest/config";

/**
 * The pure tests of the rules in src/domain/, for Stryker (`npm run test:mutation`): no database,
 * no server, no global setup, so each mutant is judged in milliseconds.
 */
export default defineConfig({
  test: {
    include: ["tests/domain/**/*.test.ts", "tests/reports/deadline.test.ts", "tests/reports/lifecycle.test.ts", "tests/rhythm/schedule.test.ts"],
    pool: "threads",
  },
});
