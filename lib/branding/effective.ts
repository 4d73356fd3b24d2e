import { inArray } from "drizzle-orm";
import { portalSettings } from "@/lib/db/schema";
import type { Runtime } from "@/lib/runtime";
import { normalizeOrigin } from "@/lib/session/origins";
import { mergeBranding, type Branding } from "./schema";

export const ORG_SCOPE = "org";

type Layers = { org: typeof portalSettings.$inferSelect | undefined; app: typeof portalSettings.$inferSelect | undefined };

/** The org's and the application's settings rows, in one read. */
async function layers(rt: Runtime, appId: string): Promise<Layers> {
  const settings = await rt.database.db.select().from(portalSettings).where(inArray(portalSettings.scope, [ORG_SCOPE, appId]));
  return { org: settings.find((s) => s.scope === ORG_SCOPE), app: settings.find((s) => s.scope === appId) };
}

const brandingOf = (l: Layers, override: Branding | null): Branding =>
  mergeBranding(l.org?.branding as Branding | undefined, l.app?.branding as Branding | undefined, override);

const originsOf = (rt: Runtime, l: Layers): string[] => l.app?.allowedOrigins ?? l.org?.allowedOrigins ?? rt.embedAllowedOrigins;

/** Org default, then the application's own settings, then the session's override. */
export async function effectiveBranding(rt: Runtime, appId: string, override: Branding | null): Promise<Branding> {
  return brandingOf(await layers(rt, appId), override);
}

/** Origins allowed to frame the app: its own list, else the org default, else the env default. */
export async function allowedOrigins(rt: Runtime, appId: string): Promise<string[]> {
  return originsOf(rt, await layers(rt, appId));
}

/** Both of the above from one read (what a session's view needs). */
export async function appPresentation(rt: Runtime, appId: string, override: Branding | null): Promise<{ branding: Branding; origins: string[] }> {
  const l = await layers(rt, appId);
  return { branding: brandingOf(l, override), origins: originsOf(rt, l) };
}

/**
 * The CSP `frame-ancestors` source list for an app's allowed origins. None set: `'self'`, so the
 * built-in demo host page can frame the portal. Every entry is normalised again because the
 * env default is free text and a stray `;` would otherwise inject a directive; a list with no
 * valid entry fails closed.
 */
export function frameAncestorsFor(origins: string[]): string {
  if (origins.length === 0) return "'self'";
  const valid = [...new Set(origins.map(normalizeOrigin).filter((o): o is string => o !== null))];
  return valid.length > 0 ? valid.join(" ") : "'none'";
}

/** The proxy asks on every /embed load; origins change rarely, so a few seconds of staleness is fine. */
export const FRAME_ORIGINS_TTL_MS = 5_000;
const MAX_CACHED_APPS = 1_000;

// On globalThis: the proxy and the route handlers are separate bundles in one process, and a
// write through the admin API must drop the entry the proxy reads.
const cacheKey = Symbol.for("porthole.frame-origins");
type OriginsCache = Map<string, { origins: string[]; until: number }>;
function originsCache(): OriginsCache {
  const g = globalThis as typeof globalThis & { [cacheKey]?: OriginsCache };
  return (g[cacheKey] ??= new Map());
}

/** `allowedOrigins`, cached per app for at most FRAME_ORIGINS_TTL_MS. */
export async function cachedAllowedOrigins(rt: Runtime, appId: string): Promise<string[]> {
  const cache = originsCache();
  const hit = cache.get(appId);
  if (hit && hit.until > Date.now()) return hit.origins;
  const origins = await allowedOrigins(rt, appId);
  cache.delete(appId);
  while (cache.size >= MAX_CACHED_APPS) cache.delete(cache.keys().next().value!);
  cache.set(appId, { origins, until: Date.now() + FRAME_ORIGINS_TTL_MS });
  return origins;
}

/** Drops cached origins: one app's, or every app's when the org default changes. */
export function invalidateAllowedOrigins(scope: string): void {
  if (scope === ORG_SCOPE) originsCache().clear();
  else originsCache().delete(scope);
}

/** Stores an app's (or, with ORG_SCOPE, the org default) origins; null = inherit. */
export async function saveAllowedOrigins(rt: Runtime, scope: string, origins: string[] | null): Promise<void> {
  const updatedAt = new Date();
  await rt.database.db
    .insert(portalSettings)
    .values({ scope, allowedOrigins: origins, updatedAt })
    .onConflictDoUpdate({ target: portalSettings.scope, set: { allowedOrigins: origins, updatedAt } });
  invalidateAllowedOrigins(scope);
}
