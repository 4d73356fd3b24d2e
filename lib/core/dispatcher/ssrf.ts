import dns from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { Agent, buildConnector, type Dispatcher } from "undici";

export type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

const POLICY = "endpoints may not target private or internal networks";

const RANGE_LABELS: Record<string, string> = {
  unspecified: "unspecified",
  broadcast: "broadcast",
  multicast: "multicast",
  linkLocal: "link-local",
  loopback: "loopback",
  carrierGradeNat: "carrier-grade NAT",
  private: "private",
  reserved: "reserved",
  benchmarking: "reserved for benchmarking",
  amt: "reserved for AMT",
  as112: "reserved for AS112",
  as112v6: "reserved for AS112",
  uniqueLocal: "unique-local",
  ipv4Mapped: "IPv4-mapped",
  ipv4Compatible: "IPv4-compatible",
  rfc6145: "IPv4-translated (RFC 6145)",
  rfc6052: "NAT64 (RFC 6052)",
  "6to4": "6to4",
  teredo: "Teredo",
  orchid2: "ORCHIDv2",
  droneRemoteIdProtocolEntityTags: "reserved for drone remote ID",
};

/** Raised by the guarded agent so the sender can tell a policy refusal from a network failure. */
export class ForbiddenAddressError extends Error {
  readonly code = "ERR_FORBIDDEN_ADDRESS";

  constructor(reason: string) {
    super(reason);
    this.name = "ForbiddenAddressError";
  }
}

/** IPv4-mapped allowlist entries are folded to IPv4 so they match addresses after `ipaddr.process`. */
function normaliseCidr([network, bits]: Cidr): Cidr {
  if (network instanceof ipaddr.IPv6 && network.isIPv4MappedAddress() && bits >= 96) {
    return [network.toIPv4Address(), bits - 96];
  }
  return [network, bits];
}

function inCidr(ip: ipaddr.IPv4 | ipaddr.IPv6, cidr: Cidr): boolean {
  const [network, bits] = normaliseCidr(cidr);
  // ipaddr.js throws when matching across address families.
  return ip.kind() === network.kind() && ip.match(network, bits);
}

function rangeOf(ip: ipaddr.IPv4 | ipaddr.IPv6): string {
  // ::/96 (deprecated IPv4-compatible) reports as unicast in ipaddr.js, but some stacks still route it to IPv4.
  const range = ip.range();
  if (range === "unicast" && ip instanceof ipaddr.IPv6 && ip.parts.slice(0, 6).every((part) => part === 0)) {
    return "ipv4Compatible";
  }
  return range;
}

/** Null when the address may be contacted; otherwise a human-readable refusal. */
export function forbiddenReason(address: string, allowlist: Cidr[]): string | null {
  if (!ipaddr.isValid(address)) return `address ${address} is not a valid IP address`;
  const ip = ipaddr.process(address);
  if (allowlist.some((cidr) => inCidr(ip, cidr))) return null;
  const range = rangeOf(ip);
  if (range === "unicast") return null;
  const normalised = ip.toString();
  const shown = normalised === address ? address : `${address} (${normalised})`;
  return `address ${shown} is ${RANGE_LABELS[range] ?? range}; ${POLICY}`;
}

/**
 * What the guard lets through although it is internal: the ranges of ENDPOINT_ALLOWLIST, and exact
 * URLs (Porthole's own demo receiver). Only an exact URL is exempt: another path, query, port or
 * spelling of the same host is refused as before.
 */
export type SsrfPolicy = { readonly allowlist: Cidr[]; readonly exemptUrls: ReadonlySet<string> };

export function ssrfPolicy(allowlist: Cidr[], exemptUrls: string[] = []): SsrfPolicy {
  return { allowlist, exemptUrls: new Set(exemptUrls.map((u) => exemptKey(new URL(u)))) };
}

/** Origin, path and query: what a request sends (credentials and fragment never travel). */
function exemptKey(url: URL): string {
  return `${url.origin}${url.pathname}${url.search}`;
}

function isExemptUrl(url: URL, policy: SsrfPolicy): boolean {
  if (policy.exemptUrls.size === 0 || url.username || url.password || url.hash) return false;
  return policy.exemptUrls.has(exemptKey(url));
}

/**
 * Early check for endpoint URLs. Hostnames other than localhost pass here because they are
 * resolved and checked at connect time by the guarded agent.
 */
export function literalHostReason(url: string, policy: SsrfPolicy): string | null {
  const { allowlist } = policy;
  let hostname: string;
  try {
    const parsed = new URL(url);
    if (isExemptUrl(parsed, policy)) return null;
    hostname = parsed.hostname;
  } catch {
    // Not the URL itself: this text is kept as the attempt's response, and a URL may hold a password.
    return "the endpoint URL is not a valid URL";
  }
  if (hostname.startsWith("[") && hostname.endsWith("]")) hostname = hostname.slice(1, -1);
  if (isIP(hostname) !== 0) return forbiddenReason(hostname, allowlist);

  const bare = hostname.replace(/\.$/, "").toLowerCase();
  if ((bare === "localhost" || bare.endsWith(".localhost")) && forbiddenReason("127.0.0.1", allowlist) !== null) {
    return `host ${hostname} is loopback; ${POLICY}`;
  }
  return null;
}

/** A `net` lookup that fails unless every resolved address passes forbiddenReason. */
export function guardedLookup(allowlist: Cidr[]): LookupFunction {
  return (hostname, options, callback) => {
    // Resolve every address even when net asked for one, so no forbidden record can slip through.
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) {
        callback(err, "");
        return;
      }
      for (const { address } of addresses) {
        const reason = forbiddenReason(address, allowlist);
        if (reason !== null) {
          callback(new ForbiddenAddressError(reason), "");
          return;
        }
      }
      if (options.all) {
        callback(null, addresses);
        return;
      }
      const first = addresses[0];
      if (!first) {
        const notFound: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
        notFound.code = "ENOTFOUND";
        callback(notFound, "");
        return;
      }
      callback(null, first.address, first.family);
    });
  };
}

/**
 * An undici Agent that refuses forbidden addresses at connect time. Checking the addresses the
 * socket actually connects to (not a separate pre-resolution) is what defeats DNS rebinding.
 */
export function createGuardedAgent(opts: { policy: SsrfPolicy; connectTimeoutMs?: number; connections?: number }): Agent {
  const { allowlist, exemptUrls } = opts.policy;
  const base = buildConnector({
    lookup: guardedLookup(allowlist),
    timeout: opts.connectTimeoutMs ?? 10_000,
    keepAlive: true,
  });
  const connect: buildConnector.connector = (options, callback) => {
    // net.connect skips `lookup` for IP literals, so they are checked here instead.
    if (isIP(options.hostname) !== 0) {
      const reason = forbiddenReason(options.hostname, allowlist);
      if (reason !== null) {
        callback(new ForbiddenAddressError(reason), null);
        return;
      }
    }
    base(options, callback);
  };
  const agentOptions = { pipelining: 1, connections: opts.connections ?? null };
  const guarded = { ...agentOptions, connect };
  if (exemptUrls.size === 0) return new Agent(guarded);
  const direct = new Agent({ ...agentOptions, connect: { timeout: opts.connectTimeoutMs ?? 10_000, keepAlive: true } });
  return new ExemptingAgent(guarded, direct, exemptUrls);
}

/**
 * The guarded agent plus a plain one for the exempt URLs. The choice is made per request, on the
 * exact origin and path: connections are pooled per origin, so sharing one pool would let other
 * paths of the same origin ride on a connection opened for the exempt URL.
 */
class ExemptingAgent extends Agent {
  constructor(
    options: Agent.Options,
    private readonly direct: Agent,
    private readonly exempt: ReadonlySet<string>,
  ) {
    super(options);
  }

  override dispatch(options: Agent.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    if (this.isExempt(options)) return this.direct.dispatch(options, handler);
    return super.dispatch(options, handler);
  }

  // undici's promise forms call the callback forms, and a close ends in destroy(): the direct
  // agent closes first (finishing its requests), and whichever way the guarded one goes, it follows.
  override close(): Promise<void>;
  override close(callback: () => void): void;
  override close(callback?: () => void): Promise<void> | void {
    if (!callback) return new Promise<void>((resolve) => this.close(() => resolve()));
    const closeGuarded = () => super.close(callback);
    this.direct.close().then(closeGuarded, closeGuarded);
  }

  override destroy(): Promise<void>;
  override destroy(err: Error | null): Promise<void>;
  override destroy(callback: () => void): void;
  override destroy(err: Error | null, callback: () => void): void;
  override destroy(a?: Error | null | (() => void), b?: () => void): Promise<void> | void {
    const err = typeof a === "function" ? null : (a ?? null);
    const callback = typeof a === "function" ? a : b;
    if (!callback) return new Promise<void>((resolve) => this.destroy(err, () => resolve()));
    super.destroy(err, () => void this.direct.destroy(err).then(callback, callback));
  }

  /** Compared as sent (not resolved, so a path like `//host/…` cannot pose as the exempt one). */
  private isExempt(options: Agent.DispatchOptions): boolean {
    if (options.origin === undefined) return false;
    return this.exempt.has(`${String(options.origin).replace(/\/$/, "")}${options.path}`);
  }
}
