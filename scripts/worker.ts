/**
 * `npm run worker`: a delivery worker without the HTTP server. Any number of them (and servers with
 * DISPATCHER_INLINE=false) can share one Postgres; tasks are claimed with leases, so a worker that
 * dies has its work picked up by the others once the lease runs out.
 */
import { createDispatcher } from "@/lib/core";
import { demoReceiverUrl } from "@/lib/core/seed";
import { openDatabase } from "@/lib/db/client";
import { EnvError, parseEnv, type Env } from "@/lib/env";

const PGLITE_FLAG = "--pglite";

const PGLITE_REFUSAL = `The worker needs Postgres: set DATABASE_URL.
Without it Porthole keeps its data in PGlite under DATA_DIR, which only one process can open at a
time, so a worker cannot run next to the server; the server delivers webhooks itself there
(DISPATCHER_INLINE, on by default). To drain DATA_DIR's queue while no server is running, pass ${PGLITE_FLAG}.`;

async function main(): Promise<number> {
  let env: Env;
  try {
    env = parseEnv();
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
  if (!env.databaseUrl && !process.argv.includes(PGLITE_FLAG)) {
    console.error(PGLITE_REFUSAL);
    return 1;
  }

  const database = await openDatabase({ databaseUrl: env.databaseUrl, dataDir: env.dataDir });
  await database.migrate();
  const dispatcher = createDispatcher({
    database,
    allowlist: env.endpointAllowlist,
    exemptUrls: [demoReceiverUrl(env.portalUrl)],
    retryScheduleMs: env.retryScheduleMs,
    headerStyle: env.webhookHeaders,
    concurrency: env.workerConcurrency,
    leaseMs: env.dispatcherLeaseMs,
    bulkShare: env.dispatcherBulkShare,
  });
  dispatcher.start();
  console.log(`Porthole worker started (database: ${database.kind}, concurrency ${env.workerConcurrency})`);

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  console.log(`Porthole worker: ${signal} received, finishing deliveries in flight`);
  // A second signal while draining means "now": the leases of unfinished tasks let another worker redo them.
  const force = () => process.exit(1);
  process.once("SIGINT", force);
  process.once("SIGTERM", force);
  await dispatcher.stop();
  await database.close();
  console.log("Porthole worker stopped");
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error("Porthole worker failed:", err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
