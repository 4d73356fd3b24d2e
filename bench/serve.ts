import http from "node:http";
import type { AddressInfo } from "node:net";

export type Served = { url: string; close(): Promise<void> };

/**
 * A thin node:http front for a fetch-style handler: buffers the body, builds a Request, writes the
 * Response back. Deliberately nothing else (no contract checks as in test/support), so the ingest
 * figure measures the core rather than the harness.
 */
export async function serveHandler(handle: (req: Request) => Promise<Response>): Promise<Served> {
  const server = http.createServer((req, res) => {
    void respond(handle, req, res);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function respond(
  handle: (req: Request) => Promise<Response>,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string") headers.set(name, value);
      else if (value) for (const v of value) headers.append(name, v);
    }
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(`http://${req.headers.host ?? "127.0.0.1"}${req.url ?? "/"}`, {
      method: req.method,
      headers,
      body: hasBody ? Buffer.concat(chunks) : undefined,
    });
    const response = await handle(request);
    const body = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(body);
  } catch (err) {
    console.error("bench server: handler failed", err);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  }
}
