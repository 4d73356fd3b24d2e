import { eq } from "drizzle-orm";
import { z } from "zod";
import { endpoints } from "@/lib/db/schema";
import { resolveApp, resolveEndpoint } from "./access";
import { invalid } from "./errors";
import { json, noContent, parse, readJson } from "./http";
import { route } from "./router";

/** Values of these are never returned, only their names (as svix-server does). */
const SENSITIVE = new Set(["authorization", "x-auth-token", "x-api-key", "www-authenticate", "proxy-authenticate", "proxy-authorization"]);

/** Headers the delivery itself owns, or that proxies and hosts interpret. */
const RESERVED = new Set([
  "user-agent", "content-type", "content-length", "content-encoding", "transfer-encoding", "host", "connection",
  "keep-alive", "te", "trailer", "upgrade", "expect", "date", "cookie", "set-cookie",
]);
const RESERVED_PREFIXES = ["x-svix-", "svix-", "webhook-", "x-amz-", "x-google", "x-goog-", "x-gfe", "x-forwarded-", "proxy-"];

const headerName = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/, "is not a valid header name")
  .refine((n) => {
    const lower = n.toLowerCase();
    return SENSITIVE.has(lower) || (!RESERVED.has(lower) && !RESERVED_PREFIXES.some((p) => lower.startsWith(p)));
  }, "this header is reserved");
const headerValue = z
  .string()
  .max(4096)
  .regex(/^[\t\x20-\x7e\x80-\xff]*$/, "may not contain control characters");

/**
 * Custom headers ride on every delivery, so their sum is bounded as well as each one: a receiver
 * refuses an oversize header block (431) whatever the webhook says. 100 is the portal's own count
 * limit; 8 KiB leaves room for the delivery's own headers under Node's default 16 KiB.
 */
export const MAX_HEADERS = 100;
export const MAX_HEADERS_BYTES = 8 * 1024;

/** Why a set of headers is too many or too big, or null when it fits. */
function headersProblem(headers: Record<string, string>): string | null {
  const names = Object.keys(headers);
  if (names.length > MAX_HEADERS) return `at most ${MAX_HEADERS} headers are allowed`;
  const bytes = names.reduce((sum, n) => sum + Buffer.byteLength(n) + Buffer.byteLength(headers[n] ?? ""), 0);
  if (bytes > MAX_HEADERS_BYTES) return `headers may total at most ${MAX_HEADERS_BYTES} bytes (names and values)`;
  return null;
}

/** Custom headers as the API takes them (also on endpoint create, as Svix Cloud allows). */
export const headerMap = z.record(headerName, headerValue).superRefine((headers, ctx) => {
  const problem = headersProblem(headers);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

const headersIn = z.object({ headers: headerMap });
// svix-server deletes a key given as null; the SDK (Svix Cloud's shape) lists them in `deleteHeaders`.
const headersPatch = z.object({
  headers: z.record(headerName, headerValue.nullable()),
  deleteHeaders: z.array(z.string().max(256)).optional(),
});

/** Header names are case-insensitive: stored lower-cased so a patch cannot create a second copy. */
export function normaliseHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

export const endpointHeaderRoutes = [
  route("GET", "/app/{app_id}/endpoint/{endpoint_id}/headers", async (ctx) => {
    const app = await resolveApp(ctx);
    const ep = await resolveEndpoint(ctx, app);
    const headers: Record<string, string> = {};
    const sensitive: string[] = [];
    for (const [name, value] of Object.entries(ep.headers)) {
      if (SENSITIVE.has(name)) sensitive.push(name);
      else headers[name] = value;
    }
    return json({ headers, sensitive });
  }),

  route("PUT", "/app/{app_id}/endpoint/{endpoint_id}/headers", async (ctx) => {
    const body = parse(headersIn, await readJson(ctx.req), "body");
    const app = await resolveApp(ctx);
    const ep = await resolveEndpoint(ctx, app);
    await ctx.core.db.update(endpoints).set({ headers: normaliseHeaders(body.headers), updatedAt: new Date() }).where(eq(endpoints.id, ep.id));
    return noContent();
  }),

  route("PATCH", "/app/{app_id}/endpoint/{endpoint_id}/headers", async (ctx) => {
    const body = parse(headersPatch, await readJson(ctx.req), "body");
    const app = await resolveApp(ctx);
    const ep = await resolveEndpoint(ctx, app);
    const next = { ...ep.headers };
    for (const [name, value] of Object.entries(body.headers)) {
      if (value === null) delete next[name.toLowerCase()];
      else next[name.toLowerCase()] = value;
    }
    for (const name of body.deleteHeaders ?? []) delete next[name.toLowerCase()];
    // A patch is judged by the set it leaves, not by its own size.
    const problem = headersProblem(next);
    if (problem) throw invalid(["body", "headers"], problem);
    await ctx.core.db.update(endpoints).set({ headers: next, updatedAt: new Date() }).where(eq(endpoints.id, ep.id));
    return noContent();
  }),
];
