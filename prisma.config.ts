import { mkdirSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma 6 with the JS engine and driver adapters works offline (see docs/architecture.md#toolchain-notes).
// Migrations are created with `npm run db:migration -- <name>` and applied by the bot
// itself at start-up (src/storage/prisma/migrate.ts).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () => {
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    const url = process.env.DATABASE_URL ?? "file:./data/oversight.db";
    // Every CLI command opens this database (even `migrate diff`): make sure its folder exists.
    const file = url.replace(/^file:/, "");
    if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const factory = new PrismaBetterSQLite3({ url });
    return {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: () => factory.connect(),
      // The shadow database replays whole migration files through executeRaw without
      // arguments; better-sqlite3 runs one statement per prepared call, so send those
      // to executeScript, which runs every statement in the file.
      connectToShadowDb: async () => {
        const shadow = await factory.connectToShadowDb();
        const executeRaw = shadow.executeRaw.bind(shadow);
        shadow.executeRaw = async (query) => {
          if (query.args.length > 0) return executeRaw(query);
          await shadow.executeScript(query.sql);
          return 0;
        };
        return shadow;
      },
    };
  },
});
