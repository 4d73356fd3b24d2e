import "server-only";
import ipaddr from "ipaddr.js";
import { z } from "zod";
import type { TrustedProxies } from "@/lib/client-ip";
import { parseDuration } from "@/lib/duration";
import { originListSchema } from "@/lib/session/origins";

const optional = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const httpUrl = z
  .url({ protocol: /^https?$/ })
  .transform((v) => v.replace(/\/+$/, ""));

const cidrList = z.string().transform((raw, ctx) => {
  const out: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];
  for (const part of raw.split(",").map((s) => s.trim()).filter(Boolean)) {
    try {
      out.push(part.includes("/") ? ipaddr.parseCIDR(part) : cidrOfAddress(part));
    } catch {
      ctx.addIssue({ code: "custom", message: `"${part}" is not a CIDR (e.g. 127.0.0.1/32)` });
      return z.NEVER;
    }
  }
  return out;
});

function cidrOfAddress(address: string): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  const ip = ipaddr.parse(address);
  return [ip, ip.kind() === "ipv4" ? 32 : 128];
}

/** A hop count (`1`: one proxy in front) or the proxies' CIDRs. */
const trustedProxies = z.string().transform((raw, ctx): TrustedProxies => {
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops >= 1 && hops <= 16) return { kind: "hops", hops };
    ctx.addIssue({ code: "custom", message: "a hop count must be 1 to 16 (leave it unset for no proxy)" });
    return z.NEVER;
  }
  const parsed = cidrList.safeParse(raw);
  if (parsed.success && parsed.data.length > 0) return { kind: "ranges", ranges: parsed.data };
  ctx.addIssue({ code: "custom", message: `"${raw}" is neither a hop count (e.g. 1) nor CIDRs (e.g. 10.0.0.0/8,127.0.0.1/32)` });
  return z.NEVER;
});

const durationList = z.string().transform((raw, ctx) => {
  const out: number[] = [];
  for (const part of raw.split(",").map((s) => s.trim()).filter(Boolean)) {
    const ms = parseDuration(part);
    if (ms === null) {
      ctx.addIssue({ code: "custom", message: `"${part}" is not a duration (e.g. 500ms, 5s, 5m, 2h)` });
      return z.NEVER;
    }
    out.push(ms);
  }
  return out;
});

const duration = z.string().transform((raw, ctx) => {
  const ms = parseDuration(raw);
  if (ms === null) {
    ctx.addIssue({ code: "custom", message: `"${raw}" is not a duration (e.g. 500ms, 5s, 5m)` });
    return z.NEVER;
  }
  return ms;
});

const wholeNumber = (max: number) =>
  z.string().regex(/^\d+$/, "must be a whole number").transform(Number).pipe(z.number().int().min(1).max(max));

const fraction = z
  .string()
  .regex(/^(0?\.\d+|1(\.0*)?)$/, "must be a fraction of the slots between 0 and 1, e.g. 0.25")
  .transform(Number)
  .pipe(z.number().gt(0).max(1));

const boolean = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

/** Svix's schedule: after the immediate try, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
export const DEFAULT_RETRY_SCHEDULE_MS = [5, 300, 1800, 7200, 18000, 36000, 36000].map((s) => s * 1000);

export type AppLimits = {
  /** Endpoints one application may have. */
  maxEndpoints: number;
  /** Bulk deliveries (recover, replay-missing) one application may have queued and not yet attempted. */
  maxBulkTasks: number;
};

export const DEFAULT_LIMITS: AppLimits = { maxEndpoints: 50, maxBulkTasks: 10_000 };
export const DEFAULT_BULK_SHARE = 0.25;

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PORTAL_URL: optional.pipe(httpUrl.optional()),
  DATA_DIR: optional.default(".porthole"),
  DATABASE_URL: optional.pipe(z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL").optional()),
  CORE_API_URL: optional.pipe(httpUrl.optional()),
  CORE_API_TOKEN: optional,
  PORTHOLE_SECRET: optional.pipe(z.string().min(32, "must be at least 32 characters").optional()),
  EMAIL_SERVER: optional,
  EMAIL_FROM: optional,
  ENDPOINT_ALLOWLIST: optional.pipe(cidrList.optional()),
  TRUSTED_PROXIES: optional.pipe(trustedProxies.optional()),
  RETRY_SCHEDULE: optional.pipe(durationList.optional()),
  EMBED_ALLOWED_ORIGINS: optional.pipe(
    z
      .string()
      .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
      .pipe(originListSchema)
      .optional(),
  ),
  WEBHOOK_HEADERS: optional.pipe(z.enum(["webhook", "svix"]).optional()),
  DISPATCHER_INLINE: optional.pipe(boolean.optional()),
  DISPATCHER_LEASE: optional.pipe(duration.optional()),
  WORKER_CONCURRENCY: optional.pipe(wholeNumber(2000).optional()),
  DISPATCHER_BULK_SHARE: optional.pipe(fraction.optional()),
  ENDPOINTS_PER_APP: optional.pipe(wholeNumber(100_000).optional()),
  BULK_TASKS_PER_APP: optional.pipe(wholeNumber(10_000_000).optional()),
  // Read by lib/log.ts when it loads (before this runs); checked here so a typo stops start-up.
  LOG_LEVEL: optional.pipe(z.string().toLowerCase().pipe(z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"])).optional()),
  LOG_FORMAT: optional.pipe(z.enum(["json"]).optional()),
});

export type Env = {
  port: number;
  portalUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  coreApiUrl: string | undefined;
  coreApiToken: string | undefined;
  portholeSecret: string | undefined;
  emailServer: string | undefined;
  emailFrom: string | undefined;
  endpointAllowlist: [ipaddr.IPv4 | ipaddr.IPv6, number][];
  trustedProxies: TrustedProxies;
  retryScheduleMs: number[];
  embedAllowedOrigins: string[];
  webhookHeaders: "webhook" | "svix";
  dispatcherInline: boolean;
  workerConcurrency: number;
  dispatcherLeaseMs: number;
  /** The share of a dispatcher's slots bulk work (recover, replay-missing) may take. */
  dispatcherBulkShare: number;
  /** Defaults of the per-application limits (the admin API overrides them per application). */
  limits: AppLimits;
};

export class EnvError extends Error {}

/** Parses the configuration once; a bad value stops start-up with a message naming the variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = result.data;
  return {
    port: e.PORT,
    portalUrl: e.PORTAL_URL ?? `http://localhost:${e.PORT}`,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    coreApiUrl: e.CORE_API_URL,
    coreApiToken: e.CORE_API_TOKEN,
    portholeSecret: e.PORTHOLE_SECRET,
    emailServer: e.EMAIL_SERVER,
    emailFrom: e.EMAIL_FROM,
    endpointAllowlist: e.ENDPOINT_ALLOWLIST ?? [],
    trustedProxies: e.TRUSTED_PROXIES ?? { kind: "none" },
    retryScheduleMs: e.RETRY_SCHEDULE ?? DEFAULT_RETRY_SCHEDULE_MS,
    embedAllowedOrigins: e.EMBED_ALLOWED_ORIGINS ?? [],
    webhookHeaders: e.WEBHOOK_HEADERS ?? "webhook",
    dispatcherInline: e.DISPATCHER_INLINE ?? true,
    workerConcurrency: e.WORKER_CONCURRENCY ?? 64,
    dispatcherLeaseMs: e.DISPATCHER_LEASE ?? 60_000,
    dispatcherBulkShare: e.DISPATCHER_BULK_SHARE ?? DEFAULT_BULK_SHARE,
    limits: { maxEndpoints: e.ENDPOINTS_PER_APP ?? DEFAULT_LIMITS.maxEndpoints, maxBulkTasks: e.BULK_TASKS_PER_APP ?? DEFAULT_LIMITS.maxBulkTasks },
  };
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
