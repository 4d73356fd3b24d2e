import path from "node:path";
import type { Env } from "@/lib/env";
import type { Secrets } from "@/lib/secrets";

export type StartupSetup = {
  core: "embedded" | "external";
  coreApiUrl?: string;
  database: "pglite" | "postgres";
  /** PGlite's directory, or Postgres's host, port and database name. */
  databaseAt: string;
};

/** Which core and which database this process runs with, without credentials. */
export function startupSetup(e: Env): StartupSetup {
  return {
    core: e.coreApiUrl ? "external" : "embedded",
    ...(e.coreApiUrl && { coreApiUrl: e.coreApiUrl }),
    database: e.databaseUrl ? "postgres" : "pglite",
    databaseAt: e.databaseUrl ? postgresHost(e.databaseUrl) : path.resolve(e.dataDir, "pgdata"),
  };
}

/** Host, port and database name: the user, password and query (sslpassword…) stay out. */
function postgresHost(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return "(unparsable DATABASE_URL)";
  }
}

/**
 * The block printed once the server is up, for the person who just ran `npm start`: where it is,
 * how to get the org token into PORTHOLE_TOKEN (the variable README uses too) and a first message.
 * The token itself is never printed: logs outlive terminals.
 */
export function readyMessage(opts: {
  env: Env;
  secrets: Secrets;
  demo: { id: string } | null;
  setup: StartupSetup;
}): string {
  const { env: e, secrets, demo, setup } = opts;
  const url = e.portalUrl;
  const lines = [`Porthole is ready at ${url}`, ""];
  const core = e.coreApiUrl
    ? `external, ${e.coreApiUrl} (CORE_API_URL)`
    : `embedded, Svix API at ${url}/api/v1${e.dispatcherInline ? "" : " (no dispatcher here: DISPATCHER_INLINE=false)"}`;
  lines.push(`  core       ${core}`);
  lines.push(`  database   ${setup.database === "postgres" ? `Postgres at ${setup.databaseAt}` : `PGlite in ${setup.databaseAt}`}`);
  const fromEnv = e.coreApiToken !== undefined;
  if (fromEnv) {
    lines.push("  org token  CORE_API_TOKEN, as set in the environment");
  } else {
    const made = secrets.generated.includes("CORE_API_TOKEN") ? "generated into" : "kept in";
    lines.push(`  org token  ${made} ${secrets.file} (set CORE_API_TOKEN to choose your own)`);
  }
  if (demo) lines.push(`  demo       application "demo" (${demo.id}), its endpoint delivers to ${url}/demo/receiver`);
  lines.push("");
  lines.push(
    fromEnv
      ? `  export PORTHOLE_TOKEN="$CORE_API_TOKEN"   # the value Porthole was started with`
      : `  export PORTHOLE_TOKEN=$(node -p ${shellQuote(`require(${JSON.stringify(secrets.file)}).coreApiToken`)})`,
  );
  if (demo) {
    lines.push(
      `  curl -X POST ${url}/api/v1/app/demo/msg -H "Authorization: Bearer $PORTHOLE_TOKEN" \\`,
      `    -H "Content-Type: application/json" -d '{"eventType":"invoice.paid","payload":{"id":"in_1","amount":4200}}'`,
      `  curl ${url}/demo/receiver -H "Authorization: Bearer $PORTHOLE_TOKEN"`,
    );
  }
  return `\n${lines.join("\n")}\n\n`;
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
