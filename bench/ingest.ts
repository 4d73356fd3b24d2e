import { Agent, request } from "undici";
import { REQUEST_TIMEOUT_MS, closedLoop, type LoadResult } from "./load";
import { EVENT_TYPE, samplePayload } from "./payload";
import { messageHeaders } from "./setup";

/** Untimed requests first (to an app without endpoints), so JIT compilation is not measured. */
const WARMUP = 500;

/**
 * POST /api/v1/app/{app}/msg over keep-alive connections, `concurrency` at a time, each with its own
 * idempotency key as the SDK sends. A warm-up batch goes to `warmupAppId` (an app without
 * endpoints) so it leaves no delivery work behind.
 */
export async function ingestMessages(
  baseUrl: string,
  appId: string,
  warmupAppId: string,
  n: number,
  concurrency: number,
  deadlineMs: number,
): Promise<LoadResult> {
  const agent = new Agent({ connections: concurrency, pipelining: 1 });
  const send = (app: string) => async (i: number): Promise<boolean> => {
    const res = await request(`${baseUrl}/api/v1/app/${app}/msg`, {
      dispatcher: agent,
      headersTimeout: REQUEST_TIMEOUT_MS,
      bodyTimeout: REQUEST_TIMEOUT_MS,
      method: "POST",
      headers: messageHeaders(),
      body: JSON.stringify({ eventType: EVENT_TYPE, payload: samplePayload(i) }),
    });
    const text = await res.body.text();
    if (res.statusCode !== 202) throw new Error(`ingest answered ${res.statusCode}: ${text}`);
    return true;
  };
  try {
    await closedLoop(Math.min(WARMUP, n), concurrency, send(warmupAppId), deadlineMs);
    return await closedLoop(n, concurrency, send(appId), deadlineMs);
  } finally {
    await agent.close();
  }
}
