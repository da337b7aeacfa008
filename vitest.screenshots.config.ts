import { defineConfig } from "vitest/config";

/** `npm run screenshots`: renders the main screens to docs/screenshots/ (not part of `npm test`). */
export default defineConfig({
  test: {
    include: ["scripts/screenshots.shot.ts"],
    globalSetup: ["tests/miniprogram/build.global.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
