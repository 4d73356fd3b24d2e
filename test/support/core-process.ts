/**
 * The embedded core as its own process, booted the way Next.js boots it (`runtime()`: env, secrets,
 * database, migrations, seed, core with its inline dispatcher) and served over node:http on an
 * ephemeral 127.0.0.1 port. Run with tsx; prints "ready <url>" once it accepts requests.
 * Tests use it to SIGKILL a whole single-process deployment (PGlite) and start it again.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { runtime } from "@/lib/runtime";

const { core, database } = await runtime();
if (!core) throw new Error("core-process: CORE_API_URL must not be set");

const server = http.createServer((req, res) => {
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const request = new Request(`http://${req.headers.host}${req.url}`, {
    method: req.method,
    headers: req.headers as Record<string, string>,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    duplex: "half",
  } as RequestInit);
  void core.handle(request).then(async (response) => {
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
console.log(`ready http://127.0.0.1:${(server.address() as AddressInfo).port}`);

// SIGTERM is the clean way out (the crash test uses SIGKILL): finish deliveries, close the database.
process.once("SIGTERM", () => {
  server.closeAllConnections();
  server.close();
  void core
    .close()
    .then(() => database.close())
    .then(() => process.exit(0));
});
