import ipaddr from "ipaddr.js";
import { describe, expect, it } from "vitest";
import { type Cidr, forbiddenReason, literalHostReason, ssrfPolicy } from "@/lib/core/dispatcher/ssrf";

const loopbackOnly: Cidr[] = [ipaddr.parseCIDR("127.0.0.1/32")];

describe("forbiddenReason", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["10.0.0.1", "private"],
    ["172.16.0.1", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "link-local"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["0.0.0.0", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["240.0.0.1", "reserved"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fe80::1", "link-local"],
    ["fc00::1", "unique-local"],
    ["ff02::1", "multicast"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:10.0.0.1", "private"],
    ["::7f00:1", "IPv4-compatible"],
    ["64:ff9b::a00:1", "NAT64"],
    ["2002:7f00:1::", "6to4"],
    ["2001:0:7f00:1::", "Teredo"],
  ])("refuses %s (%s)", (address, label) => {
    const reason = forbiddenReason(address, []);
    expect(reason).toContain(address);
    expect(reason).toContain(label);
    expect(reason).toContain("endpoints may not target private or internal networks");
  });

  it("words the reason for people", () => {
    expect(forbiddenReason("127.0.0.1", [])).toBe(
      "address 127.0.0.1 is loopback; endpoints may not target private or internal networks",
    );
    expect(forbiddenReason("::ffff:7f00:1", [])).toBe(
      "address ::ffff:7f00:1 (127.0.0.1) is loopback; endpoints may not target private or internal networks",
    );
  });

  it("allows public unicast addresses", () => {
    expect(forbiddenReason("93.184.216.34", [])).toBeNull();
    expect(forbiddenReason("2606:2800:220:1::", [])).toBeNull();
    expect(forbiddenReason("::ffff:93.184.216.34", [])).toBeNull();
  });

  it("refuses strings that are not IP addresses", () => {
    expect(forbiddenReason("example.com", [])).toMatch(/not a valid IP address/);
  });

  it("allows allowlisted addresses in both IPv4 and IPv4-mapped form", () => {
    expect(forbiddenReason("127.0.0.1", loopbackOnly)).toBeNull();
    expect(forbiddenReason("::ffff:127.0.0.1", loopbackOnly)).toBeNull();
    expect(forbiddenReason("::ffff:7f00:1", loopbackOnly)).toBeNull();
    expect(forbiddenReason("127.0.0.2", loopbackOnly)).toMatch(/loopback/);
    expect(forbiddenReason("::1", loopbackOnly)).toMatch(/loopback/);
  });

  it("treats an IPv4-mapped allowlist entry as its IPv4 network", () => {
    const mapped: Cidr[] = [ipaddr.parseCIDR("::ffff:10.0.0.0/104")];
    expect(forbiddenReason("10.1.2.3", mapped)).toBeNull();
    expect(forbiddenReason("11.0.0.1", mapped)).toBeNull();
    expect(forbiddenReason("192.168.0.1", mapped)).toMatch(/private/);
  });

  it("matches IPv6 allowlist entries only against IPv6 addresses", () => {
    const v6: Cidr[] = [ipaddr.parseCIDR("fd00::/8")];
    expect(forbiddenReason("fd12::1", v6)).toBeNull();
    expect(forbiddenReason("10.0.0.1", v6)).toMatch(/private/);
  });
});

describe("literalHostReason", () => {
  it("checks IP literals, including bracketed IPv6", () => {
    expect(literalHostReason("http://[::ffff:127.0.0.1]:8080/x", ssrfPolicy([]))).toMatch(/loopback/);
    expect(literalHostReason("http://[::1]/", ssrfPolicy([]))).toMatch(/address ::1 is loopback/);
    expect(literalHostReason("http://10.0.0.1/", ssrfPolicy([]))).toMatch(/address 10\.0\.0\.1 is private/);
    expect(literalHostReason("https://169.254.169.254/latest/meta-data", ssrfPolicy([]))).toMatch(/169\.254\.169\.254/);
  });

  it("sees through alternative IPv4 spellings the URL parser normalises", () => {
    expect(literalHostReason("http://2130706433/", ssrfPolicy([]))).toMatch(/127\.0\.0\.1 is loopback/);
    expect(literalHostReason("http://0x7f.1/", ssrfPolicy([]))).toMatch(/127\.0\.0\.1 is loopback/);
  });

  it("refuses localhost names unless loopback is allowlisted", () => {
    expect(literalHostReason("http://localhost/", ssrfPolicy([]))).toMatch(/localhost is loopback/);
    expect(literalHostReason("http://api.localhost:3000/", ssrfPolicy([]))).toMatch(/loopback/);
    expect(literalHostReason("http://LOCALHOST./", ssrfPolicy([]))).toMatch(/loopback/);
    expect(literalHostReason("http://localhost/", ssrfPolicy(loopbackOnly))).toBeNull();
  });

  it("leaves other hostnames to the connect-time check", () => {
    expect(literalHostReason("https://example.com/", ssrfPolicy([]))).toBeNull();
    expect(literalHostReason("https://localhost.example.com/", ssrfPolicy([]))).toBeNull();
  });

  it("allows allowlisted and public literals", () => {
    expect(literalHostReason("http://127.0.0.1:3000/hook", ssrfPolicy(loopbackOnly))).toBeNull();
    expect(literalHostReason("http://[::ffff:127.0.0.1]/", ssrfPolicy(loopbackOnly))).toBeNull();
    expect(literalHostReason("https://93.184.216.34/", ssrfPolicy([]))).toBeNull();
    expect(literalHostReason("https://[2606:2800:220:1::]/", ssrfPolicy([]))).toBeNull();
  });

  it("rejects unparseable URLs", () => {
    expect(literalHostReason("not a url", ssrfPolicy([]))).toMatch(/not a valid URL/);
  });
});
