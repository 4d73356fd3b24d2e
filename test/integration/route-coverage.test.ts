import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { ADMIN_ROUTES } from "../support/admin-routes";
import { endpointRoutes } from "../support/bff-routes-endpoints";
import { messageRoutes } from "../support/bff-routes-messages";

/**
 * Every BFF and admin handler must be in one of the matrices that prove a session or token for
 * one application cannot reach another's (cross-tenant and capability tests walk those tables).
 * Session routes act on the caller's own session and are covered by portal-sessions.test.ts;
 * direct-session by the magic-link test.
 */
const OWN_SESSION_ROUTES = new Set([
  "app/api/portal/session/route.ts GET",
  "app/api/portal/session/exchange/route.ts POST",
  "app/api/portal/session/refresh/route.ts POST",
  "app/api/portal/session/logout/route.ts POST",
  "app/api/portal/direct-session/route.ts POST",
]);

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

test("every portal and admin route handler is in a cross-tenant matrix", async () => {
  const covered = new Set<unknown>([...endpointRoutes, ...messageRoutes, ...ADMIN_ROUTES].map((r) => r.handler));
  const missing: string[] = [];
  const files = [...routeFiles("app/api/portal"), ...routeFiles("app/api/admin")];
  expect(files.length).toBeGreaterThan(20);
  for (const file of files) {
    const mod = (await import(`@/${file}`)) as Record<string, unknown>;
    for (const method of METHODS) {
      if (typeof mod[method] !== "function") continue;
      const key = `${file} ${method}`;
      if (!covered.has(mod[method]) && !OWN_SESSION_ROUTES.has(key)) missing.push(key);
    }
  }
  expect(missing).toEqual([]);
});
