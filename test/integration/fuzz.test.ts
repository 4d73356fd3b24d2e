/**
 * A bounded fuzz test over every route the route tables name: the BFF's (lib/portal-api/routes.ts),
 * the admin API's (test/support/admin-routes.ts) and the core's (the vendored OpenAPI contract).
 * Bodies are generated from each route's own schemas and mutated (wrong types, huge strings, NUL,
 * lone surrogates, dots, deep nesting, missing or extra fields, text that is not JSON); queries
 * and path segments get bad values. The seed is fixed, so a failure reproduces. No answer may be
 * a 5xx or carry a stack trace or SQL.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { z } from "zod";
import type { Route } from "@/lib/portal-api/contract";
import { ROUTE_LIST } from "@/lib/portal-api/routes";
import * as coreRoute from "@/app/api/v1/[...path]/route";
import { POST as mint } from "@/app/api/v1/auth/app-portal-access/[appId]/route";
import { ADMIN_ROUTES } from "../support/admin-routes";
import { handlerOf, type RouteHandler } from "../support/bff-routes";
import { ORG_TOKEN } from "../support/core-server";
import { badQuery, badSegment, leakIn, mutateBody, random, sample, seedOf, type Rng } from "../support/fuzz";
import { loadSpec } from "../support/openapi";
import { startPortal, type TestPortal } from "../support/portal";

const SEED = 20261201;
/** Cases per route: 85 routes, so about 2,400 requests in all (well under a minute on a loaded 2-core machine). */
const CASES = 28;

type Schema = Record<string, unknown>;
type Case = { method: string; path: string; params: Record<string, unknown>; body?: string; token?: string; headers?: Record<string, string> };
type Target = {
  name: string;
  handler: RouteHandler;
  /** Runs after every other target: it deletes or ends what the others use. */
  destructive: boolean;
  make(rng: Rng): Case;
};

let p: TestPortal;
let ids: { app: string; endpoint: string; message: string; attempt: string; eventType: string };
let sessionToken: string;
let refreshCookie: string;

beforeAll(async () => {
  p = await startPortal({ dispatch: false });
  const app = await p.svix.application.create({ name: "Fuzzed", uid: "fuzzed" });
  await p.svix.eventType.create({ name: "fuzz.happened", description: "A fuzzed event", schemas: { "1": { type: "object" } } });
  const endpoint = await p.svix.endpoint.create(app.id, { url: "https://example.com/fuzz", uid: "fuzz-ep" });
  const message = await p.svix.message.create(app.id, { eventType: "fuzz.happened", payload: { n: 1 } });
  ids = { app: app.id, endpoint: endpoint.id, message: message.id, attempt: "atmpt_2Fuzz0000000000000000000000", eventType: "fuzz.happened" };
  const session = await p.session(app.id, {
    capabilities: ["ViewBase", "ViewEndpointSecret", "ManageEndpointSecret", "ManageEndpoint", "CreateAttempts"],
  });
  sessionToken = session.accessToken;
  refreshCookie = p.refreshHeaders(app.id, session.refreshCookie).cookie!;
});
afterAll(() => p.close());

const jsonSchemaOf = (schema: z.ZodType | undefined): Schema | undefined =>
  schema ? (z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Schema) : undefined;

/** A body to send: mostly a mutation of a valid-looking one, sometimes that one as it is. */
function bodyFor(schema: Schema | undefined, root: Schema, rng: Rng): string | undefined {
  if (!schema) return rng.chance(0.2) ? mutateBody({}, rng) : undefined;
  const base = sample(schema, root, rng);
  return rng.chance(0.1) ? JSON.stringify(base) : mutateBody(base, rng);
}

/** A path segment: mostly the seeded thing it names, sometimes a bad one (that Next.js can decode). */
function segment(rng: Rng, good: string): { value: string; raw: string } {
  return (rng.chance(0.35) ? badSegment(rng) : null) ?? { value: good, raw: encodeURIComponent(good) };
}

function bffTargets(): Promise<Target[]> {
  return Promise.all(
    ROUTE_LIST.map(async (route: Route) => {
      const query = jsonSchemaOf(route.query);
      const body = jsonSchemaOf(route.body);
      const queryKeys = Object.keys((query?.properties as Schema | undefined) ?? {});
      const good = route.path.startsWith("/api/portal/messages/") ? ids.message : ids.endpoint;
      return {
        name: `${route.method} ${route.path}`,
        handler: await handlerOf(route),
        destructive: route.name === "logout" || route.method === "DELETE",
        make(rng: Rng): Case {
          const id = segment(rng, good);
          const path = route.path.replace("[id]", id.raw) + badQuery(queryKeys, rng);
          const headers: Record<string, string> = route.name === "refreshSession" ? { cookie: refreshCookie, origin: p.rt.portalUrl, "x-porthole-request": "1" } : {};
          return { method: route.method, path, params: route.params ? { id: id.value } : {}, body: bodyFor(body, body ?? {}, rng), token: sessionToken, headers };
        },
      } satisfies Target;
    }),
  );
}

function adminTargets(): Target[] {
  return ADMIN_ROUTES.map((route) => ({
    name: route.name,
    handler: route.handler as RouteHandler,
    destructive: route.method === "DELETE" || route.name.endsWith("sessions/revoke"),
    make(rng: Rng): Case {
      const app = segment(rng, ids.app);
      const params: Record<string, unknown> = { ...route.params(app.value) };
      if ("email" in params && rng.chance(0.4)) params.email = badSegment(rng)?.value ?? "";
      const base = route.body ?? {};
      const body = route.method === "GET" || route.method === "DELETE" ? undefined : rng.chance(0.1) ? JSON.stringify(base) : mutateBody(base, rng);
      const query = route.method === "GET" ? badQuery(["limit", "iterator", "before", "after"], rng) : "";
      return { method: route.method, path: route.path(app.raw) + query, params, body, token: ORG_TOKEN };
    },
  }));
}

function coreTargets(): Target[] {
  const spec = loadSpec() as unknown as Schema & { paths: Record<string, Record<string, Schema>> };
  const out: Target[] = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!op || typeof op !== "object" || !op.responses) continue;
      const params = (op.parameters as Schema[] | undefined) ?? [];
      const queryKeys = params.filter((x) => x.in === "query").map((x) => String(x.name));
      const bodySchema = (op.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content?.["application/json"]?.schema;
      const portalAccess = template.startsWith("/api/v1/auth/app-portal-access/");
      out.push({
        name: `${method.toUpperCase()} ${template}`,
        // Next.js answers HEAD with the GET handler.
        handler: (portalAccess ? mint : coreRoute[method === "head" ? "GET" : (method.toUpperCase() as "GET")]) as RouteHandler,
        destructive: method === "delete" || template === "/api/v1/auth/logout",
        make(rng: Rng): Case {
          const values: Record<string, string> = {};
          const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
            const good = { app_id: ids.app, endpoint_id: ids.endpoint, msg_id: ids.message, attempt_id: ids.attempt, event_type_name: ids.eventType }[name] ?? "x";
            const seg = segment(rng, good);
            values[name] = seg.value;
            return seg.raw;
          });
          const pathParams = portalAccess ? { appId: values.app_id } : { path: path.split("?")[0]!.split("/").slice(3).map(decodeLoose) };
          const headers: Record<string, string> = rng.chance(0.1) ? { "idempotency-key": rng.pick(["k", "\u00e9", "x".repeat(2000)]) } : {};
          return {
            method: method.toUpperCase(),
            path: path + badQuery(queryKeys, rng),
            params: pathParams,
            body: method === "get" || method === "head" ? undefined : bodyFor(bodySchema, spec, rng),
            token: ORG_TOKEN,
            headers: Object.fromEntries(Object.entries(headers).filter(([, v]) => /^[\x20-\x7e]*$/.test(v))),
          };
        },
      });
    }
  }
  return out;
}

function decodeLoose(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

test("thousands of generated bad requests over every BFF, admin and core route: no 5xx, no stack trace, no SQL", { timeout: 120_000 }, async () => {
  const targets = [...(await bffTargets()), ...adminTargets(), ...coreTargets()];
  // The route tables are all here: the BFF's every entry, the admin API's, the core's every operation.
  expect(targets.length).toBeGreaterThan(ROUTE_LIST.length + ADMIN_ROUTES.length + 40);
  const ordered = [...targets.filter((t) => !t.destructive), ...targets.filter((t) => t.destructive)];
  const failures: string[] = [];
  let sent = 0;
  for (const target of ordered) {
    const rng = random(seedOf(target.name, SEED));
    for (let i = 0; i < CASES; i++) {
      const c = target.make(rng);
      if (c.method === "GET" || c.method === "HEAD") delete c.body;
      const res = await p.call(target.handler, { method: c.method, path: c.path, params: c.params as never, token: c.token, body: c.body, headers: c.headers });
      const text = await res.text();
      sent++;
      const leak = leakIn(text);
      if (res.status >= 500 || leak) {
        failures.push(`${target.name} #${i}: ${c.method} ${c.path.slice(0, 200)} body=${(c.body ?? "").slice(0, 200)} → ${res.status} ${(leak ?? text).slice(0, 300)}`);
      }
    }
  }
  expect(failures, failures.slice(0, 20).join("\n")).toEqual([]);
  expect(sent).toBe(ordered.length * CASES);
});
