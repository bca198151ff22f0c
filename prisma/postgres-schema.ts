// `npm run db:schemas`: writes prisma/schema.postgres.prisma from prisma/schema.prisma.
// A Prisma schema names one provider, and a client generated for one refuses the other's
// driver adapter, so PostgreSQL has a schema of its own with the same models, generated here
// (tests/storage/postgres-schema.test.ts fails when the two drift). Edit schema.prisma only.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const SQLITE_SCHEMA = path.join(root, "prisma", "schema.prisma");
export const POSTGRES_SCHEMA = path.join(root, "prisma", "schema.postgres.prisma");

/** The PostgreSQL schema for a SQLite one: the same models, another provider and client folder. */
export function postgresSchema(sqlite: string): string {
  const replace = (text: string, from: RegExp, to: string) => {
    if (!from.test(text)) throw new Error(`prisma/schema.prisma no longer has ${from}: update prisma/postgres-schema.ts`);
    return text.replace(from, to);
  };
  let schema = replace(sqlite, /provider = "sqlite"/, `provider = "postgresql"`);
  schema = replace(schema, /output(\s+)= "\.\.\/src\/storage\/prisma\/generated"/, `output$1= "../src/storage/prisma/generated-postgres"`);
  schema = replace(schema, /url(\s+)= "file:\.\/dev\.db"/, `url$1= "postgresql://localhost/unused"`);
  return `// GENERATED from prisma/schema.prisma by \`npm run db:schemas\`: edit that file, not this one.\n${schema}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(POSTGRES_SCHEMA, postgresSchema(readFileSync(SQLITE_SCHEMA, "utf8")));
  console.log(`wrote ${path.relative(process.cwd(), POSTGRES_SCHEMA)}`);
}
