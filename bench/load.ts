import { performance } from "node:perf_hooks";

/** No single bench request may hang the run: undici's own defaults are five minutes. */
export const REQUEST_TIMEOUT_MS = 30_000;

export type LoadResult = {
  ms: number;
  done: number;
  failed: number;
  perSecond: number;
  /** CPU time this process spent per completed task: steadier than wall time on a busy machine. */
  cpuUsPerOp: number;
  timedOut: boolean;
};

/** CPU microseconds (user + system) this process used since `since`. */
export function cpuSince(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return d.user + d.system;
}

/**
 * Runs `task(0..n-1)` with at most `concurrency` in flight (closed loop: each worker starts its next
 * task when the previous one settles). Stops early at `deadlineMs` so a stuck phase cannot hang the run.
 */
export async function closedLoop(
  n: number,
  concurrency: number,
  task: (i: number) => Promise<boolean>,
  deadlineMs: number,
): Promise<LoadResult> {
  let next = 0;
  let done = 0;
  let failed = 0;
  let firstError: unknown;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const stopAt = started + deadlineMs;
  async function worker(): Promise<void> {
    while (next < n && performance.now() < stopAt) {
      const i = next++;
      try {
        if (await task(i)) done++;
        else failed++;
      } catch (err) {
        failed++;
        firstError ??= err;
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
  const ms = performance.now() - started;
  const cpuUs = cpuSince(cpu);
  if (firstError !== undefined) console.error("bench: a task failed:", firstError);
  return { ms, done, failed, perSecond: (done / ms) * 1000, cpuUsPerOp: cpuUs / Math.max(1, done), timedOut: done + failed < n };
}

/**
 * A baseline measured right before and right after the phase it is compared with: on a shared
 * machine the two can differ by 2× within a minute, and the mean tracks the phase better than either.
 */
export type Baseline = { perSecond: number; runs: LoadResult[] };

export function baseline(runs: LoadResult[]): Baseline {
  return { perSecond: runs.reduce((sum, r) => sum + r.perSecond, 0) / runs.length, runs };
}

/**
 * Open loop: starts `send(i)` at `t0 + i / rate` whether or not earlier sends have finished, so a
 * slow server shows up as latency instead of silently lowering the offered rate. Returns every send.
 */
export async function openLoop(count: number, rate: number, send: (i: number) => Promise<void>): Promise<{ sends: Promise<void>[]; maxLagMs: number }> {
  const sends: Promise<void>[] = [];
  const intervalMs = 1000 / rate;
  const t0 = performance.now();
  let maxLagMs = 0;
  for (let i = 0; i < count; i++) {
    const due = t0 + i * intervalMs;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    maxLagMs = Math.max(maxLagMs, performance.now() - due);
    sends.push(send(i));
  }
  return { sends, maxLagMs };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits for `promises` to settle, but at most `ms`; false when time ran out first. */
export async function settleWithin(promises: Promise<unknown>[], ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const settled = Promise.allSettled(promises).then(() => true as const);
  try {
    return await Promise.race([settled, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
