import { openDatabase, type Database } from "@/lib/db/client";
import { env, type Env } from "@/lib/env";
import { resolveSecrets } from "@/lib/secrets";
import { createCore, type Core } from "@/lib/core";
import { type Cidr, withExemptUrls } from "@/lib/core/dispatcher/ssrf";
import { demoReceiverUrl, seedDemo } from "@/lib/core/seed";

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
};

const globalKey = Symbol.for("porthole.runtime");
type GlobalWithRuntime = typeof globalThis & { [globalKey]?: Promise<Runtime> };

/**
 * The process-wide database and core. Next.js may bundle the route handlers and instrumentation
 * separately, so the instance hangs off globalThis: one PGlite, one dispatcher per process.
 */
export function runtime(): Promise<Runtime> {
  const g = globalThis as GlobalWithRuntime;
  g[globalKey] ??= boot();
  return g[globalKey];
}

/** Tests build their own database and core and install them as the process runtime. */
export function installRuntime(r: Runtime): void {
  (globalThis as GlobalWithRuntime)[globalKey] = Promise.resolve(r);
}

async function boot(): Promise<Runtime> {
  const e = env();
  const secrets = resolveSecrets(e);
  const database = await openDatabase({ databaseUrl: e.databaseUrl, dataDir: e.dataDir });
  await database.migrate();
  const shared = { database, portalUrl: e.portalUrl, secret: secrets.portholeSecret, embedAllowedOrigins: e.embedAllowedOrigins };
  if (e.coreApiUrl) {
    return { ...shared, core: undefined, coreLink: { mode: "external", serverUrl: e.coreApiUrl, orgToken: secrets.coreApiToken } };
  }
  const seeded = await seedDemo(database.db, { portalUrl: e.portalUrl });
  const core = createCore({
    database,
    orgToken: secrets.coreApiToken,
    secret: secrets.portholeSecret,
    portalUrl: e.portalUrl,
    allowlist: deliveryAllowlist(e),
    retryScheduleMs: e.retryScheduleMs,
    headerStyle: e.webhookHeaders,
    dispatch: e.dispatcherInline,
    concurrency: e.workerConcurrency,
    leaseMs: e.dispatcherLeaseMs,
  });
  announce(e.portalUrl, secrets, seeded, database.kind);
  return { ...shared, core, coreLink: { mode: "embedded", serverUrl: e.portalUrl, handle: core.handle, orgToken: secrets.coreApiToken } };
}

/** ENDPOINT_ALLOWLIST, plus the demo receiver's exact URL: the demo endpoint delivers to Porthole itself. */
export function deliveryAllowlist(e: Env): Cidr[] {
  return withExemptUrls(e.endpointAllowlist, [demoReceiverUrl(e.portalUrl)]);
}

function announce(
  portalUrl: string,
  secrets: ReturnType<typeof resolveSecrets>,
  seeded: { appId: string } | null,
  kind: Database["kind"],
): void {
  const lines = [`Porthole core ready at ${portalUrl}/api/v1 (database: ${kind})`];
  if (secrets.generated.includes("CORE_API_TOKEN")) {
    lines.push(
      `Generated an org token (saved in ${secrets.file}; set CORE_API_TOKEN to choose your own):`,
      `  ${secrets.coreApiToken}`,
      `Send a message to the demo application:`,
      `  curl -X POST ${portalUrl}/api/v1/app/demo/msg -H "Authorization: Bearer $TOKEN" \\`,
      `    -H "Content-Type: application/json" -d '{"eventType":"invoice.paid","payload":{"id":"in_1","amount":4200}}'`,
    );
  } else {
    lines.push(`Org token: CORE_API_TOKEN${process.env.CORE_API_TOKEN ? "" : ` (stored in ${secrets.file})`}`);
  }
  if (seeded) lines.push(`Seeded a demo application (uid "demo", id ${seeded.appId}) with event types and one endpoint.`);
  console.log(lines.join("\n"));
}
