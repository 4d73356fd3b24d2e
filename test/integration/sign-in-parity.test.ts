/**
 * Asking for a sign-in link does the same work for a member and a stranger until the answer is
 * sent (so its timing cannot tell them apart; bench/sign-in.ts measures that), and only then
 * mails the member. next-auth's own handler runs in-process; `after()` is captured so the test
 * decides when the work after the answer runs.
 */
import { readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { AuthOptions } from "next-auth";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { authVerificationTokens, portalMembers } from "@/lib/db/schema";
import { startPortal, type TestPortal } from "../support/portal";

const deferred = vi.hoisted(() => {
  process.env.DATA_DIR = `${process.env.TMPDIR ?? "/tmp"}/porthole-sign-in-parity-${process.pid}`;
  return [] as (() => unknown)[];
});
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (task: () => unknown) => void deferred.push(task),
}));

const { authBaseUrl, authOptions } = await import("@/lib/auth/options");

/**
 * next-auth's core handler, which the route's NextAuth() wraps: the wrapper reads next/headers,
 * which only works inside a Next.js request. The package does not export the path, so it is
 * loaded from the file.
 */
type Internal<B> = { status?: number; body?: B; redirect?: string; cookies?: { name: string; value: string }[] };
const { AuthHandler } = createRequire(import.meta.url)(path.resolve("node_modules/next-auth/core/index.js")) as {
  AuthHandler<B>(params: { req: Request; options: AuthOptions }): Promise<Internal<B>>;
};

const MEMBER = "ada@customer.example";
const STRANGER = "mallory@elsewhere.example";
const outbox = path.join(process.env.DATA_DIR!, "outbox");

let p: TestPortal;
beforeAll(async () => {
  p = await startPortal();
  process.env.NEXTAUTH_URL = authBaseUrl(p.rt);
  const app = await p.svix.application.create({ name: "Signed in" });
  await p.database.db.insert(portalMembers).values({ appId: app.id, email: MEMBER });
});
afterAll(async () => {
  await p.close();
  rmSync(process.env.DATA_DIR!, { recursive: true, force: true });
});

/** What the browser does: fetch a CSRF token (and its cookie), then post the email form. */
async function requestLink(email: string, ip: string): Promise<{ status: number | undefined; redirect: string | undefined }> {
  const headers = { "x-forwarded-for": ip, origin: p.rt.portalUrl };
  const csrfReq = new Request(`${p.rt.portalUrl}/api/auth/csrf`, { headers });
  const csrf = await AuthHandler<{ csrfToken: string }>({ req: csrfReq, options: authOptions(p.rt, csrfReq) });
  const cookie = (csrf.cookies ?? []).map((c) => `${c.name}=${c.value}`).join("; ");
  const req = new Request(`${p.rt.portalUrl}/api/auth/signin/email`, {
    method: "POST",
    // The core handler reads a Request's body as JSON (the route's wrapper reads the form).
    headers: { ...headers, cookie, "content-type": "application/json" },
    body: JSON.stringify({ email, csrfToken: csrf.body!.csrfToken, callbackUrl: "/apps" }),
  });
  const res = await AuthHandler({ req, options: authOptions(p.rt, req) });
  return { status: res.status, redirect: res.redirect ?? (res.body as { url?: string } | undefined)?.url };
}

const tokensOf = (email: string) => p.database.db.select().from(authVerificationTokens).where(eq(authVerificationTokens.identifier, email));
const mails = () => {
  try {
    return readdirSync(outbox).filter((f) => f.endsWith(".eml"));
  } catch {
    return [];
  }
};

test("a member and a stranger get the same answer after the same work; only the member is mailed, after the answer", async () => {
  const member = await requestLink(MEMBER, "203.0.113.1");
  const stranger = await requestLink(STRANGER, "203.0.113.2");
  expect(stranger).toEqual(member);
  expect(member.redirect).toBe(`${authBaseUrl(p.rt)}/verify-request?provider=email&type=email`);

  // Until the answer: a stored token and one task after it, for each of them.
  expect(await tokensOf(MEMBER)).toHaveLength(1);
  expect(await tokensOf(STRANGER)).toHaveLength(1);
  expect(deferred).toHaveLength(2);
  expect(mails()).toEqual([]);

  // After it: the member's mail goes out; the stranger's token is gone, and nothing is sent.
  for (const task of deferred.splice(0)) await task();
  expect(mails()).toHaveLength(1);
  expect(await tokensOf(MEMBER)).toHaveLength(1);
  expect(await tokensOf(STRANGER)).toEqual([]);
});
