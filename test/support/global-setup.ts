import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "@/lib/db/client";
import { PGLITE_TEMPLATE_ENV, POSTGRES_TEMPLATE_ENV, admin, withDatabase } from "./database";

/**
 * Vitest's global setup: migrates one database per run, which every test file's testDatabase()
 * then copies instead of booting and migrating its own. The location is passed in the environment,
 * which the test processes inherit. Returns the teardown.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    // CREATE DATABASE … TEMPLATE copies it; the template must have no open connection by then.
    const name = `porthole_template_${randomBytes(6).toString("hex")}`;
    await admin(serverUrl, `CREATE DATABASE ${name}`);
    const database = await openDatabase({ databaseUrl: withDatabase(serverUrl, name), dataDir: null, poolSize: 1 });
    await database.migrate();
    await database.close();
    process.env[POSTGRES_TEMPLATE_ENV] = name;
    return async () => {
      await admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    };
  }

  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const client = await PGlite.create();
  await migrate(drizzle(client), { migrationsFolder: "drizzle" });
  const dump = await client.dumpDataDir("gzip");
  await client.close();
  const dir = mkdtempSync(path.join(tmpdir(), "porthole-test-"));
  const file = path.join(dir, "pgdata.tar.gz");
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  process.env[PGLITE_TEMPLATE_ENV] = file;
  return async () => {
    rmSync(dir, { recursive: true, force: true });
  };
}
