import { afterEach, expect, test, vi } from "vitest";
import { isKnownOrgToken, ORG_TOKEN_TTL_MS, rememberOrgToken } from "@/lib/admin/org-token-cache";
import type { CoreLink } from "@/lib/runtime";

const link = (): CoreLink => ({ mode: "external", serverUrl: "http://127.0.0.1:1", orgToken: "unused" });

afterEach(() => {
  vi.useRealTimers();
});

test("a confirmed org token is trusted for its link only, and for at most a minute", () => {
  vi.useFakeTimers({ now: new Date("2026-01-01T00:00:00Z") });
  const a = link();
  const b = link();
  expect(isKnownOrgToken(a, "tok")).toBe(false);
  rememberOrgToken(a, "tok");
  expect(isKnownOrgToken(a, "tok")).toBe(true);
  expect(isKnownOrgToken(a, "tok2")).toBe(false);
  expect(isKnownOrgToken(b, "tok")).toBe(false);
  vi.setSystemTime(Date.now() + ORG_TOKEN_TTL_MS - 1);
  expect(isKnownOrgToken(a, "tok")).toBe(true);
  vi.setSystemTime(Date.now() + 1);
  expect(isKnownOrgToken(a, "tok")).toBe(false);
});

test("the cache stays bounded: the oldest entries go first", () => {
  const a = link();
  for (let i = 0; i < 1000; i++) rememberOrgToken(a, `tok-${i}`);
  expect(isKnownOrgToken(a, "tok-999")).toBe(true);
  expect(isKnownOrgToken(a, "tok-0")).toBe(false);
});
