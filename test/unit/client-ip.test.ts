import { describe, expect, test } from "vitest";
import { clientIp, rateLimitSubject, type TrustedProxies } from "@/lib/client-ip";
import { parseEnv } from "@/lib/env";
import { PEER_HEADER } from "../support/peer";

const req = (peer: string | null, forwarded?: string) => {
  const headers = new Headers();
  if (peer !== null) headers.set(PEER_HEADER, peer);
  if (forwarded !== undefined) headers.set("x-forwarded-for", forwarded);
  return new Request("http://localhost/", { headers });
};
const trusted = (value: string): TrustedProxies => parseEnv({ TRUSTED_PROXIES: value }).trustedProxies;

describe("without TRUSTED_PROXIES the socket's address is the client", () => {
  test("a spoofed X-Forwarded-For changes nothing", () => {
    expect(clientIp(req("203.0.113.7", "198.51.100.1"))).toBe("203.0.113.7");
    expect(clientIp(req("203.0.113.7", "10.0.0.1, 198.51.100.1"), trusted(""))).toBe("203.0.113.7");
    expect(clientIp(req("::ffff:203.0.113.7", "198.51.100.1"))).toBe("203.0.113.7");
  });
  test("no socket address (a peer header that is not an address) is unknown, never the header's text", () => {
    expect(clientIp(req(null, "198.51.100.1"))).toBeNull();
    expect(clientIp(req("x".repeat(3000), "198.51.100.1"))).toBeNull();
  });
});

describe("TRUSTED_PROXIES as a hop count", () => {
  test("one proxy: the entry it appended, whatever the client put before it", () => {
    expect(clientIp(req("10.0.0.2", "6.6.6.6, 203.0.113.7"), trusted("1"))).toBe("203.0.113.7");
    expect(clientIp(req("10.0.0.2", "203.0.113.7"), trusted("1"))).toBe("203.0.113.7");
  });
  test("two proxies: the second entry from the right", () => {
    expect(clientIp(req("10.0.0.2", "6.6.6.6, 203.0.113.7, 10.0.0.3"), trusted("2"))).toBe("203.0.113.7");
  });
  test("a chain shorter than the hops names its first entry; no header names the socket", () => {
    expect(clientIp(req("10.0.0.2", "203.0.113.7"), trusted("3"))).toBe("203.0.113.7");
    expect(clientIp(req("10.0.0.2"), trusted("1"))).toBe("10.0.0.2");
  });
  test("an entry that is not an address names the proxy after it", () => {
    expect(clientIp(req("10.0.0.2", "<script>"), trusted("1"))).toBe("10.0.0.2");
    expect(clientIp(req("10.0.0.2", "1.2.3"), trusted("1"))).toBe("10.0.0.2");
  });
});

describe("TRUSTED_PROXIES as CIDRs", () => {
  const ranges = trusted("10.0.0.0/8, 2001:db8::/32");
  test("the nearest entry outside the ranges", () => {
    expect(clientIp(req("10.0.0.2", "6.6.6.6, 203.0.113.7, 10.9.9.9"), ranges)).toBe("203.0.113.7");
    expect(clientIp(req("2001:db8::1", "6.6.6.6, 2001:db8:ffff::9"), ranges)).toBe("6.6.6.6");
  });
  test("a socket outside the ranges is the client: its X-Forwarded-For is not believed", () => {
    expect(clientIp(req("203.0.113.7", "10.0.0.9"), ranges)).toBe("203.0.113.7");
  });
  test("every hop trusted: the first entry", () => {
    expect(clientIp(req("10.0.0.2", "10.1.1.1, 10.2.2.2"), ranges)).toBe("10.1.1.1");
  });
});

test("TRUSTED_PROXIES is checked at start-up", () => {
  expect(trusted("2")).toEqual({ kind: "hops", hops: 2 });
  expect(trusted("127.0.0.1")).toMatchObject({ kind: "ranges", ranges: [[expect.anything(), 32]] });
  for (const bad of ["0", "99", "proxy", "10.0.0.0/99", ","]) {
    expect(() => parseEnv({ TRUSTED_PROXIES: bad }), bad).toThrow(/TRUSTED_PROXIES/);
  }
});

test("rate limits count IPv4 addresses one by one and IPv6 by /64", () => {
  expect(rateLimitSubject("203.0.113.7")).toBe("203.0.113.7");
  expect(rateLimitSubject("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
  expect(rateLimitSubject("2001:db8:1:2:bbbb::9")).toBe("2001:db8:1:2::/64");
  expect(rateLimitSubject(null)).toBe("unknown");
});
