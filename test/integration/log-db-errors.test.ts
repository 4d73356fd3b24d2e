import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { PUT as putHeaders } from "@/app/api/portal/endpoints/[id]/headers/route";
import { POST as rotateSecret } from "@/app/api/portal/endpoints/[id]/secret/rotate/route";
import { POST as coreApi } from "@/app/api/v1/[...path]/route";
import { captureLog } from "@/lib/log";
import { ORG_TOKEN } from "../support/core-server";
import { startPortal, type TestPortal } from "../support/portal";

/**
 * A database that fails mid-request while secrets are in flight: the endpoints table refuses
 * every new row version (a CHECK constraint no row passes), so creating an endpoint, replacing
 * its headers and rotating its secret all fail inside the core with an endpoint secret and a
 * receiver's Authorization header among the statement's parameters — and in Postgres's
 * "Failing row contains (…)" detail. The whole log is read afterwards.
 */
const OLD_SECRET = `whsec_${Buffer.from("old-secret-old-secret-old-sec0").toString("base64")}`;
const NEW_SECRET = `whsec_${Buffer.from("new-secret-new-secret-new-sec1").toString("base64")}`;
const RECEIVER_AUTH = "Bearer rx-token-for-the-receiver-0123456789";
const RECEIVER_AUTH_2 = "Bearer rx-token-replaced-by-portal-9876543210";

let p: TestPortal;
let appId: string;
let endpointId: string;
let accessToken: string;
const lines: string[] = [];
let restoreLog: () => void;

beforeAll(async () => {
  p = await startPortal();
  const app = await p.svix.application.create({ name: "Broken database" });
  appId = app.id;
  endpointId = (await p.svix.endpoint.create(appId, { url: "https://example.com/hook", secret: OLD_SECRET, headers: { "x-kept": "yes" } })).id;
  accessToken = (await p.session(appId, { capabilities: ["ViewBase", "ManageEndpoint", "ManageEndpointSecret"] })).accessToken;
  await p.database.db.execute(sql.raw("ALTER TABLE endpoints ADD CONSTRAINT porthole_test_broken CHECK (false) NOT VALID"));
  restoreLog = captureLog({ write: (line) => lines.push(line) });
});

afterAll(async () => {
  restoreLog?.();
  await p?.close();
});

test("failed statements are logged with their SQLSTATE and first words, never their parameters", async () => {
  const created = await p.call(coreApi, {
    method: "POST",
    path: `/api/v1/app/${appId}/endpoint`,
    params: { path: ["app", appId, "endpoint"] },
    token: ORG_TOKEN,
    body: { url: "https://example.com/new", secret: NEW_SECRET, headers: { Authorization: RECEIVER_AUTH } },
  });
  expect(created.status).toBe(500);
  expect(await created.json()).toEqual({ code: "internal_error", detail: "Internal server error" });

  const headers = await p.call(putHeaders, {
    method: "PUT",
    path: `/api/portal/endpoints/${endpointId}/headers`,
    params: { id: endpointId },
    token: accessToken,
    body: { headers: { authorization: RECEIVER_AUTH_2 } },
  });
  const rotated = await p.call(rotateSecret, {
    method: "POST",
    path: `/api/portal/endpoints/${endpointId}/secret/rotate`,
    params: { id: endpointId },
    token: accessToken,
    body: {},
  });
  for (const res of [headers, rotated]) {
    // The embedded core failed: the portal says the delivery service is unavailable, nothing more.
    expect(res.status).toBe(502);
    expect(await res.json()).toEqual({ error: { code: "core_unavailable", message: "The delivery service is unavailable. Try again shortly." } });
  }

  const text = lines.join("");
  for (const secret of [OLD_SECRET, NEW_SECRET, RECEIVER_AUTH, RECEIVER_AUTH_2, ORG_TOKEN, accessToken]) expect(text).not.toContain(secret);
  expect(text).not.toContain("whsec_");
  expect(text).not.toContain("rx-token");
  expect(text).not.toMatch(/Failing row|params:|set "headers"|values \(/i);

  const failures = lines.map((l) => JSON.parse(l) as { msg: string; err?: Record<string, unknown> }).filter((l) => l.msg === "core: unexpected error");
  expect(failures.map((f) => f.err?.query)).toEqual(["insert into endpoints", "update endpoints", "update endpoints"]);
  for (const f of failures) expect(f.err).toMatchObject({ code: "23514", constraint: "porthole_test_broken" });
});
