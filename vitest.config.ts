import pg from "pg";
import { defineConfig, type TestProjectInlineConfiguration, type ViteUserConfig } from "vitest/config";

// The Slack and Teams endpoint tests: run again on each database the bot runs on (TEST_STORE,
// read by tests/support/core.ts), beside their default run on in-memory storage.
const ENDPOINT_TESTS = [
  "tests/slack/slack-{capture,duplicates,group,mentions,reminders,socket-mode}.test.ts",
  "tests/botframework/teams-{auth,capture,group,home,reminders}.test.ts",
];

const SERVER = process.env.POSTGRES_TEST_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** Why PostgreSQL cannot be used here, or null when it can (tests/support/postgres.ts asks the same per file). */
async function postgresUnavailable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: SERVER, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    return null;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function onStore(name: string, store: "sqlite" | "postgres"): TestProjectInlineConfiguration {
  return { extends: true, test: { name, include: ENDPOINT_TESTS, env: { TEST_STORE: store } } };
}

export default defineConfig(async (): Promise<ViteUserConfig> => {
  const unavailable = await postgresUnavailable();
  if (unavailable && process.env.CI) {
    throw new Error(`PostgreSQL is unreachable (${unavailable}); CI must run the PostgreSQL tests (.ci/run starts the server).`);
  }
  if (unavailable) process.stderr.write(`PostgreSQL run skipped: no server at 127.0.0.1:5432 (${unavailable})\n`);
  return {
    test: {
      // Generous: process tests spawn the CLI or the bot several times, and CI may be a loaded 2-core machine.
      testTimeout: 120_000,
      hookTimeout: 60_000,
      projects: [
        { extends: true, test: { name: "default", include: ["tests/**/*.test.ts"] } },
        onStore("sqlite", "sqlite"),
        ...(unavailable ? [] : [onStore("postgresql", "postgres")]),
      ],
    },
  };
});
