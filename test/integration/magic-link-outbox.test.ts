import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { AFTER_SIGN_IN, confirmAction, confirmLink } from "@/lib/auth/confirm-link";
import { maskEmail, sendSignInMail } from "@/lib/auth/mailer";
import { captureLog } from "@/lib/log";

const PORTAL = "http://127.0.0.1:4010";
const dataDir = mkdtempSync(path.join(os.tmpdir(), "porthole-outbox-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test("without EMAIL_SERVER the mail is written to DATA_DIR/outbox, the link readable there and never logged", async () => {
  const lines: string[] = [];
  const restore = captureLog({ write: (line) => lines.push(line) });
  const token = "a".repeat(64);
  const link = `${PORTAL}/confirm?token=${token}&email=ada%40customer.example`;
  const delivery = await sendSignInMail({ emailServer: undefined, emailFrom: undefined, dataDir, portalUrl: PORTAL }, "ada@customer.example", link);
  restore();
  expect(delivery.via).toBe("outbox");
  const files = readdirSync(path.join(dataDir, "outbox")).sort();
  expect(files).toHaveLength(2);
  expect(files[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d-]+Z-[0-9a-f]{12}\.eml$/);
  expect(files[1]).toBe(files[0]!.replace(/\.eml$/, ".txt"));
  const eml = readFileSync(path.join(dataDir, "outbox", files[0]!), "utf8");
  expect(eml).toMatch(/^To: ada@customer\.example$/m);
  expect(eml).toMatch(/^Subject: Sign in to 127\.0\.0\.1:4010$/m);
  expect(eml).toContain("From: Porthole <no-reply@127.0.0.1>");
  // The plain-text copy holds the link as it is: copied from there, it works.
  const txt = readFileSync(path.join(dataDir, "outbox", files[1]!), "utf8");
  expect(txt).toMatch(/^To: ada@customer\.example$/m);
  expect(txt.split(/\s+/)).toContain(link);

  const logged = lines.map((l) => JSON.parse(l) as { level: number; to?: string; file?: string });
  expect(logged).toHaveLength(1);
  expect(logged[0]).toMatchObject({ level: 30, to: "a***@customer.example", file: path.join(dataDir, "outbox", files[1]!) });
  expect(lines.join("\n")).not.toContain(token);
  expect(lines.join("\n")).not.toContain("ada@customer.example");
});

test("addresses are masked to their first letter and domain", () => {
  expect(maskEmail("ada@customer.example")).toBe("a***@customer.example");
  expect(maskEmail("x@y.z")).toBe("x***@y.z");
  expect(maskEmail("not-an-address")).toBe("***");
});

test("the mailed link is the confirm page, carrying next-auth's token, email and callback", () => {
  const callback = `${PORTAL}/api/auth/callback/email?callbackUrl=%2Fapps&token=abc123abc123abc123&email=ada%40customer.example`;
  const link = new URL(confirmLink(PORTAL, callback));
  expect(link.origin + link.pathname).toBe(`${PORTAL}/confirm`);
  expect(Object.fromEntries(link.searchParams)).toEqual({ token: "abc123abc123abc123", email: "ada@customer.example", callbackUrl: "/apps" });
});

test("the confirm form posts to next-auth's callback, and only back to the portal", () => {
  const token = "f".repeat(64);
  const ok = confirmAction(PORTAL, { token, email: "ada@customer.example", callbackUrl: `${PORTAL}/apps?x=1` });
  expect(ok?.action).toBe(`/api/auth/callback/email?callbackUrl=%2Fapps%3Fx%3D1&token=${token}&email=ada%40customer.example`);
  const offsite = confirmAction(PORTAL, { token, email: "ada@customer.example", callbackUrl: "https://evil.example/apps" });
  expect(new URLSearchParams(offsite!.action.split("?")[1]).get("callbackUrl")).toBe(AFTER_SIGN_IN);
  const protocolRelative = confirmAction(PORTAL, { token, email: "ada@customer.example", callbackUrl: "//evil.example/x" });
  expect(new URLSearchParams(protocolRelative!.action.split("?")[1]).get("callbackUrl")).toBe(AFTER_SIGN_IN);
  const bareOrigin = confirmAction(PORTAL, { token, email: "ada@customer.example", callbackUrl: PORTAL });
  expect(new URLSearchParams(bareOrigin!.action.split("?")[1]).get("callbackUrl")).toBe(AFTER_SIGN_IN);
  expect(confirmAction(PORTAL, { email: "ada@customer.example" })).toBeNull();
  expect(confirmAction(PORTAL, { token: "<script>", email: "ada@customer.example" })).toBeNull();
});
