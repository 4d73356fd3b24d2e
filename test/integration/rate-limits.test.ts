/**
 * Per-client rate limits and the audit log take the client's address from the socket (or the
 * proxy TRUSTED_PROXIES vouches for), never from what a client writes in X-Forwarded-For; the
 * rate_limits table stays bounded whatever clients send, and ended windows are deleted.
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect, onTestFinished, test, vi } from "vitest";
import { POST as exchange } from "@/app/api/portal/session/exchange/route";
import { writeAudit } from "@/lib/audit";
import { rows } from "@/lib/db/client";
import { PEER_HEADER } from "../support/peer";
import { startPortal, type TestPortal } from "../support/portal";

let p: TestPortal;
beforeAll(async () => {
  p = await startPortal();
});
afterAll(() => p?.close());
beforeEach(async () => {
  await p.database.db.execute(sql`DELETE FROM rate_limits`);
  p.rt.trustedProxies = undefined;
});

// A well-formed exchange with a ticket that names nothing (the page names some app).
const BAD_TICKET = { ticket: "t".repeat(40), appId: "app_2fR9c8LqfJcQk5TnZs1vXy3Wd7M" };
const tryTicket = (headers: Record<string, string>) =>
  p.call(exchange, { method: "POST", path: "/api/portal/session/exchange", body: BAD_TICKET, headers });

async function limitRows(): Promise<{ key: string; count: number }[]> {
  return rows(p.database.db, sql`SELECT key, count FROM rate_limits ORDER BY key`);
}

test("1,000 spoofed X-Forwarded-For values from one socket are one client: one row, and the 61st try is refused", async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const res = await tryTicket({ [PEER_HEADER]: "192.0.2.10", "x-forwarded-for": `198.51.${i >> 8}.${i & 255}` });
    statuses.push(res.status);
  }
  expect(statuses.slice(0, 60).every((s) => s === 401)).toBe(true);
  expect(statuses.slice(60).every((s) => s === 429)).toBe(true);
  const kept = await limitRows();
  expect(kept).toHaveLength(1);
  expect(kept[0]!.count).toBe(1000);
  // Fixed length, and the address is not kept in clear.
  expect(kept[0]!.key).toMatch(/^exchange:[A-Za-z0-9_-]{22}$/);
});

test("a 3 KB X-Forwarded-For (or peer) value is a 401 like any other bad ticket, never a 500", async () => {
  // Random, so that Postgres cannot compress it below its index limit.
  const huge = randomBytes(1536).toString("hex");
  const cases: Record<string, string>[] = [{ [PEER_HEADER]: "192.0.2.11", "x-forwarded-for": huge }, { [PEER_HEADER]: huge }];
  for (const headers of cases) {
    const res = await tryTicket(headers);
    expect(res.status, await res.text()).toBe(401);
  }
  p.rt.trustedProxies = { kind: "hops", hops: 1 };
  const res = await tryTicket({ [PEER_HEADER]: "10.0.0.2", "x-forwarded-for": `${huge}, ${huge}` });
  expect(res.status).toBe(401);
  for (const row of await limitRows()) expect(row.key.length).toBeLessThan(64);
});

test("behind one proxy (hop count), clients get their own budgets and the text before their entry is ignored", async () => {
  p.rt.trustedProxies = { kind: "hops", hops: 1 };
  for (let i = 0; i < 61; i++) await tryTicket({ [PEER_HEADER]: "10.0.0.2", "x-forwarded-for": `6.6.6.${i}, 203.0.113.1` });
  expect((await tryTicket({ [PEER_HEADER]: "10.0.0.2", "x-forwarded-for": "203.0.113.1" })).status).toBe(429);
  expect((await tryTicket({ [PEER_HEADER]: "10.0.0.2", "x-forwarded-for": "203.0.113.2" })).status).toBe(401);
  expect(await limitRows()).toHaveLength(2);
});

test("behind proxies named by CIDR, the nearest untrusted entry is the client; an untrusted socket is believed alone", async () => {
  p.rt.trustedProxies = { kind: "ranges", ranges: [[(await import("ipaddr.js")).default.parse("10.0.0.0"), 8]] };
  for (let i = 0; i < 61; i++) await tryTicket({ [PEER_HEADER]: "10.0.0.2", "x-forwarded-for": `6.6.6.${i}, 203.0.113.1, 10.1.1.1` });
  expect((await tryTicket({ [PEER_HEADER]: "10.0.0.3", "x-forwarded-for": "203.0.113.1" })).status).toBe(429);
  // Not one of ours: its X-Forwarded-For is the client's own invention.
  expect((await tryTicket({ [PEER_HEADER]: "192.0.2.12", "x-forwarded-for": "203.0.113.1" })).status).toBe(401);
});

test("rows whose window has ended are deleted", async () => {
  for (let i = 0; i < 20; i++) await tryTicket({ [PEER_HEADER]: `192.0.2.${100 + i}` });
  expect(await limitRows()).toHaveLength(20);
  await p.database.db.execute(sql`UPDATE rate_limits SET window_start = window_start - interval '2 minutes'`);
  // Sweeps run at most once a window per process: move this process's clock past one.
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 61_000 });
  onTestFinished(() => void vi.useRealTimers());
  await tryTicket({ [PEER_HEADER]: "192.0.2.200" });
  const kept = await limitRows();
  expect(kept).toHaveLength(1);
  expect(kept[0]!.count).toBe(1);
});

test("the audit log records the socket's address, not a spoofed X-Forwarded-For", async () => {
  const appId = "app_audit_ip";
  const at = (headers: Record<string, string>) =>
    writeAudit(p.rt, new Request("http://localhost:3000/api/portal/endpoints", { headers }), { appId, sessionId: null, actorEmail: null, action: "test.ip" });
  await at({ [PEER_HEADER]: "192.0.2.50", "x-forwarded-for": "198.51.100.66" });
  p.rt.trustedProxies = { kind: "hops", hops: 1 };
  await at({ [PEER_HEADER]: "10.0.0.2", "x-forwarded-for": "198.51.100.66, 203.0.113.5" });
  const logged = await rows<{ ip: string | null }>(p.database.db, sql`SELECT ip FROM portal_audit WHERE app_id = ${appId} ORDER BY id`);
  expect(logged.map((r) => r.ip)).toEqual(["192.0.2.50", "203.0.113.5"]);
});
