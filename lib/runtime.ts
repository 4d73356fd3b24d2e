import "server-only";
import type { TrustedProxies } from "@/lib/client-ip";
import { createCore, type Core } from "@/lib/core";
import { demoReceiverUrl, findDemoApp, seedDemo } from "@/lib/core/seed";
import { openDatabase, type Database } from "@/lib/db/client";
import { DataDirLockedError } from "@/lib/db/data-dir-lock";
import { env, EnvError, type Env } from "@/lib/env";
import { log } from "@/lib/log";
import { readyMessage, startupSetup } from "@/lib/ready-message";
import { resolveSecrets, type Secrets } from "@/lib/secrets";

/** How the portal reaches the delivery API: in-process (embedded core) or over HTTP. */
export type CoreLink =
  | { mode: "embedded"; serverUrl: string; handle: (req: Request) => Promise<Response>; orgToken: string }
  | { mode: "external"; serverUrl: string; orgToken: string };

export type Runtime = {
  database: Database;
  core: Core | undefined;
  coreLink: CoreLink;
  portalUrl: string;
  /** PORTHOLE_SECRET: keys for portal sessions, tickets and sealed core tokens derive from it. */
  secret: string;
  embedAllowedOrigins: string[];
  /** TRUSTED_PROXIES: which X-Forwarded-For entry names the client (absent: none, the socket's address). */
  trustedProxies?: TrustedProxies;
};

const globalKey = Symbol.for("porthole.runtime");
type GlobalWithRuntime = typeof globalThis & { [globalKey]?: Promise<Runtime> };

/**
 * The process-wide database and core. Next.js may bundle the route handlers and instrumentation
 * separately, so the instance hangs off globalThis: one PGlite, one dispatcher per process.
 */
export function runtime(): Promise<Runtime> {
  // `next build` prerenders pages; one that reaches the runtime must not open DATA_DIR, migrate or seed.
  if (process.env.NEXT_PHASE === "phase-production-build") return notDuringBuild();
  const g = globalThis as GlobalWithRuntime;
  g[globalKey] ??= boot();
  return g[globalKey];
}

/**
 * Inside a prerender, `connection()` suspends the page and marks it dynamic, so it renders per
 * request instead; anywhere else at build time it throws, and the build fails naming the route.
 */
async function notDuringBuild(): Promise<never> {
  const { connection } = await import("next/server");
  await connection();
  throw new Error("The Porthole runtime is not available during next build");
}

/**
 * The server's start: boots the runtime, and when it cannot (DATA_DIR held by another process, a
 * bad setting) says why in one message and exits, rather than serving 500s with a stack trace.
 */
export async function startRuntime(): Promise<void> {
  try {
    await runtime();
  } catch (err) {
    if (!(err instanceof DataDirLockedError || err instanceof EnvError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}

/** Tests build their own database and core and install them as the process runtime. */
export function installRuntime(r: Runtime): void {
  (globalThis as GlobalWithRuntime)[globalKey] = Promise.resolve(r);
}

async function boot(): Promise<Runtime> {
  const e = env();
  // The database first: with PGlite that takes DATA_DIR's lock, before anything is written there.
  const database = await openDatabase({ databaseUrl: e.databaseUrl, dataDir: e.dataDir });
  const secrets = resolveSecrets(e);
  await database.migrate();
  const shared = { database, portalUrl: e.portalUrl, secret: secrets.portholeSecret, embedAllowedOrigins: e.embedAllowedOrigins, trustedProxies: e.trustedProxies };
  if (e.coreApiUrl) {
    const rt: Runtime = { ...shared, core: undefined, coreLink: { mode: "external", serverUrl: e.coreApiUrl, orgToken: secrets.coreApiToken } };
    announce(e, secrets, null);
    return rt;
  }
  await seedDemo(database.db, { portalUrl: e.portalUrl });
  const core = createCore({
    database,
    orgToken: secrets.coreApiToken,
    secret: secrets.portholeSecret,
    portalUrl: e.portalUrl,
    allowlist: e.endpointAllowlist,
    exemptUrls: [demoReceiverUrl(e.portalUrl)],
    retryScheduleMs: e.retryScheduleMs,
    headerStyle: e.webhookHeaders,
    dispatch: e.dispatcherInline,
    concurrency: e.workerConcurrency,
    leaseMs: e.dispatcherLeaseMs,
    bulkShare: e.dispatcherBulkShare,
    limits: e.limits,
  });
  announce(e, secrets, await findDemoApp(database.db));
  return { ...shared, core, coreLink: { mode: "embedded", serverUrl: e.portalUrl, handle: core.handle, orgToken: secrets.coreApiToken } };
}

/** One structured line for operators, then the block a person reads last in the terminal. */
function announce(e: Env, secrets: Secrets, demo: { id: string } | null): void {
  const setup = startupSetup(e);
  log.info({ ...setup, dispatcher: !e.coreApiUrl && e.dispatcherInline }, "Porthole started");
  process.stdout.write(readyMessage({ env: e, secrets, demo, setup }));
}
