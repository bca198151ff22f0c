import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The end-to-end tests (`npm run test:e2e`): real processes and a browser, so long
// timeouts, one file at a time. Their files end in .e2e.ts, which `npm test` never picks up.
export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    include: ["tests/e2e/**/*.e2e.ts"],
    testTimeout: 240_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
