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
    return !RESERVED.has(lower) && !RESERVED_PREFIXES.some((p) => lower.startsWith(p)) || SENSITIVE.has(lower);
  }, "this header is reserved");
const headerValue = z
  .string()
  .max(4096)
  .regex(/^[\t\x20-\x7e\x80-\xff]*$/, "may not contain control characters");

const headersIn = z.object({ headers: z.record(headerName, headerValue) });
const headersPatch = z.object({ headers: z.record(headerName, headerValue.nullable()) });

function normalise(headers: Record<string, string>): Record<string, string> {
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
    await ctx.core.db.update(endpoints).set({ headers: normalise(body.headers), updatedAt: new Date() }).where(eq(endpoints.id, ep.id));
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
    await ctx.core.db.update(endpoints).set({ headers: next, updatedAt: new Date() }).where(eq(endpoints.id, ep.id));
    return noContent();
  }),
];
