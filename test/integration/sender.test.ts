import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";
import tls from "node:tls";
import ipaddr from "ipaddr.js";
import { request, type Agent } from "undici";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { MAX_RESPONSE_BYTES, parseRetryAfter, sendWebhook } from "@/lib/core/dispatcher/sender";
import {
  type Cidr,
  createGuardedAgent,
  ForbiddenAddressError,
  guardedLookup,
  ssrfPolicy,
} from "@/lib/core/dispatcher/ssrf";

type Receiver = {
  url: string;
  port: number;
  hits: number;
  requests: { headers: IncomingMessage["headers"]; body: string }[];
  close: () => Promise<void>;
};

const receivers: Receiver[] = [];

async function startReceiver(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Receiver> {
  const server = createServer((req, res) => {
    receiver.hits += 1;
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      receiver.requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      handler(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const receiver: Receiver = {
    url: `http://127.0.0.1:${port}/`,
    port,
    hits: 0,
    requests: [],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  receivers.push(receiver);
  return receiver;
}

const loopback: Cidr[] = [ipaddr.parseCIDR("127.0.0.1/32")];
const headers = { "content-type": "application/json", "webhook-id": "msg_1" };
const payload = JSON.stringify({ type: "ping" });

let agent: Agent;
let strictAgent: Agent;

beforeAll(() => {
  agent = createGuardedAgent({ policy: ssrfPolicy(loopback), connectTimeoutMs: 2_000 });
  strictAgent = createGuardedAgent({ policy: ssrfPolicy([]) });
});

afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

afterAll(async () => {
  await agent.close();
  await strictAgent.close();
});

function send(url: string, opts: { timeoutMs?: number; allowlist?: Cidr[]; headers?: Record<string, string> } = {}) {
  return sendWebhook(opts.allowlist === undefined ? agent : strictAgent, {
    url,
    headers: opts.headers ?? headers,
    body: payload,
    timeoutMs: opts.timeoutMs ?? 5_000,
    ssrf: ssrfPolicy(opts.allowlist ?? loopback),
  });
}

describe("sendWebhook with 127.0.0.1 allowlisted", () => {
  it("delivers a POST and captures the response", async () => {
    const rx = await startReceiver((_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end("ok"));
    const result = await send(`${rx.url}hooks`);
    expect(result).toMatchObject({ statusCode: 200, body: "ok", timedOut: false, retryAfterMs: null });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(rx.requests).toHaveLength(1);
    expect(rx.requests[0]?.body).toBe(payload);
    expect(rx.requests[0]?.headers).toMatchObject({
      "content-type": "application/json",
      "webhook-id": "msg_1",
      "user-agent": "Porthole-Webhooks/1.0",
    });
  });

  it("keeps a caller-supplied user agent", async () => {
    const rx = await startReceiver((_req, res) => res.end());
    await send(rx.url, { headers: { ...headers, "User-Agent": "Custom/2" } });
    expect(rx.requests[0]?.headers["user-agent"]).toBe("Custom/2");
  });

  it("reports error statuses with their body", async () => {
    const rx = await startReceiver((_req, res) => res.writeHead(500).end("boom"));
    expect(await send(rx.url)).toMatchObject({ statusCode: 500, body: "boom", timedOut: false });
  });

  it("does not follow redirects", async () => {
    const target = await startReceiver((_req, res) => res.end("should not be reached"));
    const rx = await startReceiver((_req, res) => res.writeHead(302, { location: target.url }).end());
    const result = await send(rx.url);
    expect(result.statusCode).toBe(302);
    expect(target.hits).toBe(0);
  });

  it("times out when the receiver is slower than timeoutMs", async () => {
    let answered = false;
    const rx = await startReceiver((_req, res) => {
      setTimeout(() => {
        answered = true;
        res.end("late");
      }, 10_000).unref();
    });
    const result = await send(rx.url, { timeoutMs: 300 });
    expect(result).toMatchObject({ statusCode: 0, timedOut: true, body: "Request timed out after 300ms" });
    expect(result.durationMs).toBeGreaterThanOrEqual(250);
    // It gave up rather than waiting for the answer.
    expect(answered).toBe(false);
  });

  it("counts a stalled body against the same timeout", async () => {
    const rx = await startReceiver((_req, res) => {
      res.writeHead(200);
      res.write("partial");
    });
    const result = await send(rx.url, { timeoutMs: 300 });
    expect(result).toMatchObject({ statusCode: 0, timedOut: true });
  });

  it("formats whole-second timeouts in seconds", async () => {
    const rx = await startReceiver(() => undefined);
    const result = await send(rx.url, { timeoutMs: 1_000 });
    expect(result.body).toBe("Request timed out after 1s");
  });

  it("cuts the response body at 20,000 bytes", async () => {
    const rx = await startReceiver((_req, res) => res.end("a".repeat(30_000)));
    const result = await send(rx.url);
    expect(result.statusCode).toBe(200);
    expect(result.body).toHaveLength(MAX_RESPONSE_BYTES);
  });

  it("stops reading an endless body instead of buffering it", async () => {
    let closed = false;
    const rx = await startReceiver((_req, res) => {
      const chunk = Buffer.alloc(64 * 1024, "x");
      res.on("close", () => {
        closed = true;
      });
      const pump = (): void => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once("drain", pump);
      };
      res.writeHead(200);
      pump();
    });
    const result = await send(rx.url);
    expect(result.statusCode).toBe(200);
    expect(result.body).toHaveLength(MAX_RESPONSE_BYTES);
    await vi.waitFor(() => expect(closed).toBe(true));
  });

  it("keeps a body with a NUL byte as base64, since Postgres text cannot store it", async () => {
    const rx = await startReceiver((_req, res) => res.end("ok\u0000done"));
    const result = await send(rx.url);
    expect(result.statusCode).toBe(200);
    expect(Buffer.from(result.body, "base64").toString("utf8")).toBe("ok\u0000done");
  });

  it("keeps text whose last character is split by the cut", async () => {
    const rx = await startReceiver((_req, res) => res.end("x" + "é".repeat(15_000)));
    const result = await send(rx.url);
    expect(result.body).toBe("x" + "é".repeat(9_999));
  });

  it("base64-encodes a body that is not UTF-8", async () => {
    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x80, 0x81, 0x10]);
    const rx = await startReceiver((_req, res) => res.end(bytes));
    const result = await send(rx.url);
    expect(result.body).toBe(bytes.toString("base64"));
  });

  it("parses Retry-After in delta seconds", async () => {
    const rx = await startReceiver((_req, res) => res.writeHead(429, { "retry-after": "7" }).end());
    expect(await send(rx.url)).toMatchObject({ statusCode: 429, retryAfterMs: 7_000 });
  });

  it("parses Retry-After as an HTTP date", async () => {
    const at = new Date(Date.now() + 60_000).toUTCString();
    const rx = await startReceiver((_req, res) => res.writeHead(503, { "retry-after": at }).end());
    const result = await send(rx.url);
    expect(result.retryAfterMs).toBeGreaterThan(55_000);
    expect(result.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it("reports a refused connection without a stack trace", async () => {
    const rx = await startReceiver(() => undefined);
    await rx.close();
    const result = await send(rx.url);
    expect(result).toMatchObject({
      statusCode: 0,
      timedOut: false,
      body: "Connection refused (ECONNREFUSED)",
      retryAfterMs: null,
    });
  });
});

describe("sendWebhook SSRF protection", () => {
  it("refuses 127.0.0.1 when it is not allowlisted", async () => {
    const rx = await startReceiver((_req, res) => res.end("ok"));
    const result = await send(rx.url, { allowlist: [] });
    expect(result).toMatchObject({ statusCode: 0, timedOut: false });
    expect(result.body).toBe("address 127.0.0.1 is loopback; endpoints may not target private or internal networks");
    expect(rx.hits).toBe(0);
  });

  it("refuses an IPv4-mapped IPv6 literal", async () => {
    const rx = await startReceiver((_req, res) => res.end("ok"));
    const result = await send(`http://[::ffff:127.0.0.1]:${rx.port}/`, { allowlist: [] });
    expect(result.statusCode).toBe(0);
    expect(result.body).toMatch(/127\.0\.0\.1\) is loopback/);
    expect(rx.hits).toBe(0);
  });

  it("refuses localhost", async () => {
    const rx = await startReceiver((_req, res) => res.end("ok"));
    const result = await send(`http://localhost:${rx.port}/`, { allowlist: [] });
    expect(result.statusCode).toBe(0);
    expect(result.body).toMatch(/loopback/);
    expect(rx.hits).toBe(0);
  });

  it("refuses a hostname that resolves to a forbidden address at connect time", async () => {
    const rx = await startReceiver((_req, res) => res.end("ok"));
    // The sender's early check lets localhost through here, so only the agent's lookup stands in the way.
    const result = await sendWebhook(strictAgent, {
      url: `http://localhost:${rx.port}/`,
      headers,
      body: payload,
      timeoutMs: 5_000,
      ssrf: ssrfPolicy(loopback),
    });
    expect(result).toMatchObject({ statusCode: 0, timedOut: false });
    expect(result.body).toMatch(/^address (127\.0\.0\.1|::1) is loopback/);
    expect(rx.hits).toBe(0);
  });

  it.each(["http://10.0.0.1/", "http://169.254.169.254/latest/meta-data", "https://[fd00::1]/"])(
    "refuses %s before any connection is attempted",
    async (url) => {
      const netConnect = vi.spyOn(net, "connect");
      const tlsConnect = vi.spyOn(tls, "connect");
      const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
      const result = await send(url, { allowlist: [] });
      expect(result).toMatchObject({ statusCode: 0, timedOut: false, retryAfterMs: null });
      expect(result.body).toContain(`address ${host} is`);
      expect(netConnect).not.toHaveBeenCalled();
      expect(tlsConnect).not.toHaveBeenCalled();
    },
  );
});

describe("createGuardedAgent", () => {
  it("refuses IP literals itself, without opening a socket", async () => {
    const netConnect = vi.spyOn(net, "connect");
    const tlsConnect = vi.spyOn(tls, "connect");
    for (const url of ["http://10.0.0.1/", "https://169.254.169.254/", "http://[::ffff:127.0.0.1]:9/"]) {
      await expect(request(url, { dispatcher: strictAgent, method: "POST" })).rejects.toBeInstanceOf(
        ForbiddenAddressError,
      );
    }
    expect(netConnect).not.toHaveBeenCalled();
    expect(tlsConnect).not.toHaveBeenCalled();
  });

  it("refuses a hostname resolving to loopback in its lookup", async () => {
    const rx = await startReceiver((_req, res) => res.end("ok"));
    await expect(request(`http://localhost:${rx.port}/`, { dispatcher: strictAgent })).rejects.toThrow(
      /is loopback; endpoints may not target private or internal networks/,
    );
    expect(rx.hits).toBe(0);
  });

  it("connects through a hostname whose addresses are allowlisted", async () => {
    const rx = await startReceiver((_req, res) => res.end("ok"));
    const both = createGuardedAgent({ policy: ssrfPolicy([...loopback, ipaddr.parseCIDR("::1/128")]) });
    // Also proves the net.connect spy used by the refusal tests really sees connections.
    const netConnect = vi.spyOn(net, "connect");
    try {
      const res = await request(`http://localhost:${rx.port}/`, { dispatcher: both });
      expect(res.statusCode).toBe(200);
      expect(await res.body.text()).toBe("ok");
      expect(netConnect).toHaveBeenCalled();
    } finally {
      await both.close();
    }
  });
});

describe("guardedLookup", () => {
  const lookup = (allowlist: Cidr[], all: boolean) =>
    new Promise<{ err: NodeJS.ErrnoException | null; address: unknown; family: number | undefined }>((resolve) => {
      guardedLookup(allowlist)("localhost", { all }, (err, address, family) => resolve({ err, address, family }));
    });
  const loopbackV4V6: Cidr[] = [ipaddr.parseCIDR("127.0.0.0/8"), ipaddr.parseCIDR("::1/128")];

  it("answers a single address when net does not ask for all", async () => {
    const { err, address, family } = await lookup(loopbackV4V6, false);
    expect(err).toBeNull();
    expect(typeof address).toBe("string");
    expect([4, 6]).toContain(family);
  });

  it("answers the full list when net asks for all", async () => {
    const { err, address } = await lookup(loopbackV4V6, true);
    expect(err).toBeNull();
    expect(Array.isArray(address)).toBe(true);
  });

  it("fails with the reason in both modes", async () => {
    for (const all of [false, true]) {
      const { err } = await lookup([], all);
      expect(err).toBeInstanceOf(ForbiddenAddressError);
      expect(err?.message).toMatch(/is loopback/);
    }
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2025-01-01T00:00:00Z");

  it("reads delta seconds and HTTP dates", () => {
    expect(parseRetryAfter("0", now)).toBe(0);
    expect(parseRetryAfter(" 120 ", now)).toBe(120_000);
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter(["5", "9"], now)).toBe(5_000);
  });

  it("clamps past dates to zero", () => {
    expect(parseRetryAfter("Tue, 31 Dec 2024 23:00:00 GMT", now)).toBe(0);
  });

  it("returns null when absent or unreadable", () => {
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter("", now)).toBeNull();
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter("-5", now)).toBeNull();
    expect(parseRetryAfter("1.5", now)).toBeNull();
  });
});
