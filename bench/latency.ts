import { performance } from "node:perf_hooks";
import { Agent, request } from "undici";
import { REQUEST_TIMEOUT_MS, openLoop, settleWithin } from "./load";
import { EVENT_TYPE, samplePayload } from "./payload";
import type { BenchReceiver } from "./receiver";
import { messageHeaders } from "./setup";
import { percentile } from "./stats";

/** How long deliveries may trail the last accepted message before they count as missing. */
const GRACE_MS = 10_000;

export type Distribution = { p50: number; p90: number; p99: number; max: number; count: number };

export type LatencyResult = {
  /** Receiver arrival − the moment just before the API POST was issued. */
  endToEnd: Distribution;
  /** API answer (202) − the same moment: what the sender waits for. */
  accepted: Distribution;
  sent: number;
  /** Sends answered 202 (the rest failed or were still unanswered when the wait ran out). */
  answered: number;
  failed: number;
  /** Messages accepted but not seen by the receiver within the grace period. */
  missing: number;
  /** Worst delay between a send's scheduled and actual start (the client's own event-loop lag). */
  maxScheduleLagMs: number;
};

/**
 * Sends `rate` messages per second for `seconds` (open loop) to a core whose dispatcher runs in
 * the same process, then joins the API's message ids with the receiver's webhook-id arrivals.
 */
export async function measureLatency(
  baseUrl: string,
  appId: string,
  rx: BenchReceiver,
  rate: number,
  seconds: number,
): Promise<LatencyResult> {
  const agent = new Agent({ connections: 64, pipelining: 1 });
  const sentAt = new Map<string, number>();
  const accepted: number[] = [];
  let failed = 0;
  rx.reset();
  const send = async (i: number): Promise<void> => {
    const body = JSON.stringify({ eventType: EVENT_TYPE, payload: samplePayload(i) });
    const t = performance.now();
    try {
      const res = await request(`${baseUrl}/api/v1/app/${appId}/msg`, {
        dispatcher: agent,
      headersTimeout: REQUEST_TIMEOUT_MS,
      bodyTimeout: REQUEST_TIMEOUT_MS,
        method: "POST",
        headers: messageHeaders(),
        body,
      });
      const text = await res.body.text();
      if (res.statusCode !== 202) throw new Error(`answered ${res.statusCode}: ${text}`);
      accepted.push(performance.now() - t);
      sentAt.set((JSON.parse(text) as { id: string }).id, t);
    } catch (err) {
      if (failed++ === 0) console.error("bench: a latency send failed:", err);
    }
  };
  try {
    const total = rate * seconds;
    const { sends, maxLagMs } = await openLoop(total, rate, send);
    // Both waits are bounded: an overloaded core shows up as missing deliveries, not as a hung bench.
    await settleWithin(sends, REQUEST_TIMEOUT_MS);
    await rx.waitFor(sentAt.size, GRACE_MS);
    const latencies: number[] = [];
    let missing = 0;
    for (const [id, t] of sentAt) {
      const arrived = rx.arrivals.get(id);
      if (arrived === undefined) missing++;
      else latencies.push(arrived - t);
    }
    return {
      endToEnd: distribution(latencies),
      accepted: distribution(accepted),
      sent: total,
      answered: accepted.length,
      failed,
      missing,
      maxScheduleLagMs: maxLagMs,
    };
  } finally {
    await agent.close();
  }
}

function distribution(values: number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    count: sorted.length,
  };
}
