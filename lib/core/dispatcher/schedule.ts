/** When to try again after `attemptsMade` scheduled attempts, or null when retries are exhausted. */
export function nextDelayMs(
  scheduleMs: number[],
  attemptsMade: number,
  outcome: { timedOut: boolean; retryAfterMs: number | null },
  random: () => number = Math.random,
): number | null {
  const base = scheduleMs[attemptsMade - 1];
  if (base === undefined) return null;
  // ±20 % jitter spreads retries of a burst of failures over time.
  let delay = base * (0.8 + 0.4 * random());
  // A timed-out receiver is likely overloaded: give it at least a minute.
  if (outcome.timedOut) delay = Math.max(delay, 60_000);
  // Retry-After is honoured, but only within [delay, 2 × delay].
  if (outcome.retryAfterMs !== null) delay = Math.min(Math.max(outcome.retryAfterMs, delay), 2 * delay);
  return Math.round(delay);
}
