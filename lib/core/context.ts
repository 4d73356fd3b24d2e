import type { Db } from "@/lib/db/client";
import type { AppLimits } from "@/lib/env";
import type { SsrfPolicy } from "./dispatcher/ssrf";
import type { GroupCommit } from "./group-commit";
import type { Idempotency } from "./idempotency";
import type { IngestItem, IngestResult } from "./queue";
import type { Tokens } from "./tokens";

/** What the API handlers and the dispatcher share within one process. */
export type CoreContext = {
  db: Db;
  tokens: Tokens;
  portalUrl: string;
  /** What endpoint URLs may point at (checked again at connect time). */
  ssrf: SsrfPolicy;
  /** Message ingest, group-committed. */
  ingest: GroupCommit<IngestItem, IngestResult>;
  /** POST requests with an Idempotency-Key run once per key. */
  idempotency: Idempotency;
  /** Per-application limits where an application sets none (admin API). */
  limits: AppLimits;
  /** Tells this process's dispatcher that work is due now (other processes poll). */
  wake(): void;
};
