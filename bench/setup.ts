import { randomUUID } from "node:crypto";
import ipaddr from "ipaddr.js";
import { createCore, type Core, type CoreOptions } from "@/lib/core";
import type { Database } from "@/lib/db/client";

export const ORG_TOKEN = "bench_org_token_0123456789abcdef";
export const LOOPBACK: CoreOptions["allowlist"] = [ipaddr.parseCIDR("127.0.0.1/32")];

/** Headers of a message POST as the official SDK sends it: org token, JSON, a fresh idempotency key. */
export function messageHeaders(): Record<string, string> {
  return { authorization: `Bearer ${ORG_TOKEN}`, "content-type": "application/json", "idempotency-key": `auto_${randomUUID()}` };
}

export function benchCore(database: Database, dispatch: boolean, concurrency: number, extra: Partial<CoreOptions> = {}): Core {
  return createCore({
    database,
    orgToken: ORG_TOKEN,
    secret: "bench-secret-bench-secret-bench-secret-01",
    portalUrl: "http://127.0.0.1:3000",
    allowlist: LOOPBACK,
    retryScheduleMs: [1000, 2000, 4000],
    headerStyle: "webhook",
    dispatch,
    concurrency,
    ...extra,
  });
}

/** Calls the core in-process (no socket) for setup steps that are not being measured. */
async function call(core: Core, path: string, body: unknown): Promise<{ id: string }> {
  const res = await core.handle(
    new Request(`http://127.0.0.1/api/v1${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${ORG_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
  const text = await res.text();
  if (res.status >= 300) throw new Error(`setup: POST ${path} answered ${res.status}: ${text}`);
  return JSON.parse(text) as { id: string };
}

export async function createApp(core: Core, name: string): Promise<string> {
  return (await call(core, "/app", { name })).id;
}

export async function createEndpoint(core: Core, appId: string, url: string): Promise<string> {
  return (await call(core, `/app/${appId}/endpoint`, { url, description: "bench receiver" })).id;
}
