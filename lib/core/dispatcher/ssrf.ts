import dns from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { Agent, buildConnector } from "undici";

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
 * Early check for endpoint URLs. Hostnames other than localhost pass here because they are
 * resolved and checked at connect time by the guarded agent.
 */
export function literalHostReason(url: string, allowlist: Cidr[]): string | null {
  let hostname: string;
  try {
    hostname = new URL(url).hostname;
  } catch {
    return `${url} is not a valid URL`;
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
export function createGuardedAgent(opts: {
  allowlist: Cidr[];
  connectTimeoutMs?: number;
  connections?: number;
}): Agent {
  const { allowlist } = opts;
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
  return new Agent({
    connect,
    pipelining: 1,
    connections: opts.connections ?? null,
  });
}
