import "server-only";
import type { Database } from "@/lib/db/client";
import { DEFAULT_BULK_SHARE, DEFAULT_LIMITS, type AppLimits } from "@/lib/env";
import type { HeaderStyle } from "./dispatcher/signing";
import { ssrfPolicy, type Cidr } from "./dispatcher/ssrf";
import { Dispatcher } from "./dispatcher/dispatcher";
import { handleCoreRequest } from "./api";
import type { CoreContext } from "./context";
import { GroupCommit } from "./group-commit";
import { Idempotency } from "./idempotency";
import { insertMessageBatch } from "./queue";
import { Tokens, type MintOptions } from "./tokens";

export type CoreOptions = {
  database: Database;
  orgToken: string;
  secret: string;
  portalUrl: string;
  /** Internal ranges endpoints may reach (ENDPOINT_ALLOWLIST). */
  allowlist: Cidr[];
  /** Exact URLs endpoints may reach although internal (the demo receiver). */
  exemptUrls?: string[];
  retryScheduleMs: number[];
  headerStyle: HeaderStyle;
  /** Run a dispatcher in this process (false: API only, workers run elsewhere). */
  dispatch: boolean;
  concurrency: number;
  leaseMs?: number;
  timeoutMs?: number;
  pollMs?: number;
  /** The share of the dispatcher's slots that bulk work (recover, replay-missing) may take. */
  bulkShare?: number;
  /** Per-application limits where an application sets none. */
  limits?: AppLimits;
};

export type Core = {
  handle(req: Request): Promise<Response>;
  /** App-scoped token for the portal, minted in-process (no HTTP call to ourselves). */
  mintAppToken(appId: string, opts?: MintOptions): Promise<string>;
  dispatcher: Dispatcher | undefined;
  /** Per-application limits where an application sets none. */
  limits: AppLimits;
  close(): Promise<void>;
};

export function createCore(opts: CoreOptions): Core {
  const db = opts.database.db;
  const dispatcher = opts.dispatch ? createDispatcher(opts) : undefined;
  const context: CoreContext = {
    db,
    tokens: new Tokens(opts.orgToken, opts.secret, db),
    portalUrl: opts.portalUrl,
    ssrf: ssrfPolicy(opts.allowlist, opts.exemptUrls),
    ingest: new GroupCommit((batch) => insertMessageBatch(db, batch)),
    idempotency: new Idempotency(db),
    limits: opts.limits ?? DEFAULT_LIMITS,
    wake: () => dispatcher?.wake(),
  };
  dispatcher?.start();
  return {
    handle: (req) => handleCoreRequest(req, context),
    mintAppToken: (appId, mint) => context.tokens.mintAppToken(appId, mint),
    dispatcher,
    limits: context.limits,
    async close() {
      await dispatcher?.stop();
    },
  };
}

export function createDispatcher(opts: Omit<CoreOptions, "orgToken" | "secret" | "portalUrl" | "dispatch">): Dispatcher {
  return new Dispatcher({
    db: opts.database.db,
    ssrf: ssrfPolicy(opts.allowlist, opts.exemptUrls),
    retryScheduleMs: opts.retryScheduleMs,
    headerStyle: opts.headerStyle,
    concurrency: opts.concurrency,
    leaseMs: opts.leaseMs,
    timeoutMs: opts.timeoutMs,
    pollMs: opts.pollMs,
    bulkShare: opts.bulkShare ?? DEFAULT_BULK_SHARE,
    parallelWrites: opts.database.kind === "postgres" ? 4 : 1,
  });
}
