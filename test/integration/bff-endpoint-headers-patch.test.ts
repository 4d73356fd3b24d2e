import { afterAll, beforeAll, expect, test } from "vitest";
import { GET as getHeaders, PATCH as patchHeaders } from "@/app/api/portal/endpoints/[id]/headers/route";
import type { EndpointHeaders } from "@/lib/delivery-api/types-endpoints";
import type { ErrorBody } from "@/lib/http/errors";
import { startPortal, type TestPortal } from "../support/portal";
import { eventually, startReceiver } from "../support/receiver";

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

let p: TestPortal;
let rx: Receiver;
let appId: string;
let ep: string;
let token: string;

async function call<T>(handler: typeof getHeaders | typeof patchHeaders, method: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await p.call(handler, { method, path: `/api/portal/endpoints/${ep}/headers`, params: { id: ep }, token, body });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

beforeAll(async () => {
  p = await startPortal();
  rx = await startReceiver();
  appId = (await p.svix.application.create({ name: "Headers", uid: "headers-patch" })).id;
  await p.svix.eventType.create({ name: "invoice.paid", description: "An invoice was paid" });
  ep = (await p.svix.endpoint.create(appId, { url: `${rx.url}/hook` })).id;
  await p.svix.endpoint.updateHeaders(appId, ep, { headers: { "x-tenant": "acme", "x-old": "1", authorization: "Bearer kept-secret" } });
  token = (await p.session(appId, { capabilities: ["ViewBase", "ManageEndpoint"] })).accessToken;
});

afterAll(async () => {
  await rx?.close();
  await p?.close();
});

// The settings screen never sees a sensitive value, so it must be able to change the others without sending it.
test("a patch sets and removes the headers it names and keeps the sensitive one it cannot see", async () => {
  const patched = await call(patchHeaders, "PATCH", { headers: { "x-tenant": "globex", "x-new": "2" }, deleteHeaders: ["x-old"] });
  expect(patched.status).toBe(204);
  const got = await call<EndpointHeaders>(getHeaders, "GET");
  expect(got.body).toEqual({ headers: { "x-tenant": "globex", "x-new": "2" }, sensitive: ["authorization"] });

  const msg = await p.svix.message.create(appId, { eventType: "invoice.paid", payload: { id: "in_1" } });
  const received = await eventually(
    async () => rx.received.find((r) => r.headers["webhook-id"] === msg.id),
    (r) => r !== undefined,
    30_000,
  );
  expect(received?.headers.authorization).toBe("Bearer kept-secret");
  expect(received?.headers["x-tenant"]).toBe("globex");
  expect(received?.headers["x-old"]).toBeUndefined();
});

test("a reserved name in a patch is the core's 422 and changes nothing", async () => {
  const before = await call<EndpointHeaders>(getHeaders, "GET");
  const refused = await call<ErrorBody>(patchHeaders, "PATCH", { headers: { "content-type": "text/plain" } });
  expect(refused.status).toBe(422);
  expect(refused.body.error.issues?.length).toBeGreaterThan(0);
  expect((await call<EndpointHeaders>(getHeaders, "GET")).body).toEqual(before.body);
});

test("a read-only session may not patch headers", async () => {
  const readOnly = (await p.session(appId, { capabilities: ["ViewBase"] })).accessToken;
  const res = await p.call(patchHeaders, { method: "PATCH", path: `/api/portal/endpoints/${ep}/headers`, params: { id: ep }, token: readOnly, body: { headers: { "x-a": "b" } } });
  expect(res.status).toBe(403);
});
