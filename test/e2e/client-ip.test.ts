/**
 * The client's address through the real production server (npm start's `next start` with
 * scripts/peer-address.mjs): Next.js keeps a client-sent X-Forwarded-For as it is, so without
 * TRUSTED_PROXIES the audit log and the per-client limits must come from the socket; with it,
 * from the entry the named proxies vouch for. Bad values never make a 500 or a redirect with SQL.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { Svix } from "svix";
import { afterAll, afterEach, expect, test } from "vitest";
import { rows, type Database } from "@/lib/db/client";
import { testDatabase } from "../support/database";
import { startNextServer, type NextServer } from "../support/next-server";

const ORG_TOKEN = "e2e_client_ip_token_0123456789abcdef";
const dirs: string[] = [];
let server: NextServer | undefined;
let postgres: (Database & { url: string | undefined }) | undefined;

afterEach(async () => {
  await server?.stop();
  server = undefined;
  await postgres?.close();
  postgres = undefined;
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function serve(env: Record<string, string | undefined> = {}): Promise<NextServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "porthole-client-ip-"));
  dirs.push(dataDir);
  postgres = process.env.DATABASE_URL ? await testDatabase() : undefined;
  server = await startNextServer({ DATA_DIR: dataDir, DATABASE_URL: postgres?.url, CORE_API_TOKEN: ORG_TOKEN, ...env });
  return server;
}

/** An admin action (audited) sent with `headers`, then the IP the audit log recorded for it. */
async function auditedIp(s: NextServer, headers: Record<string, string>): Promise<string | null> {
  const app = await new Svix(ORG_TOKEN, { serverUrl: s.url }).application.create({ name: "Audited" });
  const put = await fetch(`${s.url}/api/admin/apps/${app.id}/members/ada%40example.com`, {
    method: "PUT",
    headers: { authorization: `Bearer ${ORG_TOKEN}`, "content-type": "application/json", ...headers },
    body: "{}",
  });
  expect(put.status, await put.text()).toBeLessThan(300);
  const audit = await fetch(`${s.url}/api/admin/apps/${app.id}/audit`, { headers: { authorization: `Bearer ${ORG_TOKEN}` } });
  const { data } = (await audit.json()) as { data: { action: string; ip: string | null }[] };
  return data.find((e) => e.action === "admin.member.put")?.ip ?? null;
}

const exchange = (s: NextServer, headers: Record<string, string>) =>
  fetch(`${s.url}/api/portal/session/exchange`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ ticket: "t".repeat(40), appId: "app_2fR9c8LqfJcQk5TnZs1vXy3Wd7M" }),
  });

test("without TRUSTED_PROXIES: the socket's address, whatever the client writes in X-Forwarded-For or the peer header", async () => {
  const s = await serve();
  expect(await auditedIp(s, { "x-forwarded-for": "198.51.100.66" })).toBe("127.0.0.1");
  expect(await auditedIp(s, { "x-forwarded-for": "10.0.0.1, 198.51.100.66", "x-porthole-peer": "6.6.6.6" })).toBe("127.0.0.1");
  expect(await auditedIp(s, {})).toBe("127.0.0.1");

  // A 3 KB value (random: Postgres would compress a repetitive one under its index limit) is just another bad ticket.
  const huge = await exchange(s, { "x-forwarded-for": randomBytes(1536).toString("hex") });
  expect(huge.status, await huge.text()).toBe(401);
  // New spoofed values do not buy new budgets: 60 tries a minute per client, the huge one included.
  const statuses: number[] = [];
  for (let i = 0; i < 61; i++) statuses.push((await exchange(s, { "x-forwarded-for": `198.51.100.${i}` })).status);
  expect(statuses.slice(0, 59).every((c) => c === 401)).toBe(true);
  expect(statuses.slice(59)).toEqual([429, 429]);
  if (postgres) {
    const [row] = await rows<{ n: number }>(postgres.db, sql`SELECT count(*)::int AS n FROM rate_limits`);
    expect(row!.n).toBe(1);
  }
});

test("a sign-in with a 3 KB X-Forwarded-For goes where any sign-in goes; no redirect holds SQL", async () => {
  const s = await serve({ TRUSTED_PROXIES: "1" });
  const csrf = await fetch(`${s.url}/api/auth/csrf`);
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  for (const forwarded of [randomBytes(1536).toString("hex"), `${randomBytes(1536).toString("hex")}, 203.0.113.9`]) {
    const res = await fetch(`${s.url}/api/auth/signin/email`, {
      method: "POST",
      headers: { origin: s.url, cookie, "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": forwarded },
      body: new URLSearchParams({ csrfToken, email: "nobody@example.com", callbackUrl: "/apps" }).toString(),
      redirect: "manual",
    });
    const location = res.headers.get("location") ?? "";
    expect(res.status, location).toBe(302);
    expect(location).toContain("/api/auth/verify-request");
    expect(location).not.toMatch(/query|insert|rate_limits|params/i);
  }
});

test("TRUSTED_PROXIES=1: the entry the one proxy appended; text before it is the client's invention", async () => {
  const s = await serve({ TRUSTED_PROXIES: "1" });
  expect(await auditedIp(s, { "x-forwarded-for": "6.6.6.6, 203.0.113.9" })).toBe("203.0.113.9");
  // Straight to the server (no proxy wrote anything): the socket.
  expect(await auditedIp(s, {})).toBe("127.0.0.1");
  // Budgets follow the forwarded client.
  for (let i = 0; i < 60; i++) await exchange(s, { "x-forwarded-for": `6.6.6.${i}, 203.0.113.9` });
  expect((await exchange(s, { "x-forwarded-for": "203.0.113.9" })).status).toBe(429);
  expect((await exchange(s, { "x-forwarded-for": "203.0.113.10" })).status).toBe(401);
});

test("TRUSTED_PROXIES as CIDRs: the nearest entry outside them", async () => {
  const s = await serve({ TRUSTED_PROXIES: "127.0.0.0/8,10.0.0.0/8" });
  expect(await auditedIp(s, { "x-forwarded-for": "6.6.6.6, 203.0.113.9, 10.1.2.3" })).toBe("203.0.113.9");
  expect(await auditedIp(s, { "x-forwarded-for": "203.0.113.7" })).toBe("203.0.113.7");
});
