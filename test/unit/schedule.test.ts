import { describe, expect, it } from "vitest";
import { nextDelayMs } from "@/lib/core/dispatcher/schedule";

const SVIX = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];
const plain = { timedOut: false, retryAfterMs: null };
const fixed = (r: number) => () => r;

describe("nextDelayMs", () => {
  it("follows the schedule, one entry per attempt made", () => {
    const middle = fixed(0.5);
    expect(SVIX.map((_, i) => nextDelayMs(SVIX, i + 1, plain, middle))).toEqual(SVIX);
  });

  it("jitters each delay by at most ±20 %", () => {
    expect(nextDelayMs(SVIX, 1, plain, fixed(0))).toBe(4_000);
    expect(nextDelayMs(SVIX, 1, plain, fixed(0.999999))).toBe(6_000);
    expect(nextDelayMs(SVIX, 2, plain, fixed(0.25))).toBe(270_000);
    for (let i = 0; i < 200; i++) {
      const d = nextDelayMs(SVIX, 3, plain)!;
      expect(d).toBeGreaterThanOrEqual(1_440_000);
      expect(d).toBeLessThanOrEqual(2_160_000);
    }
  });

  it("is exhausted after the last entry, and for an empty schedule at once", () => {
    expect(nextDelayMs(SVIX, SVIX.length, plain, fixed(0.5))).toBe(36_000_000);
    expect(nextDelayMs(SVIX, SVIX.length + 1, plain)).toBeNull();
    expect(nextDelayMs([100, 200], 3, plain)).toBeNull();
    expect(nextDelayMs([], 1, plain)).toBeNull();
  });

  it("waits at least a minute after a timeout", () => {
    expect(nextDelayMs([100], 1, { timedOut: true, retryAfterMs: null }, fixed(0.5))).toBe(60_000);
    // A scheduled delay already longer than a minute is kept.
    expect(nextDelayMs(SVIX, 2, { timedOut: true, retryAfterMs: null }, fixed(0.5))).toBe(300_000);
  });

  it("honours Retry-After within [delay, 2 × delay]", () => {
    const r = fixed(0.5);
    expect(nextDelayMs([10_000], 1, { timedOut: false, retryAfterMs: 15_000 }, r)).toBe(15_000);
    // Shorter than the schedule: the schedule wins.
    expect(nextDelayMs([10_000], 1, { timedOut: false, retryAfterMs: 1_000 }, r)).toBe(10_000);
    expect(nextDelayMs([10_000], 1, { timedOut: false, retryAfterMs: 0 }, r)).toBe(10_000);
    // Longer than twice the (jittered) delay: clamped.
    expect(nextDelayMs([10_000], 1, { timedOut: false, retryAfterMs: 3_600_000 }, r)).toBe(20_000);
    expect(nextDelayMs([10_000], 1, { timedOut: false, retryAfterMs: 3_600_000 }, fixed(0))).toBe(16_000);
  });

  it("does not let Retry-After revive an exhausted schedule", () => {
    expect(nextDelayMs([10_000], 2, { timedOut: false, retryAfterMs: 5_000 }, fixed(0.5))).toBeNull();
  });

  it("returns whole milliseconds", () => {
    expect(Number.isInteger(nextDelayMs([333], 1, plain, fixed(0.123)))).toBe(true);
  });
});
