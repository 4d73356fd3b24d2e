import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { ApiException } from "svix";
import { afterAll, beforeAll, expect, test } from "vitest";
import { GET, POST } from "@/app/demo/receiver/route";
import { generateSecret } from "@/lib/core/dispatcher/signing";
import { createGuardedAgent, ForbiddenAddressError, ssrfPolicy } from "@/lib/core/dispatcher/ssrf";
import { newId } from "@/lib/core/ids";
import { demoReceiverUrl, findDemoApp, seedDemo } from "@/lib/core/seed";
import { endpoints } from "@/lib/db/schema";
import { installRuntime } from "@/lib/runtime";
import { ORG_TOKEN, startCore, type TestCore } from "../support/core-server";
import { eventually, startReceiver } from "../support/receiver";

/**
 * Porthole's own origin, as a real server on loopback: /demo/receiver is the demo receiver's route
 * handler, every other path counts as a request that should never have been sent.
 */
let own: http.Server;
let portalUrl: string;
const stray: string[] = [];
let t: TestCore;
let other: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  own = http.createServer((req, res) => void serveOwn(req, res));
  await new Promise<void>((resolve) => own.listen(0, "127.0.0.1", resolve));
  portalUrl = `http://127.0.0.1:${(own.address() as AddressInfo).port}`;
  other = await startReceiver();
  // Nothing allowlisted: loopback is refused, but for the demo receiver's one URL.
  t = await startCore({ portalUrl, allowlist: [], exemptUrls: [demoReceiverUrl(portalUrl)] });
  installRuntime({
    database: t.database,
    core: t.core,
    coreLink: { mode: "embedded", serverUrl: portalUrl, handle: t.core.handle, orgToken: ORG_TOKEN },
    portalUrl,
    secret: "test-secret-test-secret-test-secret-0123",
    embedAllowedOrigins: [],
  });
});
afterAll(async () => {
  await t.close();
  await other.close();
  own.closeAllConnections();
  await new Promise<void>((resolve) => own.close(() => resolve()));
});

async function serveOwn(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", portalUrl);
  if (url.pathname !== "/demo/receiver" || url.search !== "") {
    stray.push(req.url ?? "");
    req.resume();
    res.end("should not be reached");
    return;
  }
  const hasBody = req.method === "POST";
  const request = new Request(url, {
    method: req.method,
    headers: req.headers as Record<string, string>,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    duplex: "half",
  } as RequestInit);
  const response = req.method === "POST" ? await POST(request, undefined) : await GET(request, { params: Promise.resolve({}) });
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

type Delivery = { id: string | null; body: string; signature: string | null };

async function received(token: string | null = ORG_TOKEN): Promise<Response> {
  return fetch(`${portalUrl}/demo/receiver`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

test("the seeded demo endpoint delivers to the demo receiver, which answers 200 and keeps what it got", async () => {
  await seedDemo(t.database.db, { portalUrl });
  const demo = await findDemoApp(t.database.db);
  expect(demo).not.toBeNull();
  const [endpoint] = (await t.svix.endpoint.list("demo")).data;
  expect(endpoint!.url).toBe(`${portalUrl}/demo/receiver`);

  const msg = await t.svix.message.create("demo", { eventType: "invoice.paid", payload: { id: "in_demo", amount: 4200 } });
  const attempts = await eventually(
    () => t.svix.messageAttempt.listByMsg("demo", msg.id, { withContent: true }),
    (p) => p.data.length > 0,
  );
  expect(attempts.data[0]).toMatchObject({ responseStatusCode: 200, status: 0, url: `${portalUrl}/demo/receiver` });

  const res = await received();
  expect(res.status).toBe(200);
  const { data } = (await res.json()) as { data: Delivery[] };
  const got = data.find((d) => d.id === msg.id);
  expect(got?.body).toBe(JSON.stringify({ id: "in_demo", amount: 4200 }));
  expect(got?.signature).toMatch(/^v1,/);
  expect(stray).toEqual([]);
});

test("reading the demo receiver takes the org token", async () => {
  expect((await received(null)).status).toBe(401);
  const app = await t.svix.application.create({ name: "App token only" });
  const appToken = await t.core.mintAppToken(app.id);
  const res = await received(appToken);
  expect(res.status).toBe(401);
  expect(await res.json()).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
});

test("the demo receiver keeps the last 100 deliveries and the first 20 KB of each", async () => {
  for (let i = 0; i < 105; i++) {
    const res = await fetch(`${portalUrl}/demo/receiver`, { method: "POST", headers: { "webhook-id": `msg_bulk_${i}` }, body: i === 104 ? "x".repeat(50_000) : "{}" });
    expect(res.status).toBe(200);
  }
  const { data } = (await (await received()).json()) as { data: (Delivery & { truncated: boolean })[] };
  expect(data).toHaveLength(100);
  expect(data[0]).toMatchObject({ id: "msg_bulk_104", truncated: true });
  expect(data[0]!.body).toHaveLength(20_000);
  expect(data.at(-1)!.id).toBe("msg_bulk_5");
});

/** Everything of Porthole's own origin but the exact demo receiver URL, and its host on another port. */
function nearMisses(): string[] {
  const port = new URL(portalUrl).port;
  return [
    `${portalUrl}/api/v1/health`,
    `${portalUrl}/demo/receiver/other`,
    `${portalUrl}/demo/receiver?x=1`,
    `${portalUrl}/demo`,
    `${portalUrl}//127.0.0.1:${port}/demo/receiver`,
    `http://localhost:${port}/demo/receiver`,
    `${other.url}/demo/receiver`,
  ];
}

test("the API refuses every other URL of Porthole's own origin and host", async () => {
  const app = await t.svix.application.create({ name: "Near misses" });
  for (const url of nearMisses()) {
    const err = await t.svix.endpoint.create(app.id, { url }).then(() => undefined, (e: unknown) => e);
    expect(err, url).toBeInstanceOf(ApiException);
    expect((err as ApiException<unknown>).code, url).toBe(422);
  }
  // The exact URL is accepted, so a README snippet can point an endpoint at it.
  await expect(t.svix.endpoint.create(app.id, { url: `${portalUrl}/demo/receiver` })).resolves.toMatchObject({ url: `${portalUrl}/demo/receiver` });
});

test("deliveries to any other URL of Porthole's own origin or host are refused at send time", async () => {
  const app = await t.svix.application.create({ name: "Near misses, saved anyway" });
  const urls = nearMisses();
  // Inserted directly: the API's create-time check is what these rows got around.
  for (const url of urls) await t.database.db.insert(endpoints).values({ id: newId("ep_"), appId: app.id, url, secret: generateSecret() });
  const before = other.received.length;
  const msg = await t.svix.message.create(app.id, { eventType: "invoice.paid", payload: { id: "in_refused" } });
  const page = await eventually(
    () => t.svix.messageAttempt.listByMsg(app.id, msg.id, { withContent: true, limit: 100 }),
    (p) => p.data.length >= urls.length,
  );
  for (const a of page.data) {
    expect(a.responseStatusCode, a.url).toBe(0);
    expect(a.response, a.url).toMatch(/is loopback; endpoints may not target private or internal networks/);
  }
  expect(stray).toEqual([]);
  expect(other.received.length).toBe(before);
});

test("the agent itself sends only the exact URL through: other paths of the same origin are refused at connect time", async () => {
  const port = new URL(portalUrl).port;
  const exact = `http://localhost:${port}/demo/receiver`;
  // By name, so the guard's DNS check (not the sender's early literal check) is what decides.
  const agent = createGuardedAgent({ policy: ssrfPolicy([], [exact]) });
  try {
    const origin = `http://localhost:${port}`;
    const ok = await agent.request({ origin, path: "/demo/receiver", method: "POST", body: "{}" });
    expect(ok.statusCode).toBe(200);
    await ok.body.dump();
    for (const path of ["/api/v1/health", "/demo/receiver/x", "/demo/receiver?x=1", `//localhost:${port}/demo/receiver`]) {
      const err = await agent.request({ origin, path, method: "POST", body: "{}" }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, path).toBeInstanceOf(ForbiddenAddressError);
    }
  } finally {
    await agent.close();
  }
  expect(stray).toEqual([]);
});
