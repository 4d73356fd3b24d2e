import { eq } from "drizzle-orm";
import { z } from "zod";
import { endpoints } from "@/lib/db/schema";
import { resolveApp, resolveEndpoint } from "./access";
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

/** Custom headers as the API takes them (also on endpoint create, as Svix Cloud allows). */
export const headerMap = z.record(headerName, headerValue);

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
    await ctx.core.db.update(endpoints).set({ headers: next, updatedAt: new Date() }).where(eq(endpoints.id, ep.id));
    return noContent();
  }),
];
