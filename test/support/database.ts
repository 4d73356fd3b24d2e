import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { openDatabase, type Database, type Db } from "@/lib/db/client";
import * as schema from "@/lib/db/schema";

/**
 * Where test/support/global-setup.ts left this run's migrated template: a PGlite data directory
 * dumped to a file, or a database on the DATABASE_URL server. Unset (a bench, a single file run
 * without the setup) means every database is migrated from scratch.
 */
export const PGLITE_TEMPLATE_ENV = "PORTHOLE_TEST_PGLITE_TEMPLATE";
export const POSTGRES_TEMPLATE_ENV = "PORTHOLE_TEST_POSTGRES_TEMPLATE";

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database on
 * the Postgres server named by DATABASE_URL (dropped again on close), so test files can run in parallel.
 * Both are copies of the run's template when there is one: booting PGlite and migrating it took
 * 10–20 s per file on a busy machine, loading the migrated data directory takes one or two.
 */
export async function testDatabase(opts: { poolSize?: number } = {}): Promise<Database & { url: string | undefined }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const template = process.env[PGLITE_TEMPLATE_ENV];
    const database = template ? await pgliteFrom(template) : await openDatabase({ dataDir: null });
    await database.migrate();
    return { ...database, url: undefined };
  }
  const name = `porthole_test_${randomBytes(6).toString("hex")}`;
  const template = process.env[POSTGRES_TEMPLATE_ENV];
  await admin(serverUrl, template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  const url = withDatabase(serverUrl, name);
  const database = await openDatabase({ databaseUrl: url, dataDir: null, poolSize: opts.poolSize });
  // A no-op on a copy of the template (every migration is recorded there), the real thing without one.
  await database.migrate();
  return {
    ...database,
    url,
    async close() {
      await database.close();
      await admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** In-memory PGlite started from a dumped data directory (`dumpDataDir()`), wired as openDatabase wires it. */
async function pgliteFrom(file: string): Promise<Database> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const client = await PGlite.create({ loadDataDir: new Blob([readFileSync(file)], { type: "application/x-gzip" }) });
  return {
    db: drizzle(client, { schema }) as unknown as Db,
    kind: "pglite",
    migrate: () => migrate(drizzle(client, { schema }), { migrationsFolder: "drizzle" }),
    close: () => client.close(),
  };
}

export async function admin(serverUrl: string, statement: string): Promise<void> {
  const { Client } = (await import("pg")).default;
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export function withDatabase(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}
