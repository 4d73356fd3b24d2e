import ipaddr from "ipaddr.js";

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/**
 * Which X-Forwarded-For entries to believe (TRUSTED_PROXIES). `none`: no proxy in front, the
 * socket's address is the client. `hops`: that many proxies in front, each appending the address
 * it was connected from. `ranges`: proxies are the addresses in these CIDRs, however many.
 */
export type TrustedProxies = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "ranges"; ranges: Range[] };

export const NO_PROXIES: TrustedProxies = { kind: "none" };

/** Set by scripts/peer-address.mjs, which `npm start` loads into the server before Next.js. */
const PEER_HEADER = Symbol.for("porthole.peer-header");

/**
 * The address the request's connection came from. Next.js only fills X-Forwarded-For from the
 * socket when the client sent none, so the preload stamps it under its own name, overwriting any
 * client-sent value. Without the preload (`next dev`) the header is anybody's to send: unknown.
 */
export function peerAddress(req: Request): string | null {
  const name = (globalThis as { [PEER_HEADER]?: unknown })[PEER_HEADER];
  if (typeof name !== "string") return null;
  return normalise(req.headers.get(name));
}

/** The client's address: the socket's, or the forwarded entry TRUSTED_PROXIES says to believe. */
export function clientIp(req: Request, trusted: TrustedProxies = NO_PROXIES): string | null {
  const peer = peerAddress(req);
  if (peer === null || trusted.kind === "none") return peer;
  const forwarded = (req.headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim());
  const chain = [...forwarded.filter(Boolean), peer];
  let i = chain.length - 1;
  if (trusted.kind === "hops") {
    i = Math.max(0, i - trusted.hops);
  } else {
    while (i > 0 && inRanges(chain[i]!, trusted.ranges)) i--;
  }
  // An entry that is not an address was invented upstream of the last proxy we trust: that proxy
  // is as near as we can name, never the text itself.
  for (; i < chain.length; i++) {
    const ip = normalise(chain[i]!);
    if (ip !== null) return ip;
  }
  return peer;
}

/**
 * What a per-client rate limit counts by: the address, or for IPv6 its /64, which one subscriber
 * usually holds whole (counting single IPv6 addresses would give each client 2^64 budgets).
 */
export function rateLimitSubject(ip: string | null): string {
  if (ip === null) return "unknown";
  const parsed = ipaddr.parse(ip);
  if (parsed.kind() === "ipv4") return ip;
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `${new ipaddr.IPv6([...parts, 0, 0, 0, 0]).toString()}/64`;
}

/** Dotted quads and IPv6 only: ipaddr.js would also take `1.2.3` or `0x7f.1`, which no proxy writes. */
function isAddress(value: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(value) || ipaddr.IPv6.isValid(value);
}

function normalise(value: string | null): string | null {
  if (!value || !isAddress(value)) return null;
  // `::ffff:203.0.113.7` (a dual-stack socket's IPv4 client) reads as 203.0.113.7.
  return ipaddr.process(value).toString();
}

function inRanges(value: string, ranges: Range[]): boolean {
  if (!isAddress(value)) return false;
  const ip = ipaddr.process(value);
  return ranges.some(([base, bits]) => ip.kind() === base.kind() && ip.match(base, bits));
}
