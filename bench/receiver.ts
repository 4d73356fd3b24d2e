import http from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";

export type BenchReceiver = {
  url: string;
  /** Requests answered since the last reset. */
  count(): number;
  /** performance.now() at which each webhook-id arrived (first arrival wins). */
  arrivals: Map<string, number>;
  reset(): void;
  /** Resolves true once `count` requests have arrived, false when `timeoutMs` runs out first. */
  waitFor(count: number, timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
};

/**
 * The cheapest receiver node:http allows: answers 200 "ok" once the body is in, and remembers only
 * a counter and the arrival time per webhook-id, so it costs the same in every phase.
 */
export async function startBenchReceiver(): Promise<BenchReceiver> {
  let received = 0;
  const arrivals = new Map<string, number>();
  let waiter: { count: number; resolve: (ok: boolean) => void } | undefined;

  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const at = performance.now();
      received++;
      const id = req.headers["webhook-id"];
      if (typeof id === "string" && !arrivals.has(id)) arrivals.set(id, at);
      res.writeHead(200, { "content-type": "text/plain", "content-length": "2" });
      res.end("ok");
      if (waiter && received >= waiter.count) waiter.resolve(true);
    });
  });
  // Phases are seconds apart; keep connections open across the gaps so no phase pays for reconnects.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    count: () => received,
    arrivals,
    reset() {
      received = 0;
      arrivals.clear();
    },
    waitFor(count, timeoutMs) {
      if (received >= count) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => finish(false), timeoutMs);
        function finish(ok: boolean) {
          clearTimeout(timer);
          waiter = undefined;
          resolve(ok);
        }
        waiter = { count, resolve: finish };
      });
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
