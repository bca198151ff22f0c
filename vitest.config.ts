import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Generous: process tests spawn the CLI or the bot several times, and CI may be a loaded 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
