import "server-only";
import path from "node:path";
import { mkdirSync } from "node:fs";
import type { SQL } from "drizzle-orm";
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from "drizzle-orm/pg-core";
import { lockDataDir } from "./data-dir-lock";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type Database = {
  db: Db;
  kind: "pglite" | "postgres";
  migrate(): Promise<void>;
  close(): Promise<void>;
};

const MIGRATIONS = path.join(process.cwd(), "drizzle");

/**
 * Postgres when DATABASE_URL is set, otherwise PGlite under DATA_DIR (or in memory for `dataDir: null`).
 * Same schema and SQL on both: only the driver differs.
 */
export async function openDatabase(opts: { databaseUrl?: string; dataDir: string | null; poolSize?: number }): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 20);
  return openPglite(opts.dataDir);
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const { Pool } = (await import("pg")).default;
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  const pool = new Pool({ connectionString: url, max });
  // An idle client that loses its connection must not take the process down.
  pool.on("error", () => {});
  const db = drizzle(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: "postgres",
    async migrate() {
      // Several processes may start at once against one database: migrate under a session lock.
      const client = await pool.connect();
      try {
        await client.query("SELECT pg_advisory_lock(727274)");
        await migrate(drizzle(client, { schema }), { migrationsFolder: MIGRATIONS });
      } finally {
        await client.query("SELECT pg_advisory_unlock(727274)").catch(() => {});
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string | null): Promise<Database> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  let client;
  let unlock = () => {};
  if (dataDir === null) {
    client = new PGlite();
  } else {
    // Before PGlite touches the files: a second process must be refused, not corrupt them.
    unlock = lockDataDir(dataDir);
    const dir = path.resolve(dataDir, "pgdata");
    try {
      mkdirSync(dir, { recursive: true });
      client = new PGlite(dir);
      await client.waitReady;
    } catch (err) {
      unlock();
      throw err;
    }
  }
  await client.waitReady;
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    migrate: () => migrate(drizzle(client, { schema }), { migrationsFolder: MIGRATIONS }),
    close: () => client.close().finally(unlock),
  };
}

/** Rows of a raw statement, the same on both drivers. */
export async function rows<T>(db: Db, statement: SQL): Promise<T[]> {
  const result = (await db.execute(statement)) as unknown as { rows: T[] };
  return result.rows;
}

const dialect = new PgDialect();

/**
 * Rows of a statement the hot path runs over and over with the same text. On Postgres it is
 * prepared once per connection under `name`, so it is planned once instead of on every call (for
 * the dispatcher's batch statements planning cost as much as running them); PGlite runs it as is.
 * The text must not vary between calls made under one name.
 */
export async function rowsPrepared<T>(db: Db, name: string, statement: SQL): Promise<T[]> {
  const result = (await db._.session.prepareQuery(dialect.sqlToQuery(statement), undefined, name, false).execute()) as unknown as {
    rows: T[];
  };
  return result.rows;
}
