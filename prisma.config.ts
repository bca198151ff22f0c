import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma 6 with the JS engine and driver adapters works offline (see ../shared/TOOLCHAIN.md).
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
    return new PrismaBetterSQLite3({ url });
  },
});
