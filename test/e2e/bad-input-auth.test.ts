/**
 * Bad input on next-auth's route, through the production server: a 422 in the portal's shape
 * before next-auth does any work, never a 500, and no mail, user or sign-in token written.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { Svix } from "svix";
import { afterAll, beforeAll, expect, test } from "vitest";
import { rows, type Database } from "@/lib/db/client";
import { testDatabase } from "../support/database";
import { startNextServer, type NextServer } from "../support/next-server";
import { startSmtp, type SmtpCatcher } from "../support/smtp";

const ORG_TOKEN = "ph_org_bad_auth_input_0123456789abcdef";
const MEMBER = "ada@customer.example";

type ErrorBody = { error: { code: string; message: string; issues?: { path: string; message: string }[] } };

let smtp: SmtpCatcher;
let server: NextServer;
let dataDir: string;
let postgres: (Database & { url: string | undefined }) | undefined;
let csrf: { token: string; cookie: string };

const auth = (pathAndQuery: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
  fetch(`${server.url}/api/auth/${pathAndQuery}`, {
    method: init.method ?? "GET",
    headers: { origin: server.url, cookie: csrf?.cookie ?? "", ...init.headers },
    body: init.body,
    redirect: "manual",
  });

const form = (fields: Record<string, string>) => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams({ csrfToken: csrf.token, ...fields }).toString(),
});

async function expectInvalid(res: Response, field?: string): Promise<void> {
  const text = await res.text();
  expect(res.status, text).toBe(422);
  const body = JSON.parse(text) as ErrorBody;
  expect(body.error.code, text).toBe("invalid");
  if (field !== undefined) expect(body.error.issues?.map((i) => i.path), text).toContain(field);
}

/**
 * Mails sent, plus users and sign-in tokens when the database is Postgres (the server holds a
 * PGlite data directory alone).
 */
async function written(): Promise<number> {
  if (!postgres) return smtp.mails.length;
  const [row] = await rows<{ n: number }>(
    postgres.db,
    sql`SELECT (SELECT count(*)::int FROM auth_users) + (SELECT count(*)::int FROM auth_verification_tokens) AS n`,
  );
  return row!.n + smtp.mails.length;
}

beforeAll(async () => {
  smtp = await startSmtp();
  dataDir = mkdtempSync(path.join(os.tmpdir(), "porthole-bad-auth-"));
  postgres = process.env.DATABASE_URL ? await testDatabase() : undefined;
  server = await startNextServer({
    DATA_DIR: dataDir,
    DATABASE_URL: postgres?.url,
    EMAIL_SERVER: smtp.url,
    EMAIL_FROM: "Porthole <login@porthole.test>",
    CORE_API_TOKEN: ORG_TOKEN,
  });
  const app = await new Svix(ORG_TOKEN, { serverUrl: server.url }).application.create({ name: "Bad auth input" });
  const put = await fetch(`${server.url}/api/admin/apps/${app.id}/members/${encodeURIComponent(MEMBER)}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${ORG_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ capabilities: null }),
  });
  expect(put.ok, await put.text()).toBe(true);
  const res = await fetch(`${server.url}/api/auth/csrf`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  csrf = { token: ((await res.json()) as { csrfToken: string }).csrfToken, cookie };
}, 300_000);

afterAll(async () => {
  await server?.stop();
  await smtp?.close();
  await postgres?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test("a JSON content type with a body that is not a JSON object is a 422", async () => {
  const before = await written();
  for (const body of ["{not json", "null", "[1]"]) {
    await expectInvalid(await auth("signin/email", { method: "POST", headers: { "content-type": "application/json" }, body }));
  }
  expect(await written()).toBe(before);
});

test("a callbackUrl off the portal, or one next-auth cannot parse, is a 422 at callbackUrl", async () => {
  const before = await written();
  for (const callbackUrl of ["\\\\evil.example", "\\evil.example", "//evil.example", "https://evil.example/"]) {
    await expectInvalid(await auth("signin/email", form({ email: MEMBER, callbackUrl })), "callbackUrl");
    await expectInvalid(await auth(`signin?${new URLSearchParams({ callbackUrl })}`), "callbackUrl");
  }
  expect(await written()).toBe(before);
});

test("an email containing NUL or a lone surrogate is a 422 and writes nothing", async () => {
  const before = await written();
  await expectInvalid(await auth("signin/email", form({ email: "ada\u0000@customer.example" })), "email");
  // A lone surrogate cannot cross a form body (URL encoding writes U+FFFD), but it can in JSON.
  const json = JSON.stringify({ csrfToken: csrf.token, email: `${MEMBER}\ud800` });
  await expectInvalid(await auth("signin/email", { method: "POST", headers: { "content-type": "application/json" }, body: json }), "email");
  expect(await written()).toBe(before);
});

test("a sign-in with a portal callbackUrl still goes through to next-auth", async () => {
  const res = await auth("signin/email", form({ email: MEMBER, callbackUrl: "/apps" }));
  expect(res.status, await res.text()).toBe(302);
  expect(res.headers.get("location")).toContain("/api/auth/verify-request");
});

test("an oversize sign-in body is a 413 before next-auth reads it", async () => {
  const before = await written();
  const res = await auth("signin/email", form({ email: MEMBER, filler: "x".repeat(20 * 1024) }));
  expect(res.status, await res.text()).toBe(413);
  expect(await written()).toBe(before);
});
