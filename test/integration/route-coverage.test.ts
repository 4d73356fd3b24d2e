import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { routeOf } from "@/lib/portal-api/bind";
import { ROUTE_LIST } from "@/lib/portal-api/routes";
import { ADMIN_ROUTES } from "../support/admin-routes";
import { routeFile } from "../support/bff-routes";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

async function exportsOf(file: string): Promise<Record<string, unknown>> {
  return (await import(/* @vite-ignore */ `@/${file}`)) as Record<string, unknown>;
}

/**
 * The portal route table is the BFF's contract (ADR 4): the test matrices, the browser's fetchers
 * and the handlers all derive from it, so a handler it does not know is a route nobody tests.
 */
test("every handler under app/api/portal binds the table entry for its own path and method", async () => {
  const stray: string[] = [];
  const files = routeFiles("app/api/portal");
  expect(files.length).toBeGreaterThan(20);
  for (const file of files) {
    const mod = await exportsOf(file);
    for (const method of METHODS) {
      if (mod[method] === undefined) continue;
      const route = routeOf(mod[method]);
      if (!route || routeFile(route) !== file || route.method !== method) stray.push(`${file} ${method} → ${route?.name ?? "not in the table"}`);
    }
  }
  expect(stray).toEqual([]);
});

test("every table entry has its route file, exporting its method", async () => {
  const missing: string[] = [];
  for (const route of ROUTE_LIST) {
    const file = routeFile(route);
    if (!existsSync(file)) {
      missing.push(`${route.name}: no ${file}`);
      continue;
    }
    if (routeOf((await exportsOf(file))[route.method]) !== route) missing.push(`${route.name}: ${file} exports no ${route.method} bound to it`);
  }
  expect(missing).toEqual([]);
  expect(new Set(ROUTE_LIST.map((r) => `${r.method} ${r.path}`)).size).toBe(ROUTE_LIST.length);
});

test("every admin route handler is in the admin scoping matrix", async () => {
  const covered = new Set<unknown>(ADMIN_ROUTES.map((r) => r.handler));
  const missing: string[] = [];
  for (const file of routeFiles("app/api/admin")) {
    const mod = await exportsOf(file);
    for (const method of METHODS) if (typeof mod[method] === "function" && !covered.has(mod[method])) missing.push(`${file} ${method}`);
  }
  expect(missing).toEqual([]);
});
