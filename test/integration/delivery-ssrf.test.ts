import net from "node:net";
import { ApiException } from "svix";
import { Agent, request } from "undici";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { generateSecret } from "@/lib/core/dispatcher/signing";
import { newId } from "@/lib/core/ids";
import { endpoints } from "@/lib/db/schema";
import { startCore, type TestCore } from "../support/core-server";
import { eventually, startReceiver } from "../support/receiver";

// Nothing is allowlisted: loopback is as forbidden as any internal address.
let t: TestCore;
let rx: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  [t, rx] = await Promise.all([startCore({ allowlist: [] }), startReceiver()]);
});
afterAll(async () => {
  await rx.close();
  await t.close();
});

const POLICY = /is (loopback|private|link-local|IPv4-mapped); endpoints may not target private or internal networks/;

test("the API refuses internal addresses when an endpoint is created", async () => {
  const app = await t.svix.application.create({ name: "SSRF create" });
  for (const url of [`http://localhost:${port()}/`, "http://10.0.0.1/", "http://[::ffff:127.0.0.1]/"]) {
    const err = await t.svix.endpoint.create(app.id, { url }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(ApiException);
    expect((err as ApiException<unknown>).code).toBe(422);
  }
});

test("endpoints that point inside anyway (saved when their name resolved elsewhere) are refused at send time", async () => {
  const app = await t.svix.application.create({ name: "SSRF send" });
  const urls = [
    `http://localhost:${port()}/`,
    `http://127.0.0.1:${port()}/`,
    `http://[::ffff:127.0.0.1]:${port()}/`,
    `http://10.0.0.1:${port()}/`,
    "http://169.254.169.254/latest/meta-data",
  ];
  // Inserted directly: the API's create-time check is exactly what these rows got around.
  const ids = await Promise.all(
    urls.map(async (url) => {
      const id = newId("ep_");
      await t.database.db.insert(endpoints).values({ id, appId: app.id, url, secret: generateSecret() });
      return id;
    }),
  );
  const connect = vi.spyOn(net, "connect");
  let targets: (string | undefined)[];
  try {
    const msg = await t.svix.message.create(app.id, { eventType: "user.created", payload: { id: "u1" } });
    // Every retry is refused the same way: 1 + 3 scheduled attempts per endpoint.
    const page = await eventually(
      () => t.svix.messageAttempt.listByMsg(app.id, msg.id, { withContent: true, limit: 100 }),
      (p) => p.data.length === urls.length * 4,
    );
    for (const a of page.data) {
      expect(a.responseStatusCode).toBe(0);
      expect(a.status).toBe(2);
      expect(a.response).toMatch(POLICY);
    }
    expect(new Set(page.data.map((a) => a.endpointId))).toEqual(new Set(ids));
    const byUrl = (u: string) => page.data.find((a) => a.url === u)!.response;
    expect(byUrl(urls[3]!)).toContain("10.0.0.1 is private");
    expect(byUrl(urls[4]!)).toContain("169.254.169.254 is link-local");

    const dests = await eventually(
      () => t.svix.messageAttempt.listAttemptedDestinations(app.id, msg.id),
      (p) => p.data.every((d) => d.status === 2),
    );
    expect(dests.data).toHaveLength(urls.length);

    // Control: an undici request (what the dispatcher uses) that may connect is seen by the spy.
    const control = new Agent();
    await (await request(rx.url, { dispatcher: control, method: "POST", body: "{}" })).body.text();
    await control.close();
    targets = connect.mock.calls.map((args) => hostOf(args[0]));
  } finally {
    connect.mockRestore();
  }
  // No socket was ever opened towards the forbidden hosts, and the receiver behind them saw nothing.
  for (const host of ["10.0.0.1", "169.254.169.254", "::ffff:127.0.0.1", "::ffff:7f00:1", "localhost"]) {
    expect(targets).not.toContain(host);
  }
  expect(targets).toEqual(["127.0.0.1"]);
  // Only the control request reached the receiver.
  expect(rx.received).toHaveLength(1);
});

function port(): number {
  return Number(new URL(rx.url).port);
}

/** The host net.connect was asked for, in its options form (undici's) or its (port, host) form. */
function hostOf(first: unknown): string | undefined {
  if (typeof first === "object" && first !== null && "host" in first) return String(first.host);
  return undefined;
}

test("every response matched the contract", () => {
  expect(t.violations).toEqual([]);
});
