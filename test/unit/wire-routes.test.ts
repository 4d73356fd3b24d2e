import { expect, test } from "vitest";
import type { Route } from "@/lib/portal-api/contract";
import { portalRoutes } from "@/lib/portal-api/routes";
import { wireRoutes } from "@/lib/portal-api/wire-routes";

test("the browser's copy of the route table says what the table says, route for route", () => {
  expect(Object.keys(wireRoutes).sort()).toEqual(Object.keys(portalRoutes).sort());
  for (const [name, r] of Object.entries(portalRoutes) as [string, Route][]) {
    expect(wireRoutes[name as keyof typeof wireRoutes], name).toEqual({
      path: r.path,
      method: r.method,
      body: Boolean(r.body),
      reply: r.reply.kind,
      session: r.capability !== null,
    });
  }
});
