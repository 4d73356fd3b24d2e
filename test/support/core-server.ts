import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import ipaddr from "ipaddr.js";
import { Svix } from "svix";
import { createCore, type Core, type CoreOptions } from "@/lib/core";
import type { Database } from "@/lib/db/client";
import { testDatabase } from "./database";
import { validateResponse } from "./openapi";

export const ORG_TOKEN = "test_org_token_0123456789abcdef";
export const LOOPBACK: CoreOptions["allowlist"] = [ipaddr.parseCIDR("127.0.0.1/32")];

export type TestCore = {
  url: string;
  core: Core;
  database: Database;
  svix: Svix;
  /** Responses that did not match the OpenAPI contract. */
  violations: string[];
  request(path: string, init?: RequestInit & { token?: string | null }): Promise<Response>;
  close(): Promise<void>;
};

/** Statuses svix-server sends (documented in its behaviour) that its OpenAPI file does not declare. */
const UNDECLARED_ERRORS = new Set([400, 405, 413, 500]);

/**
 * The embedded core served on 127.0.0.1 by a plain node:http server around the same request
 * handler Next.js serves, with a fresh database. Every response is checked against the contract.
 */
export async function startCore(overrides: Partial<CoreOptions> & { database?: Database } = {}): Promise<TestCore> {
  const database = overrides.database ?? (await testDatabase());
  const core = createCore({
    database,
    orgToken: ORG_TOKEN,
    secret: "test-secret-test-secret-test-secret-0123",
    portalUrl: "http://localhost:3000",
    allowlist: LOOPBACK,
    retryScheduleMs: [100, 200, 400],
    headerStyle: "webhook",
    dispatch: true,
    concurrency: 32,
    pollMs: 50,
    ...overrides,
  });
  const violations: string[] = [];
  const server = http.createServer((req, res) => {
    void serve(core, req, res, violations);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    core,
    database,
    violations,
    svix: new Svix(ORG_TOKEN, { serverUrl: url }),
    request(path, init = {}) {
      const { token = ORG_TOKEN, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (token !== null) headers.set("authorization", `Bearer ${token}`);
      if (rest.body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
      return fetch(url + path, { ...rest, headers });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await core.close();
      if (!overrides.database) await database.close();
    },
  };
}

async function serve(core: Core, req: http.IncomingMessage, res: http.ServerResponse, violations: string[]): Promise<void> {
  const url = `http://${req.headers.host}${req.url}`;
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const request = new Request(url, {
    method: req.method,
    headers: req.headers as Record<string, string>,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    duplex: "half",
  } as RequestInit);
  const response = await core.handle(request);
  const text = await response.text();
  for (const problem of contractProblems(req.method ?? "GET", req.url ?? "/", response.status, text)) {
    violations.push(`${req.method} ${req.url} → ${response.status}: ${problem}`);
  }
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(text);
}

function contractProblems(method: string, url: string, status: number, text: string): string[] {
  if (UNDECLARED_ERRORS.has(status)) {
    const body = JSON.parse(text) as { code?: unknown; detail?: unknown };
    return typeof body.code === "string" && typeof body.detail === "string" ? [] : ["error body is not {code, detail}"];
  }
  // Svix Cloud's replay-missing is not in svix-server's file; its 202 body is Cloud's ReplayOut.
  if (method === "POST" && /\/replay-missing$/.test(url.split("?")[0]!) && status === 202) return replayOutProblems(text);
  // Porthole's own extension: cancelling an endpoint's bulk deliveries.
  if (method === "POST" && /\/bulk\/cancel$/.test(url.split("?")[0]!) && status === 200) return bulkCancelledProblems(text);
  // The spec declares no success status for these deletes; svix-server answers 204.
  if (method === "DELETE" && /\/content$/.test(url.split("?")[0]!) && status === 204) return text === "" ? [] : ["204 with a body"];
  return validateResponse(method, url, status, text);
}

function bulkCancelledProblems(text: string): string[] {
  const body = JSON.parse(text) as Record<string, unknown>;
  const ok = Number.isInteger(body.cancelled) && Number.isInteger(body.stillQueued) && Object.keys(body).length === 2;
  return ok ? [] : [`not {cancelled, stillQueued}: ${text}`];
}

function replayOutProblems(text: string): string[] {
  const body = JSON.parse(text) as Record<string, unknown>;
  const ok =
    typeof body.id === "string" &&
    body.id.startsWith("qtask_") &&
    ["running", "finished", "failed"].includes(String(body.status)) &&
    body.task === "endpoint.replay" &&
    typeof body.updatedAt === "string" &&
    !Number.isNaN(Date.parse(body.updatedAt));
  return ok ? [] : [`not a ReplayOut: ${text}`];
}
