/** Bench settings: `--name=value` on the command line wins over `BENCH_NAME` in the environment. */
export type BenchOptions = {
  /** Requests, inserts, messages and deliveries per throughput phase. */
  n: number;
  /** Length of the open-loop latency run. */
  seconds: number;
  /** Messages per second in the latency run. */
  rate: number;
  /** Dispatcher concurrency; baseline A uses the same number of concurrent requests. */
  concurrency: number;
  /** Concurrent API clients in the ingest phase; baseline B uses the same number. */
  ingestConcurrency: number;
  /** Postgres pool size (undefined: the application's default). */
  poolSize: number | undefined;
  json: boolean;
};

const NAMES = ["n", "seconds", "rate", "concurrency", "ingest-concurrency", "pool", "json"];

const DEFAULTS = { n: 5000, seconds: 10, rate: 200, concurrency: 64, ingestConcurrency: 32 };

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m || !NAMES.includes(m[1]!)) throw new Error(`unknown argument ${arg}; known: ${NAMES.map((n) => `--${n}`).join(" ")}`);
    flags.set(m[1]!, m[2] ?? "true");
  }
  const value = (name: string): string | undefined =>
    flags.get(name) ?? env[`BENCH_${name.toUpperCase().replace(/-/g, "_")}`];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = value(name);
    if (raw === undefined || raw === "") return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer in ${min}..${max}, got ${raw}`);
    return n;
  };
  const pool = value("pool");
  return {
    n: int("n", DEFAULTS.n, 1, 1_000_000),
    seconds: int("seconds", DEFAULTS.seconds, 1, 600),
    rate: int("rate", DEFAULTS.rate, 1, 10_000),
    concurrency: int("concurrency", DEFAULTS.concurrency, 1, 1024),
    ingestConcurrency: int("ingest-concurrency", DEFAULTS.ingestConcurrency, 1, 1024),
    poolSize: pool === undefined || pool === "" ? undefined : int("pool", 20, 1, 90),
    json: value("json") === "true" || value("json") === "1",
  };
}
